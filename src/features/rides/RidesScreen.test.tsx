import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rideId, sessionId } from '../../domain/index.ts';
import { dayFromToday, GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import catalogue from '../../i18n/messages/fi.json';
import { makeTranslator } from '../../i18n/translate.ts';
import { pickupList, RidesScreen } from './RidesScreen.tsx';

let api: TestData;
let people: string[];
const session = sessionId();

async function ride(participant: string, village: string, pickupPoint: string, seats: number, status: 'requested' | 'confirmed' = 'requested', needs?: string) {
  const r = await api.store.create('ride', { id: rideId(session, participant), scope: SCOPE, sessionId: session, participantId: participant, village, pickupPoint, seats, status, ...(needs ? { needs } : {}) });
  expect(r.ok).toBe(true);
}

beforeEach(async () => {
  api = await openTestData();
  people = await seedGroup(api, 4);
  await api.store.create('session', {
    id: session, scope: SCOPE, groupKey: GROUP_KEY, date: dayFromToday(7), startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
    instructors: [], capacity: 8, costCents: 33000, status: 'planned',
  });
});
afterEach(() => api.close());

describe('pickup list', () => {
  it('groups confirmed rides by village in route order, with seats per village and in all', () => {
    const base = { scope: SCOPE, sessionId: session, syncState: 'synced' } as const;
    const rides = [
      { ...base, id: 'a', participantId: 'p1', village: 'Hietala', pickupPoint: 'Seurantalo', seats: 2, status: 'confirmed' },
      { ...base, id: 'b', participantId: 'p2', village: 'Kylmälä', pickupPoint: 'Kauppa', seats: 1, status: 'confirmed' },
      { ...base, id: 'c', participantId: 'p3', village: 'Kylmälä', pickupPoint: 'Koulu', seats: 1, status: 'confirmed' },
      { ...base, id: 'd', participantId: 'p4', village: 'Saarikylä', pickupPoint: 'Kylätalo', seats: 3, status: 'requested' },
    ] as never[];
    const { stops, seats } = pickupList(rides, ['Kylmälä']);
    expect(stops.map((s) => [s.village, s.seats, s.rides.map((r) => r.pickupPoint)])).toEqual([
      ['Kylmälä', 2, ['Kauppa', 'Koulu']],
      ['Hietala', 2, ['Seurantalo']],
    ]);
    expect(seats).toBe(4);
    expect(pickupList([], ['Kylmälä'])).toEqual({ stops: [], seats: 0 });
  });
});

describe('rides screen', () => {
  it('confirms a ride, asks a reason to decline, and keeps the route order the instructor sets', async () => {
    await ride(people[0]!, 'Kylmälä', 'Kauppa', 1, 'requested', 'pyörätuoli');
    await ride(people[1]!, 'Hietala', 'Seurantalo', 2, 'confirmed');
    await ride(people[2]!, 'Kylmälä', 'Koulu', 1);
    renderWithData(api, <RidesScreen scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(screen.getAllByTestId('ride-row')).toHaveLength(3));
    const row = (name: string) => screen.getAllByTestId('ride-row').find((r) => r.textContent?.includes(name))!;

    fireEvent.click(within(row('Osallistuja 1')).getByRole('button', { name: 'Vahvista' }));
    fireEvent.click(within(row('Osallistuja 3')).getByRole('button', { name: 'Hylkää' }));
    fireEvent.click(await within(row('Osallistuja 3')).findByRole('button', { name: 'Hylkää kyyti' }));
    await within(row('Osallistuja 3')).findByText('Kerro, miksi kyyti hylättiin.');
    fireEvent.input(within(row('Osallistuja 3')).getByLabelText('Miksi kyyti hylätään (Osallistuja 3)?'), { target: { value: 'Auto täynnä' } });
    fireEvent.click(within(row('Osallistuja 3')).getByRole('button', { name: 'Hylkää kyyti' }));
    await waitFor(() => expect(row('Osallistuja 3').textContent).toContain('Hylätty (Auto täynnä)'));

    const list = screen.getByTestId('pickup-list');
    await waitFor(() => expect(within(list).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Hietala · 2 paikkaa', 'Kylmälä · 1 paikka']));
    expect(list.textContent).toContain('Kauppa: Osallistuja 1 (1 paikka) · pyörätuoli');
    expect(screen.getByTestId('pickup-total').textContent).toBe('Yhteensä 3 paikkaa');
    fireEvent.click(screen.getByRole('button', { name: 'Siirrä Kylmälä aiemmaksi' }));
    await waitFor(() => expect(within(list).getAllByRole('heading', { level: 3 })[0]!.textContent).toBe('Kylmälä · 1 paikka'));
    expect((await api.store.get('session', SCOPE, session))?.routeOrder).toEqual(['Kylmälä', 'Hietala']);
  });

  it('refuses a bad ride request with messages at the fields, and any ride for a cancelled session', async () => {
    renderWithData(api, <RidesScreen scope={SCOPE} sessionId={session} />);
    const form = await screen.findByRole('form', { name: 'Uusi kyytipyyntö' });
    fireEvent.change(within(form).getByLabelText('Osallistuja'), { target: { value: people[3] } });
    fireEvent.input(within(form).getByLabelText('Paikkoja'), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lisää kyytipyyntö' }));
    await within(form).findByText('Paikkoja on oltava vähintään 1.');
    within(form).getByText('Tämä tieto tarvitaan.');
    expect(await api.db.docs.count({ selector: { type: 'ride' } }).exec()).toBe(0);

    await api.store.edit('session', SCOPE, session, { status: 'cancelled', cancelReason: 'Myrsky' });
    fireEvent.input(within(form).getByLabelText('Paikkoja'), { target: { value: '1' } });
    fireEvent.input(within(form).getByLabelText('Noutopaikka'), { target: { value: 'Kauppa' } });
    await waitFor(() => screen.getByText('Peruttu'));
    fireEvent.click(within(form).getByRole('button', { name: 'Lisää kyytipyyntö' }));
    await within(form).findByText('Kerta on peruttu, joten sille ei voi pyytää kyytiä.');
    expect(await api.db.docs.count({ selector: { type: 'ride' } }).exec()).toBe(0);
  });

  it('prints a pickup list a driver can tell apart: date, time, group, session and destination, phones where consented, tick boxes', async () => {
    await api.store.edit('session', SCOPE, session, { theme: 'Joulupuuro', address: 'Kylätalo' });
    await api.store.edit('participant', SCOPE, people[0]!, { contact: { phone: '040 123 4567', consentRecordedAt: new Date().toISOString() } });
    await ride(people[0]!, 'Kylmälä', 'Kauppa', 1, 'confirmed');
    await ride(people[1]!, 'Hietala', 'Seurantalo', 2, 'confirmed');
    renderWithData(api, <RidesScreen scope={SCOPE} sessionId={session} />);
    const list = await screen.findByTestId('pickup-list');
    await waitFor(() => expect(within(list).getAllByTestId('pickup-rider')).toHaveLength(2));
    await waitFor(() => expect(list.textContent).toContain('Testiryhmä'));
    const fi = makeTranslator('fi', catalogue);
    const facts = Object.fromEntries([...list.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(facts).toEqual({
      Päivämäärä: fi.day(dayFromToday(7)),
      Aika: 'klo 10.00–13.00',
      Ryhmä: 'Testiryhmä',
      'Teema tai toiminta': 'Joulupuuro',
      Määränpää: 'Kylätalo, Kylmälä',
    });
    // Never an ISO date on the sheet.
    expect(list.textContent).not.toMatch(/\d{4}-\d\d-\d\d/);
    const riders = within(list).getAllByTestId('pickup-rider');
    for (const rider of riders) expect(rider.querySelector('.tick-box')).not.toBeNull();
    const withPhone = riders.find((r) => r.textContent?.includes('Osallistuja 1'))!;
    expect(within(withPhone).getByRole('link', { name: 'puh. 040 123 4567' }).getAttribute('href')).toBe('tel:0401234567');
    expect(riders.find((r) => r.textContent?.includes('Osallistuja 2'))!.textContent).not.toContain('puh.');
  });
});
