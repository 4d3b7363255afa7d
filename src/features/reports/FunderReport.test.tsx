import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupId, ROLE, type EsfEntry } from '../../domain/index.ts';
import { GROUP_KEY, ok, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { FunderReport } from './FunderReport.tsx';

let api: TestData;
let people: string[];
const NOW = new Date('2026-11-20T10:00:00Z');
const AT = '2026-09-01T08:00:00.000Z';

beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY)]);
  people = await seedGroup(api, 6);
  await ok(api.store.edit('group', SCOPE, groupId(GROUP_KEY), { projectCode: 'S30123' }));
  const entries: EsfEntry[] = [
    { gender: 'woman', ageGroup: '18to29', labourMarketStatus: 'longTermUnemployed', educationLevel: 'basic', recordedAt: AT },
    { gender: 'woman', ageGroup: '55plus', labourMarketStatus: 'unemployed', educationLevel: 'basic', recordedAt: AT },
    { gender: 'woman', ageGroup: '30to54', labourMarketStatus: 'inactive', educationLevel: 'tertiary', recordedAt: AT },
    { gender: 'man', ageGroup: '30to54', labourMarketStatus: 'unemployed', educationLevel: 'upperSecondary', recordedAt: AT },
    { gender: 'nonBinary', ageGroup: '18to29', labourMarketStatus: 'employed', recordedAt: AT },
    { gender: 'man', ageGroup: '55plus', labourMarketStatus: 'longTermUnemployed', educationLevel: 'basic', entryDate: '2026-01-12', recordedAt: AT },
  ];
  for (const [i, esf] of entries.entries()) await ok(api.store.edit('participant', SCOPE, people[i]!, { esf }));
  await ok(api.store.edit('participant', SCOPE, people[0]!, { esfSensitive: { consentRecordedAt: AT, disability: 'yes' } }));
  // The sixth left in April, in work within four weeks: the six-month follow-up was due in October.
  await ok(api.store.edit('participant', SCOPE, people[5]!, {
    startDate: '2026-01-12', status: 'ended', endDate: '2026-04-15', esfExit: { date: '2026-04-15', situations: ['employed'], recordedAt: AT },
  }));
});
afterEach(() => api.close());

const row = (code: string) => within(screen.getByRole('table', { name: /Yhteiset tuotos- ja tulosindikaattorit/ })).getAllByRole('row').find((r) => r.textContent?.startsWith(code))!;
const cells = (code: string) => within(row(code)).getAllByRole('cell').map((c) => c.textContent);

describe("the funder's report", () => {
  it('counts the ESF+ indicators of the project over the year up to today by gender, hiding a sensitive item of fewer than five people', async () => {
    renderWithData(api, <FunderReport now={NOW} />);
    await waitFor(() => expect(cells('EECO01')).toEqual(['3', '2', '1', '0', '6']));
    expect(screen.getByLabelText('ESF+-hanke')).toHaveProperty('value', 'S30123');
    expect(cells('EECO02')).toEqual(['2', '2', '0', '0', '4']);
    expect(cells('EECO03')).toEqual(['1', '1', '0', '0', '2']);
    expect(cells('EECO09')).toEqual(['2', '1', '0', '0', '3']);
    // One person's disability: the whole row is hidden, however it is split.
    expect(cells('EECO12')).toEqual(['alle 5', 'alle 5', 'alle 5', 'alle 5', 'alle 5']);
    // One person left: the results of a group of one are hidden whole (the per-person file has them).
    expect(cells('EECR04')).toEqual(['alle 5', 'alle 5', 'alle 5', 'alle 5', 'alle 5']);
    expect(screen.getByText('Ajanjaksolla aloittaneita 6, hankkeesta lähteneitä 1.')).toBeTruthy();
    // The report names its period, project, groups and producer, and the day it was made.
    expect(screen.getByText('21.11.2025–20.11.2026')).toBeTruthy();
    expect(screen.getByText('Testiryhmä')).toBeTruthy();
  });

  it("hides by the organisation's strictest threshold: with 7, the six who entered are a small group", async () => {
    const defaults = { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 };
    await ok(api.store.create('organisation', { id: 'organisation', scope: SCOPE, name: 'Kylien Polku ry', defaults, reporting: { smallCountThreshold: 7 } }));
    renderWithData(api, <FunderReport now={NOW} />);
    await waitFor(() => expect(cells('EECO01')).toEqual(['alle 7', 'alle 7', 'alle 7', 'alle 7', 'alle 7']));
    expect(screen.getByText('Kylien Polku ry')).toBeTruthy();
  });

  it('lists the six-month follow-up that is past due, with a link to the person', async () => {
    renderWithData(api, <FunderReport now={NOW} />);
    const list = await screen.findByRole('region', { name: 'Kuuden kuukauden seurannat' });
    await waitFor(() => expect(within(list).getByRole('link', { name: 'Osallistuja 6' })).toBeTruthy());
    expect(list.textContent).toContain('seuranta myöhässä, piti tehdä 15.10.2026 (lähti 15.4.2026)');
  });

  it('downloads the indicators for the funder with small sensitive counts hidden, and per-person rows without names', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderWithData(api, <FunderReport now={NOW} />);
    await waitFor(() => expect(cells('EECO01')).toEqual(['3', '2', '1', '0', '6']));
    fireEvent.click(screen.getByRole('button', { name: 'Lataa indikaattorit (CSV)' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const lines = (await blobs[0]!.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Koodi;Indikaattori;Naiset;Miehet;Muunsukupuoliset;Ei kerrottu;Yhteensä');
    expect(lines.find((l) => l.startsWith('EECO01;'))).toMatch(/;3;2;1;0;6$/);
    expect(lines.find((l) => l.startsWith('EECO12;'))).toMatch(/;alle 5;alle 5;alle 5;alle 5;alle 5$/);

    // Per person: no names, and the special-category columns only when asked for.
    fireEvent.click(screen.getByRole('button', { name: 'Lataa henkilöittäiset tiedot EURAan (CSV)' }));
    await waitFor(() => expect(blobs).toHaveLength(2));
    const persons = await blobs[1]!.text();
    expect(persons).not.toContain('Osallistuja');
    expect(persons).not.toContain('disability');
    fireEvent.click(screen.getByLabelText('Ota mukaan arkaluonteiset tiedot (erityiset henkilötiedot)'));
    fireEvent.click(screen.getByRole('button', { name: 'Lataa henkilöittäiset tiedot EURAan, mukana erityiset tiedot (CSV)' }));
    await waitFor(() => expect(blobs).toHaveLength(3));
    expect((await blobs[2]!.text()).split('\r\n')[0]).toContain('disability');
    create.mockRestore();
    revoke.mockRestore();
  });

  it('says the indicators need a project when no group has one, and still shows the impact of all groups', async () => {
    await ok(api.store.edit('group', SCOPE, groupId(GROUP_KEY), { projectCode: undefined }));
    renderWithData(api, <FunderReport now={NOW} />);
    await screen.findByText(/ESF\+-indikaattorit lasketaan hankkeittain/);
    expect(screen.getByRole('heading', { name: 'Vaikuttavuus: yksilö, yhteisö ja talous' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: /Yhteiset tuotos- ja tulosindikaattorit/ })).toBeNull();
  });
});
