import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { RosterScreen } from './RosterScreen.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData();
  await seedGroup(api, 3);
  location.hash = '#/';
});
afterEach(() => api.close());

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const stored = async () => (await api.db.docs.find({ selector: { type: 'participant' } }).exec()).map((d) => d.toJSON());

describe('roster', () => {
  it('finds people by name or village and by status', async () => {
    renderWithData(api, <RosterScreen scope={SCOPE} />);
    await screen.findByText('Näytetään 3 / 3');
    type('Hae nimellä tai kylällä', 'ja 2');
    await screen.findByText('Näytetään 1 / 3');
    expect(screen.getByRole('link', { name: /Osallistuja 2/ })).toBeTruthy();
    type('Hae nimellä tai kylällä', 'kylmä');
    await screen.findByText('Näytetään 3 / 3');
    fireEvent.change(screen.getByLabelText('Näytä'), { target: { value: 'ended' } });
    await screen.findByText('Näytetään 0 / 3');
  });

  it('reports every problem of the participant form in one round', async () => {
    renderWithData(api, <RosterScreen scope={SCOPE} />);
    await screen.findByText('Näytetään 3 / 3');
    fireEvent.click(await screen.findByRole('button', { name: 'Lisää osallistuja' }));
    // No name or village, a phone number without consent and a bad email: all at once.
    type('Puhelin', '040 123 4567');
    type('Sähköposti', 'ei-osoite');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }));
    await screen.findByText('Yhteystiedot voi tallentaa vain osallistujan luvalla. Merkitse lupa tai jätä yhteystiedot tyhjiksi.');
    const field = (label: string) => screen.getByLabelText(label);
    expect(field('Nimi (näkyy ryhmälle)').getAttribute('aria-invalid')).toBe('true');
    expect(field('Kotikylä').getAttribute('aria-invalid')).toBe('true');
    expect(field('Sähköposti').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Tämä tieto tarvitaan.')).toHaveLength(2);
    expect(await stored()).toHaveLength(3);
  });

  it('refuses contact details without consent and a duplicate, keeping what was typed', async () => {
    renderWithData(api, <RosterScreen scope={SCOPE} />);
    await screen.findByText('Näytetään 3 / 3');
    fireEvent.click(await screen.findByRole('button', { name: 'Lisää osallistuja' }));
    type('Nimi (näkyy ryhmälle)', 'Osallistuja 1');
    type('Kotikylä', 'Kylmälä');
    type('Puhelin', '040 123 4567');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }));
    await screen.findByText('Yhteystiedot voi tallentaa vain osallistujan luvalla. Merkitse lupa tai jätä yhteystiedot tyhjiksi.');
    screen.getByText('Samanniminen osallistuja samasta kylästä on jo ryhmässä.');
    expect((screen.getByLabelText('Puhelin') as HTMLInputElement).value).toBe('040 123 4567');
    expect(await stored()).toHaveLength(3);
  });

  it('adds a person with consent and an optional entry record, and opens their page', async () => {
    renderWithData(api, <RosterScreen scope={SCOPE} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Lisää osallistuja' }));
    type('Nimi (näkyy ryhmälle)', 'Ritva');
    type('Kotikylä', 'Hietala');
    type('Puhelin', '040 123 4567');
    fireEvent.click(screen.getByLabelText('Osallistuja on antanut luvan yhteystietojen tallentamiseen'));
    fireEvent.change(screen.getByLabelText('Ikäryhmä'), { target: { value: '55plus' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna' }));
    await waitFor(async () => expect(await stored()).toHaveLength(4));
    const ritva = (await stored()).find((p) => p.displayName === 'Ritva')!;
    expect(ritva).toMatchObject({ homeVillage: 'Hietala', status: 'active', contact: { phone: '040 123 4567' }, esf: { ageGroup: '55plus', entryDate: ritva.startDate } });
    expect(ritva.esfSensitive).toBeUndefined();
    expect(decodeURIComponent(location.hash)).toBe(`#/participant/${SCOPE}/${ritva.id}`);
  });
});
