import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupId, groupScope, localInstant, type Participant } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { EsfExitSection } from './EsfExitSection.tsx';
import { ParticipantScreen } from './ParticipantScreen.tsx';

// The page's clock: Tuesday 15 December 2026 at noon in Finland.
const NOW = localInstant('2026-12-15', '12:00');
const EARLIER = '2026-06-05T08:00:00.000Z';
// After an exit on 2.12.2026 the six-month follow-up is due 2.6.2027 and can be recorded from 3.5.2027.
const FOLLOW_UP_OPENS = localInstant('2027-05-03', '08:00');

let api: TestData;
let person: string;
beforeEach(async () => {
  api = await openTestData();
  [person] = (await seedGroup(api, 1)) as [string];
});
afterEach(() => api.close());

const end = (changes: Partial<Participant> = {}) => api.store.edit('participant', SCOPE, person, { status: 'ended', endDate: '2026-12-02', ...changes });
const stored = async () => await api.store.get('participant', SCOPE, person);
const pathTab = async (now = NOW) => {
  renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={now} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Polku' }));
  return screen.getByRole('tabpanel', { name: 'Polku' });
};
/** This group in project `here`, the group `toinen01` in project `there`. */
const inProjects = async (here: string, there: string) => {
  await api.store.edit('group', SCOPE, groupId(GROUP_KEY), { projectCode: here });
  const other = await api.store.create('group', {
    id: groupId('toinen01'), scope: groupScope('toinen01'), name: 'Toinen ryhmä', projectCode: there,
    settings: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 }, villages: [], instructors: [], coordinators: [],
  });
  if (!other.ok) throw new Error(JSON.stringify(other.problems));
};
const box = (panel: HTMLElement, label: string) => within(panel).getByLabelText(label) as HTMLInputElement;

