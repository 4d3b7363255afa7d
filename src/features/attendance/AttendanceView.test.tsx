import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attendanceId, errandId, rsvpId, sessionId } from '../../domain/index.ts';
import { dayFromToday, GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { AttendanceView } from './AttendanceView.tsx';

let api: TestData;
let participants: string[];
const session = sessionId();

beforeEach(async () => {
  api = await openTestData();
  participants = await seedGroup(api, 4);
  const created = await api.store.create('session', {
    id: session, scope: SCOPE, groupKey: GROUP_KEY, date: dayFromToday(-1), startTime: '10:00', endTime: '13:00', village: 'Kylmälä',
    instructors: ['ohjaaja1'], capacity: 3, costCents: 33000, status: 'planned',
  });
  expect(created.ok).toBe(true);
});
afterEach(() => api.close());

const rows = () => screen.getAllByTestId('attendance-row');
const button = (row: HTMLElement, name: string) => within(row).getByRole('button', { name, pressed: undefined });

describe('attendance', () => {
  it('marks a person in one tap, shows the choice as pressed, and stores one document per person', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const first = rows()[0]!;
    const group = within(first).getByRole('group', { name: /Osallistuja 1/ });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Läsnä', 'Poissa', 'Ilmoitettu poissaolo']);

    fireEvent.click(button(first, 'Läsnä'));
    await waitFor(() => expect(button(first, 'Läsnä').getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId('attendance-summary').textContent).toBe('Läsnä 1 / 3');
    expect(first.textContent).toContain('Ei vielä palvelimella');

    // Changing one's mind edits the same document.
    fireEvent.click(button(first, 'Ilmoitettu poissaolo'));
    await waitFor(() => expect(button(first, 'Ilmoitettu poissaolo').getAttribute('aria-pressed')).toBe('true'));
    expect(button(first, 'Läsnä').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('attendance-summary').textContent).toBe('Läsnä 0 / 3');
    const docs = await api.db.docs.find({ selector: { type: 'attendance' } }).exec();
    expect(docs.map((d) => [d.get('id'), d.get('status')])).toEqual([[attendanceId(session, participants[0]!), 'excused']]);
  });

  it('warns when more people are present than there are places', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    for (const row of rows()) fireEvent.click(button(row, 'Läsnä'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Läsnä on enemmän kuin paikkoja (4 / 3).');
  });

  it("says when the sync combined someone else's edit of the session with this device's", async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.queryByTestId('session-merged')).toBeNull();
    // As the sync engine records a field merge (another session's merge is not shown here).
    await api.db.local.bulkUpsert([
      { id: `merge|${SCOPE}|${session}|a`, kind: 'merge', scope: SCOPE, docId: session, with: 'ohjaaja2', at: '2026-11-30T08:15:00.000Z' },
      { id: `merge|${SCOPE}|session:other001|b`, kind: 'merge', scope: SCOPE, docId: 'session:other001', with: 'koordinaattori', at: '2026-11-30T09:00:00.000Z' },
    ]);
    const note = await screen.findByTestId('session-merged');
    expect(note.textContent).toMatch(/^Samanaikaiset muutokset yhdistettiin myös ohjaaja2 muokkasi, 30\.11\.2026/);
  });

  it('offers no attendance marking before the session has started, only a plain sentence', async () => {
    const later = sessionId();
    await api.store.create('session', {
      id: later, scope: SCOPE, groupKey: GROUP_KEY, date: dayFromToday(1), startTime: '00:00', endTime: '01:00', village: 'Kylmälä',
      instructors: ['ohjaaja1'], capacity: 3, costCents: 33000, status: 'planned',
    });
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={later} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByTestId('attendance-not-yet').textContent).toBe('Kerta ei ole vielä alkanut. Läsnäolon voi merkitä, kun kerta alkaa.');
    expect(screen.queryAllByRole('button', { name: 'Läsnä' })).toHaveLength(0);
    expect(screen.queryByRole('form', { name: 'Paikalle tuli uusi henkilö' })).toBeNull();
  });

  it('offers attendance marking once the session has started', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.queryByTestId('attendance-not-yet')).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Läsnä' })).toHaveLength(4);
  });

  it('says so when the session is not on this device', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId="session:missing1" />);
    await screen.findByText('Kertaa ei löytynyt tältä laitteelta.');
  });

  it("shows each person's own answer beside their name", async () => {
    await api.store.create('rsvp', { id: rsvpId(session, participants[0]!), scope: SCOPE, sessionId: session, participantId: participants[0]!, status: 'coming' });
    await api.store.create('rsvp', { id: rsvpId(session, participants[1]!), scope: SCOPE, sessionId: session, participantId: participants[1]!, status: 'notComing' });
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Tulossa'));
    expect(rows()[1]!.textContent).toContain('Ei pääse');
    expect(rows()[2]!.textContent).not.toMatch(/Tulossa|Ei pääse/);
  });

  it('adds a walk-in on the spot, present at once; a blank name is refused', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const form = screen.getByRole('form', { name: 'Paikalle tuli uusi henkilö' });
    fireEvent.click(within(form).getByRole('button', { name: 'Lisää ja merkitse läsnä' }));
    await within(form).findAllByText('Tämä tieto tarvitaan.');
    fireEvent.input(within(form).getByLabelText('Nimi (näkyy ryhmälle)'), { target: { value: 'Veikko' } });
    fireEvent.input(within(form).getByLabelText('Kotikylä'), { target: { value: 'Rantala' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lisää ja merkitse läsnä' }));
    await waitFor(() => expect(rows()).toHaveLength(5));
    const veikko = rows().find((r) => r.textContent?.includes('Veikko'))!;
    await waitFor(() => expect(within(veikko).getByRole('button', { name: 'Läsnä' }).getAttribute('aria-pressed')).toBe('true'));
    expect(veikko.textContent).toContain('Uusi paikan päällä');
    expect(screen.getByTestId('attendance-summary').textContent).toBe('Läsnä 1 / 3');
  });
});

