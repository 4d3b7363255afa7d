import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleOf } from '../../../tooling/doc-examples.ts';
import type { NewDoc } from '../../data/store.ts';
import { attendanceId, noteId, observationId, PERSONAL_TYPES, partnerId, placementId, ROLE, sessionId, toCsv, type AccessLogEntry } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { SubjectAccessScreen } from './SubjectAccessScreen.tsx';

const NOW = new Date('2026-12-02T10:00:00Z');
const COORDINATOR = [ROLE.coordinator, ROLE.coordinatorOf(GROUP_KEY), ROLE.group(GROUP_KEY)];

let api: TestData;
afterEach(() => api.close());

/** A Swedish-speaking participant with a note, a rating, an attendance and a placement; the other one with a note of their own. */
async function seed() {
  const [person, other] = (await seedGroup(api, 2)) as [string, string];
  const ok = async (r: Promise<{ ok: boolean }>) => expect((await r).ok).toBe(true);
  await ok(api.store.edit('participant', SCOPE, person, { language: 'sv' }));
  const session = sessionId();
  await ok(api.store.create('session', {
    id: session, scope: SCOPE, groupKey: GROUP_KEY, date: '2026-11-10', startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
    instructors: [], capacity: 8, costCents: 0, status: 'held',
  }));
  await ok(api.store.create('attendance', { id: attendanceId(session, person), scope: SCOPE, sessionId: session, participantId: person, status: 'present' }));
  const note = noteId();
  await ok(api.store.create('note', { id: note, scope: SCOPE, participantId: person, category: 'wellbeing', text: 'Jaksoi <b>hyvin</b> koko päivän.' }));
  await ok(api.store.create('note', { id: noteId(), scope: SCOPE, participantId: person, category: 'wellbeing', text: 'Jaksoi hyvin aamupäivän.', supersedes: note }));
  await ok(api.store.create('note', { id: noteId(), scope: SCOPE, participantId: other, category: 'skills', text: 'Toisen henkilön asia' }));
  await ok(api.store.create('observation', { id: observationId(), scope: SCOPE, participantId: person, date: '2026-11-10', social: 4 }));
  const partner = partnerId();
  await ok(api.store.create('partner', { id: partner, scope: SCOPE, name: 'Kylmälän kyläyhdistys', kind: 'villageAssociation' }));
  await ok(api.store.create('placement', {
    id: placementId(), scope: SCOPE, participantId: person, partnerId: partner, stage: 'workTrial', startDate: '2026-12-07', hoursPerWeek: 20,
  }));
  return person;
}

const section = (type: string) => screen.getByTestId(`access-${type}`);

