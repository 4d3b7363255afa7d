import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coachingId, errandId, guidanceId, partnerId, placementId, ROLE, sessionId, wishId } from '../../domain/index.ts';
import { dayFromToday, GROUP_KEY, ok, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { Dashboard } from './Dashboard.tsx';

let api: TestData;
let people: string[];

beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY)]);
  people = await seedGroup(api, 3);
  const [p0, p1, p2] = people as [string, string, string];
  await ok(api.store.edit('participant', SCOPE, p0, { referral: 'self' }));
  await ok(api.store.edit('participant', SCOPE, p1, { referral: 'kela' }));
  const partner = partnerId();
  await ok(api.store.create('partner', { id: partner, scope: SCOPE, name: 'Kylätalo ry', kind: 'villageAssociation' }));
  // Made today: the period below runs from October to today.
  const wish = wishId();
  await ok(api.store.create('wish', { id: wish, scope: SCOPE, participantId: p0, text: 'Kalastus', status: 'open' }));
  const base = { scope: SCOPE, groupKey: GROUP_KEY, startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8 };
  const [s1, s2] = [sessionId(), sessionId()];
  await ok(api.store.create('session', { ...base, id: s1, date: '2026-10-06', status: 'held', costCents: 33000, costParts: { instructors: 24000, travel: 4000, premises: 3000, activities: 2000 }, fromWishId: wish }));
  await ok(api.store.create('session', { ...base, id: s2, date: '2026-10-13', status: 'held', costCents: 30000, producerId: partner }));
  await ok(api.store.create('session', { ...base, id: sessionId(), date: '2026-10-20', status: 'cancelled', cancelReason: 'Myrsky', costCents: 33000, fromWishId: wish }));
  await ok(api.store.create('errand', { id: errandId(s1, p0), scope: SCOPE, sessionId: s1, participantId: p0, kinds: ['kela', 'bankOrId'] }));
  await ok(api.store.create('errand', { id: errandId(s1, p1), scope: SCOPE, sessionId: s1, participantId: p1, kinds: ['kela'] }));
  for (const [participantId, date, service, outcome] of [
    [p0, '2026-10-05', 'employmentServices', 'happened'],
    [p1, '2026-10-12', 'socialWork', 'pending'],
    [p2, '2026-10-14', 'employmentServices', 'didNotHappen'],
  ] as const) {
    await ok(api.store.create('guidance', { id: guidanceId(), scope: SCOPE, participantId, date, service, outcome }));
  }
  for (const [participantId, date, status] of [
    [p0, '2026-10-08', 'held'],
    [p0, '2026-10-15', 'held'],
    [p1, '2026-10-09', 'cancelled'],
  ] as const) {
    await ok(api.store.create('coaching', { id: coachingId(), scope: SCOPE, participantId, date, startTime: '12:00', endTime: '13:00', mode: 'phone', coach: 'valmentaja', status }));
  }
  // From mid-September: 1–14 October inside the period.
  await ok(api.store.create('placement', { id: placementId(), scope: SCOPE, participantId: p0, partnerId: partner, stage: 'workTrial', startDate: '2026-09-17', endDate: '2026-10-14', hoursPerWeek: 20, outcome: 'movedOn' }));
});
afterEach(() => api.close());

const setPeriod = (from: string, to: string) => {
  fireEvent.input(screen.getByLabelText('Alkaen'), { target: { value: from } });
  fireEvent.input(screen.getByLabelText('Päättyen'), { target: { value: to } });
};
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s/g, ' ');
const section = (name: string) => screen.getByRole('heading', { level: 2, name }).closest('section, figure') as HTMLElement;
const figureIn = (container: HTMLElement, label: string) => text(within(container).getByText(label, { selector: 'dt' }).nextElementSibling);
const rowsOf = (container: HTMLElement, caption: string) =>
  within(within(container).getByRole('table', { name: caption }))
    .getAllByRole('row')
    .map((r) => [...r.children].map((c) => text(c)));

