import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attendanceId, planStepId, rideId, ROLE, sessionId } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { Dashboard } from './Dashboard.tsx';

let api: TestData;
let people: string[];

beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY)]);
  people = await seedGroup(api, 3);
  const held = [sessionId(), sessionId()];
  for (const [i, id] of held.entries()) {
    await api.store.create('session', { id, scope: SCOPE, groupKey: GROUP_KEY, date: `2026-10-0${i + 6}`, startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, status: 'held' });
  }
  await api.store.create('session', { id: sessionId(), scope: SCOPE, groupKey: GROUP_KEY, date: '2026-10-20', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, status: 'cancelled', cancelReason: 'Myrsky' });
  for (const [s, p, status] of [[0, 0, 'present'], [0, 1, 'present'], [0, 2, 'absent'], [1, 0, 'present']] as const) {
    await api.store.create('attendance', { id: attendanceId(held[s]!, people[p]!), scope: SCOPE, sessionId: held[s]!, participantId: people[p]!, status });
  }
  // September, the month before: one session, two present.
  const september = sessionId();
  await api.store.create('session', { id: september, scope: SCOPE, groupKey: GROUP_KEY, date: '2026-09-15', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, status: 'held' });
  for (const p of [0, 1]) await api.store.create('attendance', { id: attendanceId(september, people[p]!), scope: SCOPE, sessionId: september, participantId: people[p]!, status: 'present' });
  // Rides to the first October session: one confirmed from Kylmälä, one still asked from Hietala.
  for (const [p, village, status] of [[0, 'Kylmälä', 'confirmed'], [1, 'Hietala', 'requested']] as const) {
    await api.store.create('ride', { id: rideId(held[0]!, people[p]!), scope: SCOPE, sessionId: held[0]!, participantId: people[p]!, village, pickupPoint: 'Kauppa', seats: 1, status });
  }
  // The path: person 1 assessed in September and on a work trial from October, person 2 assessed in October.
  for (const [p, stage, status, startDate, endDate] of [
    [0, 'initialAssessment', 'completed', '2026-09-01', '2026-09-20'],
    [0, 'workTrial', 'active', '2026-10-10', undefined],
    [1, 'initialAssessment', 'active', '2026-10-02', undefined],
  ] as const) {
    await api.store.create('planstep', { id: planStepId(), scope: SCOPE, participantId: people[p]!, stage, status, startDate, endDate, visibleToParticipant: false });
  }
});
afterEach(() => api.close());

const setPeriod = (from: string, to: string) => {
  fireEvent.input(screen.getByLabelText('Alkaen'), { target: { value: from } });
  fireEvent.input(screen.getByLabelText('Päättyen'), { target: { value: to } });
};
const figure = (label: string) => within(screen.getByTestId('figures')).getByText(label).nextElementSibling?.textContent;