describe('errands and onward guidance, per person', () => {
  const more = (row: HTMLElement) => within(row).getByRole('button', { name: 'Asiointi ja ohjaus' });

  it('keeps the list compact: the extra part opens per person', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const first = rows()[0]!;
    expect(more(first).getAttribute('aria-expanded')).toBe('false');
    expect(within(first).queryByRole('button', { name: 'Kela' })).toBeNull();
    // On the name line, before the attendance buttons, yet not part of their name.
    const group = within(first).getByRole('group', { name: /Osallistuja 1/ });
    expect(group.getAttribute('aria-label') ?? '').not.toContain('Asiointi');
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).not.toContain('Asiointi');
    expect(more(first).compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(more(first));
    expect(more(first).getAttribute('aria-expanded')).toBe('true');
    expect(within(first).getByRole('button', { name: 'Kela' })).toBeTruthy();
    // The opened part comes under the attendance buttons, which stay the first row to tap.
    expect(group.compareDocumentPosition(within(first).getByRole('button', { name: 'Kela' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(more(first));
    expect(more(first).getAttribute('aria-expanded')).toBe('false');
    expect(within(first).queryByRole('button', { name: 'Kela' })).toBeNull();
    fireEvent.click(more(first));
    expect(within(rows()[1]!).queryByRole('button', { name: 'Kela' })).toBeNull();
  });

  it('stays axe-clean with one person\'s part open: the toggle named, its panel labelled', async () => {
    const { container } = renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(more(rows()[0]!));
    await within(rows()[0]!).findByRole('form', { name: 'Ohjaus eteenpäin' });
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('records the kinds of errand helped with in one document per person and session', async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const first = rows()[0]!;
    fireEvent.click(more(first));
    fireEvent.click(button(first, 'Kela'));
    await waitFor(() => expect(button(first, 'Kela').getAttribute('aria-pressed')).toBe('true'));
    fireEvent.click(button(first, 'Pankki tai tunnistautuminen'));
    await waitFor(() => expect(button(first, 'Pankki tai tunnistautuminen').getAttribute('aria-pressed')).toBe('true'));
    fireEvent.click(button(first, 'Kela'));
    await waitFor(() => expect(button(first, 'Kela').getAttribute('aria-pressed')).toBe('false'));
    const docs = await api.db.docs.find({ selector: { type: 'errand' } }).exec();
    expect(docs.map((d) => [d.get('id'), d.get('kinds')])).toEqual([[errandId(session, participants[0]!), ['bankOrId']]]);
  });

  it("refuses 'other' guidance without saying which service, keeping what was typed; then records it as pending on the session's date", async () => {
    renderWithData(api, <AttendanceView scope={SCOPE} sessionId={session} />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const first = rows()[0]!;
    fireEvent.click(more(first));
    const form = within(first).getByRole('form', { name: 'Ohjaus eteenpäin' });
    fireEvent.change(within(form).getByLabelText('Palvelu'), { target: { value: 'other' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna ohjaus' }));
    await within(form).findByText('Kerro, mikä palvelu (se ei ole listalla).');
    const description = within(form).getByLabelText('Kuvaus') as HTMLInputElement;
    expect(description.getAttribute('aria-invalid')).toBe('true');
    expect((within(form).getByLabelText('Palvelu') as HTMLSelectElement).value).toBe('other');
    expect(await api.db.docs.find({ selector: { type: 'guidance' } }).exec()).toHaveLength(0);

    fireEvent.input(description, { target: { value: 'Seurakunnan diakoniatyö' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna ohjaus' }));
    await within(first).findByText('Muu palvelu · Seurakunnan diakoniatyö');
    const [stored] = (await api.db.docs.find({ selector: { type: 'guidance' } }).exec()).map((d) => d.toJSON());
    expect(stored).toMatchObject({ participantId: participants[0], sessionId: session, date: dayFromToday(-1), service: 'other', description: 'Seurakunnan diakoniatyö', outcome: 'pending' });
    expect(within(rows()[1]!).queryByText(/Seurakunnan/)).toBeNull();
  });
});