describe("a participant's own data", () => {
  it("shows a coordinator everything about the person, in the person's Swedish while the coordinator's screen is Finnish", async () => {
    api = await openTestData('koordinaattori', COORDINATOR);
    const person = await seed();
    const { container } = renderWithData(api, <SubjectAccessScreen scope={SCOPE} id={person} now={NOW} />);
    await screen.findByRole('heading', { level: 1, name: 'Dina uppgifter i Polku' });
    // The printed part is marked as Swedish; the button stays in the coordinator's words.
    expect(container.querySelector('.subject-access')!.getAttribute('lang')).toBe('sv');
    screen.getByRole('button', { name: 'Tulosta' });
    screen.getByText('Sammanställt 2.12.2026. Grupp: Testiryhmä.');

    const notes = section('note');
    within(notes).getByRole('heading', { level: 2, name: 'Anteckning' });
    expect(within(notes).getAllByText('Välmående')).toHaveLength(2);
    within(notes).getByText('Jaksoi <b>hyvin</b> koko päivän.');
    expect(notes.querySelector('b')).toBeNull();
    // A correction is there beside what it corrects, each saying so.
    within(notes).getByText('Jaksoi hyvin aamupäivän.');
    within(notes).getByText(/^Det här har rättats senare \(/);
    within(notes).getByText('Rättar en tidigare anteckning');
    expect(within(notes).getAllByText(/^Antecknat av koordinaattori, \d+\.\d+\.20\d\d kl\. \d+\.\d\d$/)).toHaveLength(2);
    expect(container.textContent).not.toContain('Toisen henkilön asia');

    within(section('observation')).getByText('Social (att fungera med andra)');
    within(section('observation')).getByText('4');
    const attendance = section('attendance');
    within(attendance).getByText('Närvarande');
    within(attendance).getByRole('heading', { level: 3, name: '10.11.2026' });
    const placement = section('placement');
    within(placement).getByText('Kylmälän kyläyhdistys');
    within(placement).getByText('Arbetsprövning');
    within(placement).getByRole('heading', { level: 3, name: '7.12.2026' });
    within(placement).getByText('Partner');
    // A type with nothing recorded says so.
    within(section('goal')).getByText('Inga uppgifter.');

    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('is in Finnish, saying it can be translated, for a participant whose language Polku does not speak', async () => {
    api = await openTestData('koordinaattori', COORDINATOR);
    const person = await seed();
    await api.store.edit('participant', SCOPE, person, { language: 'ar' });
    renderWithData(api, <SubjectAccessScreen scope={SCOPE} id={person} now={NOW} />, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Sinun tietosi Polku-sovelluksessa' });
    screen.getByText('Tämä koonti on suomeksi. Sen voi kääntää sinun kielellesi: kysy ohjaajalta.');
    await screen.findByRole('button', { name: 'Print' });
  });

  it('labels every field of every kind of record in words, never by its field name', async () => {
    api = await openTestData('koordinaattori', COORDINATOR);
    const [person] = (await seedGroup(api, 1)) as [string];
    const names = new Set<string>();
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) names.add(k) && collect(v);
    };
    for (const type of PERSONAL_TYPES) {
      const { type: _t, schemaVersion: _v, createdAt: _ca, updatedAt: _ua, createdBy: _cb, updatedBy: _ub, clock: _c, ...fields } = exampleOf(type, { scope: SCOPE, participant: person });
      collect(fields);
      const created = await api.store.create(type, fields as NewDoc<typeof type>);
      expect(created.ok, type).toBe(true);
    }
    renderWithData(api, <SubjectAccessScreen scope={SCOPE} id={person} now={NOW} />);
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(within(section('goal')).queryByText('Ei tietoja.')).toBeNull());
    const labels = [...document.querySelectorAll('dt')].map((dt) => dt.textContent ?? '');
    expect(labels.filter((label) => names.has(label))).toEqual([]);
  });

  it('is not for an instructor', async () => {
    api = await openTestData();
    const person = await seed();
    renderWithData(api, <SubjectAccessScreen scope={SCOPE} id={person} now={NOW} />);
    await screen.findByText('Henkilön tiedot voi koota vain ryhmän koordinaattori.');
    await waitFor(() => expect(screen.queryByText('Jaksoi <b>hyvin</b> koko päivän.')).toBeNull());
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });
});

describe("who has seen or changed a participant's data", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  /** The gateway's admin API, as server/admin-api.ts answers: one answer, the requests kept. */
  function server(status: number, body: object) {
    const sent: [string, unknown][] = [];
    vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
      sent.push([url, JSON.parse(init.body)]);
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    });
    return sent;
  }

  const entries: AccessLogEntry[] = [
    { at: '2026-12-02T10:00:00.000Z', user: 'ohjaaja2', action: 'read', db: SCOPE, kind: 'changes', docs: [{ id: 'note:abcd1234', type: 'note' }, { id: 'observation:efgh5678', type: 'observation' }] },
    { at: '2026-11-30T07:05:00.000Z', user: 'ohjaaja1', action: 'write', db: SCOPE, kind: 'bulkDocs', docs: [{ id: 'note:abcd1234', type: 'note' }] },
    { at: '2026-11-29T07:05:00.000Z', user: null, action: 'read', db: SCOPE, kind: 'allDocs', docs: [], incomplete: true },
  ];

  it('lists the server\'s entries in Finland\'s format, and downloads the same rows as CSV', async () => {
    api = await openTestData('koordinaattori', COORDINATOR);
    const person = await seed();
    const sent = server(200, { ok: true, entries, truncated: false });
    const files: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (files.push(blob as Blob), 'blob:access-log'));
    const { container } = renderWithData(api, <SubjectAccessScreen scope={SCOPE} id={person} now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Näytä lokitiedot' }));
    const table = await screen.findByRole('table', { name: 'Lokimerkinnät, uusin ensin' });
    expect(sent).toEqual([['/api/admin/accessLog', { participantKey: person.slice('participant:'.length) }]]);
    const cells = within(table).getAllByRole('row').map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));
    expect(cells).toEqual([
      ['Milloin', 'Kuka', 'Mitä teki', 'Tiedot', 'Tietokanta, pyyntö'],
      ['2.12.2026 klo 12.00', 'ohjaaja2', 'Luki', 'Muistiinpano (note:abcd1234); Toimintakyvyn arvio (observation:efgh5678)', `${SCOPE} changes`],
      ['30.11.2026 klo 9.05', 'ohjaaja1', 'Muutti', 'Muistiinpano (note:abcd1234)', `${SCOPE} bulkDocs`],
      ['29.11.2026 klo 9.05', 'Ei tiedossa', 'Luki', 'Ei tiedossa (liian suuri vastaus)', `${SCOPE} allDocs`],
    ]);
    // Not part of the printed report for the person.
    expect(table.closest('.no-print')).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Lataa lokitiedot (CSV)' }));
    expect(files).toHaveLength(1);
    // Read with its byte-order mark (Excel needs it; Blob.text() would drop it).
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await files[0]!.arrayBuffer());
    expect(csv).toBe(toCsv(cells[0]!, cells.slice(1), ';'));

    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('says so when there is nothing, and why when the server refuses', async () => {
    api = await openTestData('koordinaattori', COORDINATOR);
    const person = await seed();
    server(200, { ok: true, entries: [], truncated: false });
    renderWithData(api, <SubjectAccessScreen scope={SCOPE} id={person} now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Näytä lokitiedot' }));
    await screen.findByText('Ei merkintöjä.');
    expect(screen.queryByRole('button', { name: 'Lataa lokitiedot (CSV)' })).toBeNull();

    server(404, { error: 'refused', reason: 'srv.noSuchParticipant' });
    fireEvent.click(screen.getByRole('button', { name: 'Näytä lokitiedot' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Osallistujaa ei löydy.');
  });
});