describe('coordinator dashboard', () => {
  it('shows the period’s numbers, with every chart also as a table', async () => {
    renderWithData(api, <Dashboard />);
    setPeriod('2026-10-01', '2026-10-31');
    // Summaries follow the writes a moment later.
    await waitFor(() => expect(figure('Kerrat')).toBe('2 pidetty, 0 suunniteltu, 1 peruttu'));
    expect(figure('Käyntejä')).toBe('3');
    expect(figure('Eri osallistujia')).toBe('2');
    expect(figure('Läsnäoloaste')).toMatch(/^75\s?%$/);
    expect(figure('Kustannus (pidetyt kerrat)')).toMatch(/^660,00\s€$/);
    expect(figure('Kustannus käyntiä kohden')).toMatch(/^220,00\s€$/);

    // A month is shown week by week, every week of it, Finnish dates in the table, never ISO.
    const chart = screen.getByRole('figure', { name: 'Käynnit viikoittain' });
    expect(within(chart).getByText('2 pidettyä kertaa ja 3 käyntiä; eniten käyntejä: Viikko 41: 5.10.2026–11.10.2026 (3).')).toBeTruthy();
    const table = within(chart).getByRole('table');
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Viikko 40: 1.10.2026–4.10.2026',
      'Viikko 41: 5.10.2026–11.10.2026',
      'Viikko 42: 12.10.2026–18.10.2026',
      'Viikko 43: 19.10.2026–25.10.2026',
      'Viikko 44: 26.10.2026–31.10.2026',
    ]);
    const week41 = within(table).getAllByRole('row')[2]!;
    expect(within(week41).getAllByRole('cell').map((c) => c.textContent?.replace(/\s/g, ' '))).toEqual(['2', '3', '2', '75 %']);
    // The drawing carries its axes and values, hidden from screen readers (they read the table).
    const drawing = chart.querySelector('.bar-chart')!;
    expect(drawing.getAttribute('aria-hidden')).toBe('true');
    expect([...drawing.querySelectorAll('.chart-label')].map((l) => l.textContent)).toEqual(['vk 40', 'vk 41', 'vk 42', 'vk 43', 'vk 44']);
    expect([...drawing.querySelectorAll('.chart-value')].map((l) => l.textContent)).toEqual(['0', '3', '0', '0', '0']);
    expect([...drawing.querySelectorAll('.chart-ticks > span')].map((l) => l.textContent)).toEqual(['0', '1', '2', '3']);
    expect([...drawing.querySelectorAll('.axis-title')].map((l) => l.textContent)).toEqual(['Viikko', 'Käyntejä']);
  });

  it('compares the period with the previous one of the same length, in words and numbers', async () => {
    renderWithData(api, <Dashboard />);
    setPeriod('2026-10-01', '2026-10-31');
    await waitFor(() => expect(figure('Käyntejä')).toBe('3'));
    const visits = within(screen.getByTestId('figures')).getByText('Käyntejä').parentElement!;
    expect(visits.querySelector('.figure-change')?.textContent?.replace(/\s/g, ' ')).toBe('+50 % (+1) edelliseen jaksoon verrattuna');
    const comparison = screen.getByRole('figure', { name: 'Vertailu edelliseen jaksoon' });
    expect(within(comparison).getByText(/^Käyntejä oli 3:/).textContent?.replace(/\s/g, ' ')).toBe('Käyntejä oli 3: 1 eli 50 % enemmän kuin edellisellä jaksolla 1.9.2026–30.9.2026 (2).');
    const rows = within(comparison).getAllByRole('row').map((r) => [...r.children].map((c) => c.textContent?.replace(/\s/g, ' ')));
    expect(rows).toContainEqual(['Pidettyjä kertoja', '2', '1', '+100 % (+1)']);
    expect(rows).toContainEqual(['Eri osallistujia', '2', '2', 'ei muutosta']);
    // A rate changes in points: 75 % against 100 %.
    expect(rows).toContainEqual(['Läsnäoloaste', '75 %', '100 %', '−25 %‑yks.']);
    expect(rows).toContainEqual(['Kustannus (pidetyt kerrat)', '660 €', '330 €', '+100 % (+330 €)']);
  });

  it('says so when the previous period had nothing to compare with, and leaves the changes out of the figures', async () => {
    renderWithData(api, <Dashboard />);
    setPeriod('2026-09-01', '2026-09-30');
    await waitFor(() => expect(figure('Käyntejä')).toBe('2'));
    expect(screen.getByTestId('figures').querySelector('.figure-change')).toBeNull();
    const comparison = screen.getByRole('figure', { name: 'Vertailu edelliseen jaksoon' });
    expect(within(comparison).getByText('Käyntejä oli 2; edellisellä jaksolla 1.8.2026–31.8.2026 käyntejä ei ollut.')).toBeTruthy();
    // Back to October: the held sessions' change says what it counts.
    setPeriod('2026-10-01', '2026-10-31');
    await waitFor(() => expect(figure('Käyntejä')).toBe('3'));
    const sessions = within(screen.getByTestId('figures')).getByText('Kerrat').parentElement!;
    expect(sessions.querySelector('.figure-change')?.textContent?.replace(/\s/g, ' ')).toBe('pidettyjä +100 % (+1) edelliseen jaksoon verrattuna');
  });

  it('opens on the last full calendar month before the injected now', async () => {
    renderWithData(api, <Dashboard now={new Date('2026-11-03T08:00:00Z')} />);
    expect((screen.getByLabelText('Alkaen') as HTMLInputElement).value).toBe('2026-10-01');
    expect((screen.getByLabelText('Päättyen') as HTMLInputElement).value).toBe('2026-10-31');
    await waitFor(() => expect(figure('Käyntejä')).toBe('3'));
  });

  it('shows how many reached each stage of the path, rides by village and each group', async () => {
    renderWithData(api, <Dashboard />);
    setPeriod('2026-10-01', '2026-10-31');
    const funnel = await screen.findByRole('figure', { name: 'Polun vaiheet: moniko on edennyt mihinkin' });
    await waitFor(() => expect(within(funnel).getByText('Jaksolla mukana 3 osallistujaa; 2 on aloittanut polun ja 0 päässyt avoimille työmarkkinoille tai koulutukseen.')).toBeTruthy());
    const stages = within(within(funnel).getByRole('table')).getAllByRole('row').map((r) => [...r.children].map((c) => c.textContent?.replace(/\s/g, ' ')));
    expect(stages).toHaveLength(10);
    expect(stages).toContainEqual(['Alkukartoitus', '2', '67 %', '1', '1']);
    expect(stages).toContainEqual(['Työkokeilu', '1', '33 %', '1', '1']);

    const rides = await screen.findByRole('figure', { name: 'Kyydit kylittäin' });
    await waitFor(() => expect(within(rides).getByText('2 kyytipyyntöä, joista 1 vahvistettu; eniten pyyntöjä: Kylmälä (1).')).toBeTruthy());
    expect(within(within(rides).getByRole('table')).getAllByRole('row').map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['Kylä', 'Pyydetty', 'Vahvistettu', 'Vahvistettuja paikkoja'],
      ['Kylmälä', '1', '1', '1'],
      ['Hietala', '1', '0', '0'],
    ]);
    expect(within(rides).getByText('Pyydetty', { selector: '.legend-item' })).toBeTruthy();

    const groups = screen.getByRole('figure', { name: 'Ryhmittäin' });
    expect(within(groups).getByText('1 ryhmä; eniten käyntejä: Testiryhmä (3).')).toBeTruthy();
    // One group chosen: no breakdown by group.
    fireEvent.change(screen.getByLabelText('Ryhmä'), { target: { value: SCOPE } });
    await waitFor(() => expect(screen.queryByRole('figure', { name: 'Ryhmittäin' })).toBeNull());
    expect(figure('Käyntejä')).toBe('3');
  });

  it('explains a period that ends before it starts, and an empty period, without failing', async () => {
    renderWithData(api, <Dashboard />);
    setPeriod('2026-10-31', '2026-10-01');
    await screen.findByText('Loppupäivä ei voi olla ennen alkupäivää.');
    expect(screen.queryByTestId('figures')).toBeNull();
    setPeriod('2030-01-01', '2030-01-31');
    await screen.findByText('Valitulla ajalla ei ole kertoja.');
    fireEvent.click(screen.getByRole('button', { name: 'Kerrat' }));
    await screen.findByText('Valitulla ajalla ei ole vietävää.');
  });

  it('exports the sessions as CSV for Finnish Excel', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderWithData(api, <Dashboard />);
    setPeriod('2026-10-01', '2026-10-31');
    await waitFor(() => expect(figure('Käyntejä')).toBe('3'));
    fireEvent.click(screen.getByRole('button', { name: 'Kerrat' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const text = await blobs[0]!.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Ryhmä;Päivä;Alkaa;Päättyy;Kylä;Teema tai toiminta;Tila;Paikkoja;Kustannus (€);Perumisen syy');
    expect(lines.slice(1)).toEqual([
      'Testiryhmä;2026-10-06;10:00;13:00;Kylmälä;;Pidetty;8;330;',
      'Testiryhmä;2026-10-07;10:00;13:00;Kylmälä;;Pidetty;8;330;',
      'Testiryhmä;2026-10-20;10:00;13:00;Kylmälä;;Peruttu;8;330;Myrsky',
    ]);
    create.mockRestore();
    revoke.mockRestore();
  });
});
