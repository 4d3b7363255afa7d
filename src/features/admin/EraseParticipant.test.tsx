import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminInput } from '../../domain/index.ts';
import { openTestData, renderWithData, type TestData } from '../../test-support.tsx';
import { EraseParticipant, type Erase } from './EraseParticipant.tsx';

let api: TestData;
let sent: AdminInput<'erase'>[];
let erased: number[];
beforeEach(async () => {
  api = await openTestData('koordinaattori');
  sent = [];
  erased = [];
});
afterEach(() => api.close());

const answering =
  (answer: Awaited<ReturnType<Erase>>): Erase =>
  async (input) => {
    sent.push(input);
    return answer;
  };

function show(erase: Erase, lang = 'fi') {
  renderWithData(api, <EraseParticipant name="Aino K." participantKey="aino0001" groupKey="pitstop01" onErased={(n) => erased.push(n)} erase={erase} />, lang);
}

describe("erasing a participant's data", () => {
  it('says what happens and what it cannot reach, and sends nothing until the name is typed', async () => {
    show(answering({ ok: true, value: { removed: 12 } }));
    fireEvent.click(screen.getByRole('button', { name: 'Poista tiedot: Aino K.' }));
    const panel = screen.getByRole('group', { name: 'Poistetaanko kaikki tiedot pysyvästi: Aino K.?' });
    expect(panel.textContent).toContain('Poistoa ei voi perua.');
    expect(panel.textContent).toContain('varmuuskopioihin');
    const confirm = screen.getByRole('button', { name: 'Poista pysyvästi: Aino K.' });
    fireEvent.click(confirm);
    await screen.findByText('Nimi ei täsmää. Kirjoita nimi niin kuin se näkyy yllä.');
    fireEvent.input(screen.getByLabelText('Vahvista kirjoittamalla nimi: Aino K.'), { target: { value: 'Aino' } });
    fireEvent.click(confirm);
    expect(screen.getByLabelText('Vahvista kirjoittamalla nimi: Aino K.').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    fireEvent.input(screen.getByLabelText('Vahvista kirjoittamalla nimi: Aino K.'), { target: { value: ' aino k. ' } });
    fireEvent.click(confirm);
    await screen.findByRole('button', { name: 'Poista tiedot: Aino K.' });
    expect(sent).toEqual([{ participantKey: 'aino0001', groupKey: 'pitstop01' }]);
    expect(erased).toEqual([12]);
  });

  it('can be cancelled, and shows the server’s refusal in the person’s language', async () => {
    show(answering({ ok: false, problems: [{ path: '', key: 'srv.noSuchParticipant' }] }), 'sv');
    fireEvent.click(await screen.findByRole('button', { name: 'Radera uppgifterna: Aino K.' }));
    fireEvent.click(screen.getByRole('button', { name: 'Avbryt' }));
    expect(screen.queryByRole('group')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Radera uppgifterna: Aino K.' }));
    fireEvent.input(screen.getByLabelText('Bekräfta genom att skriva namnet: Aino K.'), { target: { value: 'Aino K.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Radera permanent: Aino K.' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Deltagaren finns inte.');
    expect(erased).toEqual([]);
  });
});
