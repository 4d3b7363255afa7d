import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attendanceId, GOAL_STATUSES, goalId, localInstant, noteId, planStepId, ROLE, sessionId } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { ParticipantScreen } from './ParticipantScreen.tsx';

let api: TestData;
let person: string;
beforeEach(async () => {
  api = await openTestData();
  [person] = await seedGroup(api, 1) as [string];
});
afterEach(() => api.close());

const timeline = () => screen.getByTestId('timeline');
const noteList = () => screen.getByTestId('notes');
const latest = () => screen.getByTestId('latest-notes');
const overview = () => screen.getByTestId('overview');
const rendered = () => screen.findByTestId('overview');
/** Waits until the clock (real or faked, which moves in steps) has moved on. */
const nextMillisecond = async () => {
  const before = Date.now();
  while (Date.now() === before) await new Promise((r) => setTimeout(r, 5));
};
/** Opens one of the page's sections (a tab) and gives its panel. */
const open = async (name: string) => {
  fireEvent.click(await screen.findByRole('tab', { name }));
  return screen.getByRole('tabpanel', { name });
};
const docs = async (type: string) => (await api.db.docs.find({ selector: { type } }).exec()).map((d) => d.toJSON());
/** Opens a form that waits behind its button and gives the form. */
const openForm = (panel: HTMLElement, button: string, form: string) => {
  fireEvent.click(within(panel).getByRole('button', { name: button }));
  return within(panel).getByRole('form', { name: form });
};
/** Text a person can see: not inside anything hidden (a closed form, another tab). */
const visibleText = (text: string) => screen.queryAllByText(text).filter((el) => !el.closest('[hidden]'));

