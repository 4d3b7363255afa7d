import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partnerId, placementId, sessionId } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { PartnersScreen } from './PartnersScreen.tsx';

let api: TestData;
let people: string[];
beforeEach(async () => {
  api = await openTestData();
  people = await seedGroup(api, 3);
});
afterEach(() => api.close());

// The screen's clock: "today" is 2.12.2026 in Finland.
const NOW = new Date('2026-12-02T10:00:00Z');
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const partners = async () => (await api.db.docs.find({ selector: { type: 'partner' } }).exec()).map((d) => d.toJSON());

async function seedPartner(fields: { name: string; capacity?: number }) {
  const id = partnerId();
  const r = await api.store.create('partner', { id, scope: SCOPE, kind: 'villageAssociation', work: 'Kylätalon kunnostus', ...fields });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return id;
}

describe('partner register', () => {
  it('adds a partner, refusing a blank name at the field with what was typed kept', async () => {
    renderWithData(api, <PartnersScreen scope={SCOPE} now={NOW} />);
    await screen.findByText('Kumppaneita ei ole vielä lisätty.');
    fireEvent.click(screen.getByRole('button', { name: 'Lisää kumppani' }));
    type('Nimi', '   ');
    fireEvent.change(screen.getByLabelText('Millainen toimija'), { target: { value: 'workshop' } });
    type('Työt ja toiminta', 'Puutyöt, pihatyöt');
    type('Paikkoja jaksoille', '3');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kumppani' }));
    await screen.findByText('Tämä tieto tarvitaan.');
    expect(screen.getByLabelText('Nimi').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Työt ja toiminta') as HTMLInputElement).value).toBe('Puutyöt, pihatyöt');
    expect((screen.getByLabelText('Paikkoja jaksoille') as HTMLInputElement).value).toBe('3');
    expect((screen.getByLabelText('Millainen toimija') as HTMLSelectElement).value).toBe('workshop');
    expect(await partners()).toEqual([]);

    type('Nimi', 'Työpaja Verstas');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kumppani' }));
    await screen.findByText('Tallennettu: Työpaja Verstas');
    expect(screen.getByRole('heading', { name: 'Työpaja Verstas' })).toBeTruthy();
    expect(screen.getByText('Paikkoja käytössä: 0 / 3')).toBeTruthy();
    expect(await partners()).toMatchObject([{ name: 'Työpaja Verstas', kind: 'workshop', work: 'Puutyöt, pihatyöt', capacity: 3 }]);
  });

  it('refuses a partner with no kind chosen', async () => {
    renderWithData(api, <PartnersScreen scope={SCOPE} now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Lisää kumppani' }));
    type('Nimi', 'Kylmälän kyläyhdistys');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kumppani' }));
    await waitFor(() => expect(screen.getByLabelText('Millainen toimija').getAttribute('aria-invalid')).toBe('true'));
    expect((screen.getByLabelText('Nimi') as HTMLInputElement).value).toBe('Kylmälän kyläyhdistys');
    expect(await partners()).toEqual([]);
  });

  it('edits a partner: a capacity that is not a whole number is refused and kept, then a good one saved', async () => {
    const id = await seedPartner({ name: 'Kylmälän kyläyhdistys', capacity: 2 });
    renderWithData(api, <PartnersScreen scope={SCOPE} now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Muokkaa: Kylmälän kyläyhdistys' }));
    expect((screen.getByLabelText('Nimi') as HTMLInputElement).value).toBe('Kylmälän kyläyhdistys');
    type('Paikkoja jaksoille', '2,5');
    type('Yhteystiedot', 'Pirkko, 040 765 4321');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kumppani' }));
    await screen.findByText('Anna kokonaisluku.');
    expect((screen.getByLabelText('Paikkoja jaksoille') as HTMLInputElement).value).toBe('2,5');
    expect((screen.getByLabelText('Yhteystiedot') as HTMLInputElement).value).toBe('Pirkko, 040 765 4321');
    type('Paikkoja jaksoille', '4');
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna kumppani' }));
    await screen.findByText('Tallennettu: Kylmälän kyläyhdistys');
    expect(screen.getByText('Yhteystiedot: Pirkko, 040 765 4321')).toBeTruthy();
    expect(await api.store.get('partner', SCOPE, id)).toMatchObject({ capacity: 4, contact: 'Pirkko, 040 765 4321' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Muokkaa: Kylmälän kyläyhdistys' })));
  });

  it('shows the places in use now against the capacity, and the sessions each partner produced', async () => {
    const full = await seedPartner({ name: 'Kylmälän kyläyhdistys', capacity: 2 });
    const open = await seedPartner({ name: 'Saarikylän sahat' });
    const placement = (participantId: string, partner: string, dates: { startDate: string; endDate?: string }) =>
      api.store.create('placement', { id: placementId(), scope: SCOPE, participantId, partnerId: partner, stage: 'workTrial', hoursPerWeek: 20, ...dates });
    await placement(people[0]!, full, { startDate: '2026-10-01' });
    // Its last day is today: it still takes a place.
    await placement(people[1]!, full, { startDate: '2026-11-01', endDate: '2026-12-02' });
    // Ended yesterday: the place is free again.
    await placement(people[2]!, full, { startDate: '2026-09-01', endDate: '2026-12-01' });
    await placement(people[2]!, open, { startDate: '2026-12-02' });
    for (const producerId of [full, full, undefined]) {
      const r = await api.store.create('session', {
        id: sessionId(), scope: SCOPE, groupKey: GROUP_KEY, date: '2026-11-20', startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
        instructors: [], capacity: 8, costCents: 0, status: 'held', ...(producerId ? { producerId } : {}),
      });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }
    renderWithData(api, <PartnersScreen scope={SCOPE} now={NOW} />);
    const card = (name: string) => within(screen.getByRole('heading', { name }).closest('li')!);
    await waitFor(() => expect(card('Kylmälän kyläyhdistys').getByText('Paikkoja käytössä: 2 / 2')).toBeTruthy());
    expect(card('Kylmälän kyläyhdistys').getByText('Täynnä')).toBeTruthy();
    await card('Kylmälän kyläyhdistys').findByText('Tuottanut 2 kertaa');
    expect(card('Saarikylän sahat').getByText('Jaksoja nyt: 1')).toBeTruthy();
    expect(card('Saarikylän sahat').queryByText('Täynnä')).toBeNull();
    expect(card('Saarikylän sahat').getByText('Tuottanut 0 kertaa')).toBeTruthy();
  });
});