describe('the ESF+ situation after leaving', () => {
  it('is not asked while the person takes part', async () => {
    const panel = await pathTab();
    expect(within(panel).queryByRole('heading', { name: 'ESF+-seuranta lopun jälkeen' })).toBeNull();
  });

  it('is not asked after a move to another group of the same project (the person goes on there)', async () => {
    await inProjects('S30123', 'S30123');
    await end({ movedTo: 'toinen01' });
    // Given both groups at once (the page reads them as they load), nothing is asked.
    const groups = await firstValueFrom(api.store.watch('group'));
    expect(groups.map((g) => g.projectCode)).toEqual(['S30123', 'S30123']);
    const { container } = renderWithData(api, <EsfExitSection scope={SCOPE} person={(await stored())!} groups={groups} now={NOW} />);
    expect(container.textContent).toBe('');
  });

  it('is asked after a move to a group of another ESF+ project, which the report counts as leaving this one', async () => {
    await inProjects('S30123', 'S30999');
    await end({ movedTo: 'toinen01' });
    const panel = await pathTab();
    const form = await within(panel).findByRole('form', { name: 'ESF+-seuranta lopun jälkeen' });
    fireEvent.click(box(form, 'koulutuksessa'));
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tilanne' }));
    await waitFor(async () => expect((await stored())?.esfExit).toEqual({ date: '2026-12-02', situations: ['education'], recordedAt: NOW.toISOString() }));
  });

  it('records the situation within four weeks, "none of these" excluding the others', async () => {
    await end();
    const panel = await pathTab();
    const form = within(panel).getByRole('form', { name: 'ESF+-seuranta lopun jälkeen' });
    within(form).getByRole('group', { name: 'Tilanne neljän viikon sisällä lopusta (2.12.2026)' });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tilanne' }));
    await within(form).findByRole('alert');
    within(form).getByText('Valitse vähintään yksi tai ”ei mikään näistä”.');
    expect((await stored())?.esfExit).toBeUndefined();

    fireEvent.click(box(form, 'hakee työtä'));
    fireEvent.click(box(form, 'koulutuksessa'));
    fireEvent.click(box(form, 'ei mikään näistä'));
    expect([box(form, 'hakee työtä').checked, box(form, 'koulutuksessa').checked]).toEqual([false, false]);
    fireEvent.click(box(form, 'sai tutkinnon tai todistuksen'));
    fireEvent.click(box(form, 'hakee työtä'));
    expect(box(form, 'ei mikään näistä').checked).toBe(false);
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tilanne' }));
    await waitFor(async () => expect((await stored())?.esfExit).toEqual({ date: '2026-12-02', situations: ['jobSearching', 'qualification'], recordedAt: NOW.toISOString() }));
    // Said to a screen reader too.
    await waitFor(() => expect(within(form).getByRole('status').textContent).toBe('Kirjattu 15.12.2026 klo 12.00'));
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('records "none of these" as an empty list', async () => {
    await end();
    const panel = await pathTab();
    const form = within(panel).getByRole('form', { name: 'ESF+-seuranta lopun jälkeen' });
    fireEvent.click(box(form, 'ei mikään näistä'));
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tilanne' }));
    await waitFor(async () => expect((await stored())?.esfExit?.situations).toEqual([]));
  });

  it('says when the six-month follow-up is due, and asks it only from 30 days before', async () => {
    await end();
    const panel = await pathTab(localInstant('2027-05-02', '20:00'));
    within(panel).getByText('Seuranta 2.6.2027 mennessä');
    expect(within(panel).queryByRole('form', { name: 'Seuranta puoli vuotta lopun jälkeen' })).toBeNull();
    expect(within(panel).queryByLabelText('Onko henkilö töissä (myös yrittäjänä)?')).toBeNull();
  });

  it('asks the six-month follow-up by its due date and records both answers', async () => {
    await end();
    const panel = await pathTab(FOLLOW_UP_OPENS);
    within(panel).getByText('Seuranta 2.6.2027 mennessä');
    const form = within(panel).getByRole('form', { name: 'Seuranta puoli vuotta lopun jälkeen' });
    fireEvent.change(within(form).getByLabelText('Onko henkilö töissä (myös yrittäjänä)?'), { target: { value: 'yes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna puolen vuoden seuranta' }));
    // The other answer is missing: said at its field, nothing stored, the choice made kept.
    const improved = within(form).getByLabelText('Onko tilanne työmarkkinoilla parempi kuin aloittaessa?');
    await waitFor(() => expect(improved.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(improved.getAttribute('aria-describedby')!)?.textContent).toBe('Valitse jokin vaihtoehdoista.');
    expect((within(form).getByLabelText('Onko henkilö töissä (myös yrittäjänä)?') as HTMLSelectElement).value).toBe('yes');
    expect((await stored())?.esfFollowUp).toBeUndefined();

    fireEvent.change(improved, { target: { value: 'unknown' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna puolen vuoden seuranta' }));
    await waitFor(async () => expect((await stored())?.esfFollowUp).toEqual({ employed: 'yes', improved: 'unknown', recordedAt: FOLLOW_UP_OPENS.toISOString() }));
    await waitFor(() => expect(within(form).getByRole('status').textContent).toBe('Kirjattu 3.5.2027 klo 8.00'));
  });

  it('writes the answer alone, leaving the entry record as it was (an edit of it on another device meanwhile stays)', async () => {
    const esf = { gender: 'woman' as const, ageGroup: '30to54' as const, recordedAt: EARLIER };
    await api.store.edit('participant', SCOPE, person, { esf });
    await end();
    const entryClock = (await stored())?.clock.esf;
    const panel = await pathTab();
    const form = within(panel).getByRole('form', { name: 'ESF+-seuranta lopun jälkeen' });
    fireEvent.click(box(form, 'töissä (myös yrittäjänä)'));
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tilanne' }));
    await waitFor(async () => expect((await stored())?.esfExit?.situations).toEqual(['employed']));
    expect((await stored())?.esf).toEqual(esf);
    expect((await stored())?.clock.esf).toBe(entryClock);
  });

  it('does not show the answers given for an earlier exit of a person who came back as answers to this one', async () => {
    await end({ esfExit: { date: '2026-06-01', situations: ['employed'], recordedAt: EARLIER }, esfFollowUp: { employed: 'yes', improved: 'yes', recordedAt: EARLIER } });
    const panel = await pathTab(FOLLOW_UP_OPENS);
    expect(box(panel, 'töissä (myös yrittäjänä)').checked).toBe(false);
    expect((within(panel).getByLabelText('Onko henkilö töissä (myös yrittäjänä)?') as HTMLSelectElement).value).toBe('');
    expect(within(panel).queryByText(/^Kirjattu/)).toBeNull();
  });

  it('keeps its labels and heading order, and the edit form with the sensitive items open too (axe)', async () => {
    await end();
    const { container } = renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Polku' }));
    fireEvent.click(screen.getByRole('button', { name: 'Muokkaa tietoja' }));
    fireEvent.click(screen.getByLabelText('Henkilö on antanut luvan kirjata nämä arkaluonteiset tiedot'));
    within(screen.getByRole('tabpanel', { name: 'Polku' })).getByRole('heading', { name: 'ESF+-seuranta lopun jälkeen' });
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