describe('participant page', () => {
  it('takes a note, refuses an empty one, and corrects a note with a new one', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const form = await screen.findByRole('form', { name: 'Uusi muistiinpano' });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna muistiinpano' }));
    await within(form).findByText('Tämä tieto tarvitaan.');
    expect(await docs('note')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Aihe'), { target: { value: 'skills' } });
    fireEvent.input(within(form).getByLabelText('Havainto'), { target: { value: 'Osasi käyttää <b>verkkopankkia</b>.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna muistiinpano' }));
    await within(await screen.findByTestId('notes')).findByText('Osasi käyttää <b>verkkopankkia</b>.');
    expect(noteList().querySelector('b')).toBeNull();
    within(latest()).getByText('Osasi käyttää <b>verkkopankkia</b>.');
    expect(latest().querySelector('b')).toBeNull();

    fireEvent.click(within(noteList()).getByRole('button', { name: 'Korjaa' }));
    const correction = await screen.findByRole('form', { name: 'Korjaa muistiinpano' });
    fireEvent.input(within(correction).getByLabelText('Havainto'), { target: { value: 'Osasi käyttää verkkopankkia avustettuna.' } });
    fireEvent.click(within(correction).getByRole('button', { name: 'Tallenna korjaus' }));
    await within(noteList()).findByText('Osasi käyttää verkkopankkia avustettuna.');
    within(noteList()).getByText('Korjattu myöhemmin');
    within(noteList()).getByText('Korjaus');
    // The overview shows the correction in place of the note it corrects.
    within(latest()).getByText('Osasi käyttää verkkopankkia avustettuna.');
    expect(within(latest()).queryByText('Osasi käyttää <b>verkkopankkia</b>.')).toBeNull();
    // The timeline, a tab away, has both, the old one marked.
    await open('Aikajana');
    within(timeline()).getByText('Osasi käyttää verkkopankkia avustettuna.');
    within(timeline()).getByText('Korjattu myöhemmin');
    expect(timeline().querySelector('b')).toBeNull();
    const notes = await docs('note');
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.text === 'Osasi käyttää <b>verkkopankkia</b>.')).toBeDefined();
  });

  it('says once that there are no notes yet, and lists all notes from the first one', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    await rendered();
    expect(screen.getAllByText('Ei vielä muistiinpanoja.')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Kaikki muistiinpanot' })).toBeNull();
    const form = screen.getByRole('form', { name: 'Uusi muistiinpano' });
    fireEvent.change(within(form).getByLabelText('Aihe'), { target: { value: 'skills' } });
    fireEvent.input(within(form).getByLabelText('Havainto'), { target: { value: 'Tuli ajoissa.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna muistiinpano' }));
    await screen.findByRole('heading', { name: 'Kaikki muistiinpanot' });
    within(noteList()).getByText('Tuli ajoissa.');
    expect(screen.queryByText('Ei vielä muistiinpanoja.')).toBeNull();
  });

  it('moves a person from work trial to pay-subsidised work in one step', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    within(await rendered()).getByText('Ei käynnissä olevaa vaihetta.');
    const panel = await open('Polku');
    let form = openForm(panel, '+ Uusi vaihe', 'Uusi vaihe');
    fireEvent.change(within(form).getByLabelText('Vaihe'), { target: { value: 'workTrial' } });
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-10-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await screen.findByText('Nyt: Työkokeilu');

    form = openForm(panel, '+ Uusi vaihe', 'Uusi vaihe');
    fireEvent.change(within(form).getByLabelText('Vaihe'), { target: { value: 'paySubsidisedWork' } });
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-11-30' } });
    within(form).getByText('Samalla päättyy nykyinen vaihe: Työkokeilu.');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await screen.findByText('Nyt: Palkkatukityö');
    expect(screen.getByTestId('overview-stage-now').textContent).toBe('Palkkatukityö30.11.2026 alkaen');
    await waitFor(async () => {
      const steps = await docs('planstep');
      expect(steps.map((s) => [s.stage, s.status, s.endDate]).sort()).toEqual([
        ['paySubsidisedWork', 'active', undefined],
        ['workTrial', 'completed', '2026-11-30'],
      ]);
    });
  });

  it('refuses a stage that ends before it starts, keeping the dates typed', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const form = openForm(await open('Polku'), '+ Uusi vaihe', 'Uusi vaihe');
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-12-01' } });
    fireEvent.input(within(form).getByLabelText('Päättyy'), { target: { value: '2026-11-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await within(form).findByText('Loppu ei voi olla ennen alkua.');
    expect((within(form).getByLabelText('Päättyy') as HTMLInputElement).value).toBe('2026-11-01');
    expect(await docs('planstep')).toEqual([]);
  });

  it('shows the path first; the new-stage form opens from its button, keeps what was typed when closed, and closes when saved', async () => {
    await api.store.create('planstep', { id: planStepId(), scope: SCOPE, participantId: person, stage: 'plan', status: 'active', startDate: '2026-11-01', visibleToParticipant: false });
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const panel = await open('Polku');
    await within(panel).findByText('Nyt: Suunnitelma');
    const button = within(panel).getByRole('button', { name: '+ Uusi vaihe' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(within(panel).queryByRole('form', { name: 'Uusi vaihe' })).toBeNull();
    // The stage that would end is said only inside a form that is open.
    expect(visibleText('Samalla päättyy nykyinen vaihe: Suunnitelma.')).toEqual([]);

    fireEvent.click(button);
    const form = within(panel).getByRole('form', { name: 'Uusi vaihe' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Vaihe')));
    expect(visibleText('Samalla päättyy nykyinen vaihe: Suunnitelma.')).toHaveLength(1);
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-12-01' } });
    fireEvent.click(button);
    expect(within(panel).queryByRole('form', { name: 'Uusi vaihe' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button));

    fireEvent.click(button);
    expect((within(form).getByLabelText('Alkaa') as HTMLInputElement).value).toBe('2026-12-01');
    fireEvent.change(within(form).getByLabelText('Vaihe'), { target: { value: 'workTrial' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await within(panel).findByText('Nyt: Työkokeilu');
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('keeps goals with steps; all steps done means reached; visibility is a choice', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const form = within(await open('Tavoitteet')).getByRole('form', { name: 'Uusi tavoite' });
    fireEvent.input(within(form).getByLabelText('Tavoite'), { target: { value: 'Ajokortti' } });
    fireEvent.click(within(form).getByLabelText('Näkyy osallistujalle'));
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tavoite' }));
    const stepForm = await screen.findByRole('form', { name: 'Uusi askel tavoitteeseen Ajokortti' });
    fireEvent.input(within(stepForm).getByLabelText('Uusi askel'), { target: { value: 'Teoriakoe' } });
    fireEvent.click(within(stepForm).getByRole('button', { name: 'Lisää askel' }));
    await within(overview()).findByText('0/1 askel tehty');
    fireEvent.click(await screen.findByLabelText('Teoriakoe'));
    await waitFor(async () => expect((await docs('goal'))[0]).toMatchObject({ status: 'reached', visibleToParticipant: false, steps: [{ text: 'Teoriakoe', done: true }] }));
    // Reached: no longer among the open goals at the top.
    await within(overview()).findByText('Ei avoimia tavoitteita.');
  });

  it("leads a coordinator, and no instructor, to the person's own data for an access request", async () => {
    const link = 'Tiedot henkilölle itselleen (tietopyyntö)';
    const { unmount } = renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    await rendered();
    expect(screen.queryByRole('link', { name: link })).toBeNull();
    unmount();
    const coordinator = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.coordinatorOf(GROUP_KEY), ROLE.group(GROUP_KEY)]);
    [person] = (await seedGroup(coordinator, 1)) as [string];
    renderWithData(coordinator, <ParticipantScreen scope={SCOPE} id={person} />);
    expect((await screen.findByRole('link', { name: link })).getAttribute('href')).toBe(`#/participant-data/${SCOPE}/${encodeURIComponent(person)}`);
    await coordinator.close();
  });
});

describe('participant overview', () => {
  // The page's clock for these tests: Tuesday 15 December 2026 at noon in Finland.
  const NOW = localInstant('2026-12-15', '12:00');
  const DATES = ['2026-10-27', '2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24', '2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22'];

  async function seedHistory({ early = true } = {}) {
    const ids: string[] = [];
    for (const date of DATES) {
      const id = sessionId();
      const cancelled = date === '2026-11-17';
      const r = await api.store.create('session', {
        id, scope: SCOPE, groupKey: GROUP_KEY, date, startTime: '13:00', endTime: '16:00', village: 'Kylmälä', address: 'Kylätalo', instructors: [], capacity: 8, costCents: 33000,
        status: cancelled ? 'cancelled' : date < '2026-12-15' ? 'held' : 'planned', ...(cancelled ? { cancelReason: 'Myrsky' } : {}),
      });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      ids.push(id);
    }
    const mark = (i: number, status: 'present' | 'absent' | 'excused') =>
      api.store.create('attendance', { id: attendanceId(ids[i]!, person), scope: SCOPE, sessionId: ids[i]!, participantId: person, status });
    // Oldest first: 27.10. absent (outside the last six), 3.11. present, 10.11. present, 17.11. cancelled,
    // 24.11. excused, 1.12. present, 8.12. not marked; 15.12. starts at 13:00, after the page's noon.
    if (early) {
      await mark(0, 'absent');
      await mark(1, 'present');
      await mark(2, 'present');
    }
    await mark(4, 'excused');
    await mark(5, 'present');
    const steps: [string, 'completed' | 'active' | 'planned', string][] = [['initialAssessment', 'completed', '2026-09-01'], ['workTrial', 'active', '2026-11-02'], ['paySubsidisedWork', 'planned', '2027-02-01']];
    for (const [stage, status, startDate] of steps) {
      await api.store.create('planstep', { id: planStepId(), scope: SCOPE, participantId: person, stage: stage as 'workTrial', status, startDate, visibleToParticipant: false });
    }
    const goals: [string, (typeof GOAL_STATUSES)[number], string?][] = [['Ajokortti', 'open'], ['Hygieniapassi', 'open', '2027-01-31'], ['Kela-asiointi', 'reached']];
    for (const [title, status, targetDate] of goals) {
      await api.store.create('goal', {
        id: goalId(), scope: SCOPE, participantId: person, title, ...(targetDate ? { targetDate } : {}), status, visibleToParticipant: true,
        steps: title === 'Hygieniapassi' ? [{ id: 's1', text: 'Kurssi', done: true }, { id: 's2', text: 'Koe', done: false }] : [],
      });
    }
    for (const text of ['Ensimmäinen havainto.', 'Toinen havainto.', 'Kolmas havainto.', 'Neljäs havainto.']) {
      await api.store.create('note', { id: noteId(), scope: SCOPE, participantId: person, category: 'wellbeing', text });
      await nextMillisecond(); // each note its own createdAt, with a faked clock too
    }
  }

  it('shows the stage now, the open goals, attendance over the last six sessions and the three latest notes', async () => {
    await seedHistory();
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const top = await rendered();
    await waitFor(() => expect(screen.getByTestId('overview-stage-now').textContent).toBe('Työkokeilu2.11.2026 alkaen'));

    const goals = within(top).getByRole('region', { name: 'Avoimet tavoitteet' });
    expect(within(goals).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Hygieniapassi31.1.2027 mennessä · 1/2 askelta tehty', 'Ajokortti']);

    // Six sessions held by then, not counting the cancelled one nor today's (not started at noon).
    await waitFor(() => expect(screen.getByTestId('overview-attendance-figure').textContent).toBe('Läsnä 3/6 kerrasta'));
    within(top).getByText('Viimeiset 6 kertaa, 27.10.2026–8.12.2026');
    within(top).getByText('Poissa: 1 · Ilmoitettu poissaolo: 1 · Merkitsemättä: 1');
    const strip = within(top).getByRole('list', { name: 'Kerrat vanhimmasta uusimpaan' });
    expect(within(strip).getAllByRole('listitem').map((li) => li.querySelector('.visually-hidden')?.textContent)).toEqual([
      'ti 27.10.2026: Poissa', 'ti 3.11.2026: Läsnä', 'ti 10.11.2026: Läsnä', 'ti 24.11.2026: Ilmoitettu poissaolo', 'ti 1.12.2026: Läsnä', 'ti 8.12.2026: Merkitsemättä',
    ]);

    await waitFor(() => expect(within(latest()).getAllByRole('listitem').map((li) => li.querySelector('p')?.textContent)).toEqual(['Neljäs havainto.', 'Kolmas havainto.', 'Toinen havainto.']));
  });

  it('puts a note just written at the top of the latest notes', async () => {
    await seedHistory();
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    await waitFor(() => expect(within(latest()).getAllByRole('listitem')).toHaveLength(3));
    const form = screen.getByRole('form', { name: 'Uusi muistiinpano' });
    fireEvent.input(within(form).getByLabelText('Havainto'), { target: { value: 'Tuli ajoissa ja auttoi muita.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna muistiinpano' }));
    await waitFor(() => expect(within(latest()).getAllByRole('listitem')[0]!.querySelector('p')?.textContent).toBe('Tuli ajoissa ja auttoi muita.'));
    expect(within(latest()).getAllByRole('listitem')).toHaveLength(3);
    expect(within(noteList()).getAllByRole('listitem')[0]!.textContent).toContain('Tuli ajoissa ja auttoi muita.');
  });

  it('says the attendance period is everything since starting when there are fewer than six sessions', async () => {
    await seedHistory({ early: false });
    const edited = await api.store.edit('participant', SCOPE, person, { startDate: '2026-11-24' });
    expect(edited.ok).toBe(true);
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    // 24.11. excused, 1.12. present, 8.12. not marked.
    await waitFor(() => expect(screen.getByTestId('overview-attendance-figure').textContent).toBe('Läsnä 1/3 kerrasta'));
    within(overview()).getByText('Kaikki 3 kertaa aloittamisen jälkeen, 24.11.2026–8.12.2026');
  });
});

describe('participant sections', () => {
  it('are tabs: one panel shown at a time, arrows and Home/End move between them', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Muistiinpanot', 'true'],
      ['Polku', 'false'],
      ['Tapaamiset', 'false'],
      ['Tavoitteet', 'false'],
      ['Aikajana', 'false'],
    ]);
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
    tabs[0]!.focus();
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[1]);
    expect(screen.getByRole('tabpanel', { name: 'Polku' })).toBeDefined();
    fireEvent.keyDown(tabs[1]!, { key: 'End' });
    expect(document.activeElement).toBe(tabs[4]);
    within(screen.getByRole('tabpanel', { name: 'Aikajana' })).getByText('Ei vielä merkintöjä.');
    fireEvent.keyDown(tabs[4]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[0]);
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowLeft' });
    expect(tabs[4]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tabs[4]!, { key: 'Home' });
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1]);
  });

  it('keeps what was typed when switching sections and back', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const note = await screen.findByRole('form', { name: 'Uusi muistiinpano' });
    fireEvent.input(within(note).getByLabelText('Havainto'), { target: { value: 'Kesken jäänyt havainto' } });
    const goal = within(await open('Tavoitteet')).getByRole('form', { name: 'Uusi tavoite' });
    fireEvent.input(within(goal).getByLabelText('Tavoite'), { target: { value: 'Ajokortti' } });
    await open('Aikajana');
    await open('Muistiinpanot');
    expect((within(note).getByLabelText('Havainto') as HTMLTextAreaElement).value).toBe('Kesken jäänyt havainto');
    await open('Tavoitteet');
    expect((within(goal).getByLabelText('Tavoite') as HTMLInputElement).value).toBe('Ajokortti');
    expect(await docs('note')).toEqual([]);
  });
});
