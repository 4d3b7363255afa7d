import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyOf, ROLE } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { AdminScreen } from './AdminScreen.tsx';

let api: TestData;
let people: string[];
let sent: { url: string; body: unknown }[];
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY), ROLE.coordinatorOf(GROUP_KEY)]);
  people = await seedGroup(api, 2);
  sent = [];
  // The admin API, as far as the screen sees it.
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    sent.push({ url, body: JSON.parse(init.body) });
    return new Response(JSON.stringify({ ok: true, removed: 7 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await api.close();
});

describe('erasing from Administration', () => {
  it('is offered for every participant, an ended one too, and says what was done once the server has done it', async () => {
    await api.store.edit('participant', SCOPE, people[1]!, { status: 'ended', endDate: '2026-09-30' });
    renderWithData(api, <AdminScreen />);
    await screen.findByRole('button', { name: 'Poista tiedot: Osallistuja 1' });
    fireEvent.click(await screen.findByRole('button', { name: 'Poista tiedot: Osallistuja 2' }));
    fireEvent.input(screen.getByLabelText('Vahvista kirjoittamalla nimi: Osallistuja 2'), { target: { value: 'Osallistuja 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Poista pysyvästi: Osallistuja 2' }));
    const said = await screen.findByText('Tiedot poistettu palvelimelta: Osallistuja 2 (7 asiakirjaa). Laitteet poistavat ne seuraavalla synkronoinnilla.');
    expect(said.getAttribute('role')).toBe('status');
    expect(sent).toEqual([{ url: '/api/admin/erase', body: { participantKey: keyOf(people[1]!), groupKey: GROUP_KEY } }]);
  });
});