describe('the working models’ figures on the dashboard', () => {
  it('are one button away from the top of the dashboard, focus moved to them', async () => {
    renderWithData(api, <Dashboard now={new Date('2026-11-03T08:00:00Z')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Siirry toimintamallien lukuihin ↓' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Osallistujien toiveista' }));
  });

  it('shows each working model’s figures from the stored records, charts with their tables', async () => {
    renderWithData(api, <Dashboard now={new Date('2026-11-03T08:00:00Z')} />);
    setPeriod('2026-10-01', dayFromToday(0));
    const costs = await screen.findByRole('figure', { name: 'Kerran kustannus' });
    // 33000 + 30000 over 2 held (the cancelled one left out); only the first split into parts.
    await waitFor(() => expect(text(costs.querySelector('.chart-summary'))).toBe('2 pidettyä kertaa maksoi keskimäärin 315,00 € (mallissa 330,00 €). Osiin jaettu kustannus 1 kerralla; jakamatta 300,00 €.'));
    expect(rowsOf(costs, 'Kerran kustannus')).toContainEqual(['Ohjaajien työ', '240,00 €', '240,00 €']);

    const wishes = section('Osallistujien toiveista');
    expect(figureIn(wishes, 'Uusia toiveita')).toBe('1');
    expect(figureIn(wishes, 'Toiveesta suunniteltuja kertoja')).toBe('1 / 2 kerrasta (50 %)');

    const errands = screen.getByRole('figure', { name: 'Asioinnissa avustaminen' });
    expect(within(errands).getByText('Asioinnissa avustettiin 2 kertaa; eri henkilöitä 2.')).toBeTruthy();
    expect(rowsOf(errands, 'Asioinnissa avustaminen')).toContainEqual(['Kela', '2']);
    expect(rowsOf(errands, 'Asioinnissa avustaminen')).toContainEqual(['Pankki tai tunnistautuminen', '1']);

    // Followed through: 1 happened of the 2 known; the pending one is left out of the share.
    const guidance = screen.getByRole('figure', { name: 'Ohjaus palveluihin' });
    expect(text(within(guidance).getByText(/^3 ohjausta/))).toBe('3 ohjausta palveluihin. Niistä, joiden tulos tiedetään (2), toteutui 50 %; 1 on vielä tietämättä.');
    expect(rowsOf(guidance, 'Ohjaus palveluihin')).toContainEqual(['Työllisyyspalvelut', '2']);

    const referral = screen.getByRole('figure', { name: 'Miten osallistujat tulivat mukaan' });
    expect(within(referral).getByText('Jaksolla mukana 3 osallistujaa; tulotapa ei ole tiedossa: 1.')).toBeTruthy();
    expect(rowsOf(referral, 'Miten osallistujat tulivat mukaan')).toContainEqual(['Ei tiedossa', '1', '33 %']);

    const placements = section('Sijoitukset');
    expect(figureIn(placements, 'Työtunteja jaksolla')).toBe('40 h');
    expect(figureIn(placements, 'Siirtyi eteenpäin')).toBe('1');
    expect(rowsOf(placements, 'Sijoitukset kumppaneittain')).toEqual([
      ['Kumppani', 'Sijoituksia', 'Työtunteja jaksolla'],
      ['Kylätalo ry', '1', '40 h'],
    ]);

    const coaching = section('Yksilövalmennus');
    expect(figureIn(coaching, 'Pidettyjä tapaamisia')).toBe('2');
    expect(figureIn(coaching, 'Valmennettuja henkilöitä')).toBe('1');

    const producers = screen.getByRole('figure', { name: 'Kerrat tuottajittain' });
    expect(rowsOf(producers, 'Kerrat tuottajittain')).toEqual([
      ['Tuottaja', 'Pidettyjä kertoja', 'Kustannus (pidetyt kerrat)'],
      ['Oma organisaatio', '1', '330,00 €'],
      ['Kylätalo ry', '1', '300,00 €'],
    ]);

    expect(rowsOf(section('Ryhmien elinkaari'), 'Ryhmän kesto, tavoitekoko ja nyt mukana olevat')).toEqual([
      ['Ryhmä', 'Alkaa', 'Päättyy', 'Tavoitekoko', 'Mukana nyt'],
      ['Testiryhmä', '–', '–', '–', '3'],
    ]);
  });

  it('downloads the figures as one CSV for Finnish Excel', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderWithData(api, <Dashboard now={new Date('2026-11-03T08:00:00Z')} />);
    setPeriod('2026-10-01', dayFromToday(0));
    const coaching = section('Yksilövalmennus');
    await waitFor(() => expect(figureIn(coaching, 'Pidettyjä tapaamisia')).toBe('2'));
    fireEvent.click(screen.getByRole('button', { name: 'Lataa luvut' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const lines = (await blobs[0]!.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Osio;Kohta;Luku;Arvo');
    expect(lines).toContain('Asioinnissa avustaminen;Kela;Avustuskertoja;2');
    expect(lines).toContain('Ohjaus palveluihin;Yhteensä;Toteutuneiden osuus;0,5');
    expect(lines).toContain('Sijoitukset;Kylätalo ry;Työtunteja jaksolla;40');
    expect(lines).toContain('Kerran kustannus;Yhteensä;Keskimäärin pidettyä kertaa kohden (€);315');
    expect(lines).toContain('Kerrat tuottajittain;Oma organisaatio;Jaksolla yhteensä (€);330');
    create.mockRestore();
    revoke.mockRestore();
  });
});
