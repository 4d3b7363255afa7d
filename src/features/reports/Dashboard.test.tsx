import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attendanceId, ROLE, sessionId } from '../../domain/index.ts';
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
    const chart = screen.getByRole('figure', { name: 'Läsnäolo kerroittain' });
    expect(within(chart).getByText('2 pidettyä kertaa; läsnä enimmillään 2, vähimmillään 1.')).toBeTruthy();
    expect(within(chart).getAllByRole('row')).toHaveLength(3);
    // Finnish dates in the table, never ISO.
    expect(within(chart).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['6.10.2026', '7.10.2026']);
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
