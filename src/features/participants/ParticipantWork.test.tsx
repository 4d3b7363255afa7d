import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coachingId, guidanceId, localInstant, observationId, partnerId, planStepId } from '../../domain/index.ts';
import { openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { ParticipantScreen } from './ParticipantScreen.tsx';

// The page's clock: Tuesday 15 December 2026 at noon in Finland.
const NOW = localInstant('2026-12-15', '12:00');

let api: TestData;
let person: string;
beforeEach(async () => {
  api = await openTestData();
  [person] = (await seedGroup(api, 1)) as [string];
});
afterEach(() => api.close());

const open = async (name: string) => {
  fireEvent.click(await screen.findByRole('tab', { name }));
  return screen.getByRole('tabpanel', { name });
};
const docs = async (type: string) => (await api.db.docs.find({ selector: { type } }).exec()).map((d) => d.toJSON() as Record<string, unknown>);
const type = (form: HTMLElement, label: string, value: string) => fireEvent.input(within(form).getByLabelText(label), { target: { value } });
const choose = (form: HTMLElement, label: string, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
const value = (form: HTMLElement, label: string) => (within(form).getByLabelText(label) as HTMLInputElement).value;
/** Opens a form that waits behind its button, lists first, and gives the form. */
const openForm = (panel: HTMLElement, button: string, form: string) => {
  fireEvent.click(within(panel).getByRole('button', { name: button }));
  return within(panel).getByRole('form', { name: form });
};
/** Text a person can see: not inside anything hidden (a closed form, another tab). */
const visibleText = (text: string) => screen.queryAllByText(text).filter((el) => !el.closest('[hidden]'));
/** The message shown at a field, read through the field's own description. */
const problemAt = (form: HTMLElement, label: string) => {
  const field = within(form).getByLabelText(label);
  return document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent;
};

describe('participant details', () => {
  it('stores how the person came to the group', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Muokkaa tietoja' }));
    const form = screen.getByRole('form', { name: 'Muokkaa tietoja' });
    expect(value(form, 'Miten ohjautui ryhmään')).toBe('');
    choose(form, 'Miten ohjautui ryhmään', 'kela');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna' }));
    await waitFor(async () => expect((await docs('participant'))[0]).toMatchObject({ referral: 'kela' }));
  });
});

describe('one-to-one meetings', () => {
  it('books a meeting with the signed-in coach, keeps its note staff-only and marks it held', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const panel = await open('Tapaamiset');
    within(panel).getByText('Osallistuja näkee tapaamisen ajan puhelimessaan. Muistiinpanoa tapaamisesta hän ei näe koskaan.');
    // The meetings come first; booking waits behind its button, after them.
    const button = within(panel).getByRole('button', { name: '+ Sovi tapaaminen' });
    expect(within(panel).getByRole('heading', { name: 'Menneet tapaamiset' }).compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(panel).queryByRole('form', { name: 'Sovi tapaaminen' })).toBeNull();
    const form = openForm(panel, '+ Sovi tapaaminen', 'Sovi tapaaminen');
    expect(value(form, 'Ohjaaja')).toBe('ohjaaja1');
    expect(value(form, 'Päivä')).toBe('2026-12-15');
    type(form, 'Päivä', '2026-12-17');
    type(form, 'Alkaa klo', '10:00');
    type(form, 'Päättyy klo', '09:30');
    choose(form, 'Tapa', 'phone');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tapaaminen' }));
    await within(form).findByText('Loppu ei voi olla ennen alkua.');
    expect(value(form, 'Päättyy klo')).toBe('09:30');
    expect(await docs('coaching')).toEqual([]);

    type(form, 'Päättyy klo', '11:00');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tapaaminen' }));
    const upcoming = await screen.findByTestId('meetings-upcoming');
    await within(upcoming).findByText('to 17.12.2026 10.00–11.00');
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
    within(upcoming).getByText(/Puhelu · ohjaaja1/);

    fireEvent.click(within(upcoming).getByRole('button', { name: 'Kirjoita muistiinpano' }));
    const noteForm = within(upcoming).getByRole('form', { name: 'Luottamuksellinen muistiinpano tapaamisesta' });
    type(noteForm, 'Havainto', 'Puhuttiin velkajärjestelystä.');
    fireEvent.click(within(noteForm).getByRole('button', { name: 'Tallenna muistiinpano' }));
    await within(upcoming).findByText('Puhuttiin velkajärjestelystä.');

    const [meeting] = await docs('coaching');
    const [note] = await docs('note');
    expect(note).toMatchObject({ coachingId: meeting!.id, participantId: person, text: 'Puhuttiin velkajärjestelystä.' });
    // The meeting travels to the participant's phone: nothing of the note is in it.
    expect(meeting).toMatchObject({ date: '2026-12-17', startTime: '10:00', endTime: '11:00', mode: 'phone', coach: 'ohjaaja1', status: 'planned' });
    expect(JSON.stringify(meeting)).not.toContain('velkajärjestely');
    within(screen.getByTestId('notes')).getByText('Yksilötapaamisesta');
    // Its correction stays with the meeting.
    await open('Muistiinpanot');
    fireEvent.click(within(screen.getByTestId('notes')).getByRole('button', { name: 'Korjaa' }));
    const correction = screen.getByRole('form', { name: 'Korjaa muistiinpano' });
    expect(within(correction).queryByLabelText('Kerta')).toBeNull();
    type(correction, 'Havainto', 'Puhuttiin velkaneuvonnasta.');
    fireEvent.click(within(correction).getByRole('button', { name: 'Tallenna korjaus' }));
    await waitFor(async () => expect((await docs('note')).find((n) => n.supersedes === note!.id)).toMatchObject({ coachingId: meeting!.id }));
    await open('Tapaamiset');
    await within(upcoming).findByText('Puhuttiin velkaneuvonnasta.');
    expect(within(upcoming).queryByText('Puhuttiin velkajärjestelystä.')).toBeNull();

    fireEvent.click(within(upcoming).getByRole('button', { name: 'Merkitse pidetyksi' }));
    const past = screen.getByTestId('meetings-past');
    await within(past).findByText('Pidetty');
    expect(within(upcoming).queryByText('to 17.12.2026 10.00–11.00')).toBeNull();
    await open('Aikajana');
    within(screen.getByTestId('timeline')).getByText('Tapaaminen: Puhelu');
  });
  it('says so when marking a meeting held is not saved, and the meeting stays planned', async () => {
    await api.store.create('coaching', { id: coachingId(), scope: SCOPE, participantId: person, date: '2026-12-17', startTime: '10:00', endTime: '11:00', mode: 'phone', coach: 'ohjaaja1', status: 'planned' });
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    await open('Tapaamiset');
    const upcoming = screen.getByTestId('meetings-upcoming');
    vi.spyOn(api.store, 'edit').mockResolvedValueOnce({ ok: false, problems: [{ path: '', key: 'storage.writeFailed' }] });
    fireEvent.click(await within(upcoming).findByRole('button', { name: 'Merkitse pidetyksi' }));
    expect((await within(upcoming).findByRole('alert')).textContent).toMatch(/^Tallennus epäonnistui/);
    within(upcoming).getByText('Sovittu');
    expect((await docs('coaching'))[0]).toMatchObject({ status: 'planned' });
  });
});

describe('placements', () => {
  it('says where partners are added when the group has none, with the way there', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const path = await open('Polku');
    within(path).getByText(/Ryhmällä ei ole vielä yhteistyökumppaneita/);
    expect(within(path).getByRole('link', { name: 'Yhteistyökumppanit' }).getAttribute('href')).toBe(`#/partners/${SCOPE}`);
    expect(screen.queryByRole('form', { name: 'Aloita sijoitus' })).toBeNull();
  });

  it('starts a placement as a step on the path, refusing over 40 hours a week and an end before the start', async () => {
    const partner = partnerId();
    await api.store.create('partner', { id: partner, scope: SCOPE, name: 'Kylmälän kyläyhdistys', kind: 'villageAssociation' });
    await api.store.create('planstep', { id: planStepId(), scope: SCOPE, participantId: person, stage: 'plan', status: 'active', startDate: '2026-11-01', visibleToParticipant: true });
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const panel = await open('Polku');
    await within(panel).findByText('Nyt: Suunnitelma');
    expect(within(panel).queryByRole('form', { name: 'Aloita sijoitus' })).toBeNull();
    const form = openForm(panel, '+ Aloita sijoitus', 'Aloita sijoitus');
    // The stage ending with it is said once, in this form.
    expect(visibleText('Samalla päättyy nykyinen vaihe: Suunnitelma.').map((el) => form.contains(el))).toEqual([true]);
    // No stage is chosen for the person: one wrong tap does not start a placement.
    expect(value(form, 'Vaihe')).toBe('');
    choose(form, 'Kumppani', partner);
    type(form, 'Alkaa', '2027-01-10');
    type(form, 'Päättyy', '2027-01-05');
    type(form, 'Tunteja viikossa', '41');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna sijoitus' }));
    await within(form).findByText('Enintään 40 tuntia viikossa.');
    within(form).getByText('Loppu ei voi olla ennen alkua.');
    expect(problemAt(form, 'Vaihe')).toBe('Valitse jokin vaihtoehdoista.');
    expect([value(form, 'Tunteja viikossa'), value(form, 'Päättyy')]).toEqual(['41', '2027-01-05']);
    expect(await docs('placement')).toEqual([]);

    choose(form, 'Vaihe', 'workTrial');
    type(form, 'Tunteja viikossa', '12,5');
    type(form, 'Päättyy', '2027-04-30');
    type(form, 'Työpaikkaohjaaja', 'Aino');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna sijoitus' }));
    await screen.findByText('Nyt: Työkokeilu');
    const [placement] = await docs('placement');
    expect(placement).toMatchObject({ partnerId: partner, stage: 'workTrial', startDate: '2027-01-10', endDate: '2027-04-30', hoursPerWeek: 12.5, supervisor: 'Aino' });
    await waitFor(async () => {
      const steps = await docs('planstep');
      expect(steps.find((s) => s.id === placement!.planStepId)).toMatchObject({ stage: 'workTrial', status: 'active', startDate: '2027-01-10', endDate: '2027-04-30', visibleToParticipant: false });
      expect(steps.find((s) => s.stage === 'plan')).toMatchObject({ status: 'completed', endDate: '2027-01-10' });
    });

    const list = screen.getByTestId('placements');
    within(list).getByText(/12,5 h\/vko · työpaikkaohjaaja Aino/);
    fireEvent.click(within(list).getByRole('button', { name: 'Päätä sijoitus' }));
    const end = within(list).getByRole('form', { name: 'Päätä sijoitus: Kylmälän kyläyhdistys' });
    type(end, 'Päättyy', '2027-03-15');
    fireEvent.click(within(end).getByRole('button', { name: 'Tallenna päättyminen' }));
    await within(end).findByText('Valitse jokin vaihtoehdoista.');
    expect((await docs('placement'))[0]).not.toHaveProperty('outcome');
    choose(end, 'Miten päättyi', 'movedOn');
    fireEvent.click(within(end).getByRole('button', { name: 'Tallenna päättyminen' }));
    await within(list).findByText('Siirtyi eteenpäin');
    await waitFor(async () => {
      expect((await docs('placement'))[0]).toMatchObject({ outcome: 'movedOn', endDate: '2027-03-15' });
      expect((await docs('planstep')).find((s) => s.id === placement!.planStepId)).toMatchObject({ status: 'completed', endDate: '2027-03-15' });
    });
    await open('Aikajana');
    within(screen.getByTestId('timeline')).getByText('Sijoitus: Kylmälän kyläyhdistys');
  });
});

describe('onward guidance', () => {
  it('records whether guidance happened, and adds guidance between sessions', async () => {
    await api.store.create('guidance', { id: guidanceId(), scope: SCOPE, participantId: person, date: '2026-12-01', service: 'socialWork', outcome: 'pending' });
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const panel = await open('Polku');
    const followUp = await within(panel).findByRole('form', { name: 'Seuranta: Sosiaalityö' });
    choose(followUp, 'Toteutuiko?', 'happened');
    fireEvent.click(within(followUp).getByRole('button', { name: 'Tallenna seuranta' }));
    await within(followUp).findByText('seurattu ti 15.12.2026');
    expect((await docs('guidance'))[0]).toMatchObject({ outcome: 'happened', followedUpOn: '2026-12-15' });

    const add = openForm(panel, '+ Uusi ohjaus', 'Uusi ohjaus');
    choose(add, 'Palvelu', 'other');
    fireEvent.click(within(add).getByRole('button', { name: 'Tallenna ohjaus' }));
    await within(add).findByText('Kerro, mikä palvelu (se ei ole listalla).');
    type(add, 'Kuvaus', 'Seurakunnan diakoniatyö');
    fireEvent.click(within(add).getByRole('button', { name: 'Tallenna ohjaus' }));
    await within(screen.getByTestId('guidance')).findByText('Seurakunnan diakoniatyö');
    expect((await docs('guidance')).find((g) => g.service === 'other')).toMatchObject({ date: '2026-12-15', outcome: 'pending', description: 'Seurakunnan diakoniatyö' });
    await open('Aikajana');
    within(screen.getByTestId('timeline')).getByText('Ohjaus eteenpäin: Sosiaalityö');
  });
});

describe('functional-capacity ratings', () => {
  it('needs at least one rating, shows the previous one beside each area, and the newest first over time', async () => {
    await api.store.create('observation', { id: observationId(), scope: SCOPE, participantId: person, date: '2026-12-01', physical: 4 });
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await screen.findByRole('form', { name: 'Toimintakyvyn arvio' });
    const area = (dimension: string) => within(form).getByRole('group', { name: dimension });
    const physical = 'Fyysinen (jaksaminen, liikkuminen)';
    const social = 'Sosiaalinen (toimiminen muiden kanssa)';
    await within(area(physical)).findByText('Edellinen 1.12.2026: 4');
    expect(within(area(social)).queryByText(/^Edellinen/)).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna arvio' }));
    await within(form).findByText('Arvioi ainakin yksi osa-alue.');
    expect(await docs('observation')).toHaveLength(1);

    const rate = (dimension: string, score: string) => fireEvent.click(within(area(dimension)).getByLabelText(score));
    rate(physical, '2');
    rate(social, '4');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna arvio' }));
    await waitFor(async () => expect(await docs('observation')).toHaveLength(2));
    expect(within(form).queryByText('Arvioi ainakin yksi osa-alue.')).toBeNull();
    await within(area(physical)).findByText('Edellinen 15.12.2026: 2');
    within(area(social)).getByText('Edellinen 15.12.2026: 4');
    // A correction is a new rating: the form is empty again.
    expect((within(area(physical)).getByLabelText('Ei arvioida') as HTMLInputElement).checked).toBe(true);
    expect((await docs('observation')).map((o) => [o.date, o.physical, o.social])).toContainEqual(['2026-12-15', 2, 4]);

    await open('Aikajana');
    const trend = await screen.findByRole('table', { name: /Toimintakyvyn arviot/ });
    const row = (name: string) => within(trend).getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
    // The newest first, so a phone shows the latest without scrolling sideways.
    expect(within(trend).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Osa-alue', '15.12.2026', '1.12.2026']);
    expect(within(row(physical)).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '4']);
    expect(within(row(social)).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '–Ei arvioida']);
  });
});

describe('the page as a whole', () => {
  it('keeps labels and heading order with every form open, on each tab (axe)', async () => {
    const partner = partnerId();
    await api.store.create('partner', { id: partner, scope: SCOPE, name: 'Kylmälän kyläyhdistys', kind: 'villageAssociation' });
    await api.store.create('planstep', { id: planStepId(), scope: SCOPE, participantId: person, stage: 'plan', status: 'active', startDate: '2026-11-01', visibleToParticipant: true });
    await api.store.create('observation', { id: observationId(), scope: SCOPE, participantId: person, date: '2026-12-01', physical: 4 });
    await api.store.create('coaching', { id: coachingId(), scope: SCOPE, participantId: person, date: '2026-12-17', startTime: '10:00', endTime: '11:00', mode: 'phone', coach: 'ohjaaja1', status: 'planned' });
    const { container } = renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const check = async () => {
      const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
      expect(results.violations.map((v) => v.id)).toEqual([]);
    };
    await screen.findByText('Edellinen 1.12.2026: 4');
    await check();
    const path = await open('Polku');
    await within(path).findByText('Nyt: Suunnitelma');
    openForm(path, '+ Uusi vaihe', 'Uusi vaihe');
    openForm(path, '+ Aloita sijoitus', 'Aloita sijoitus');
    openForm(path, '+ Uusi ohjaus', 'Uusi ohjaus');
    await check();
    const meetings = await open('Tapaamiset');
    await within(within(meetings).getByTestId('meetings-upcoming')).findByText('to 17.12.2026 10.00–11.00');
    openForm(meetings, '+ Sovi tapaaminen', 'Sovi tapaaminen');
    await check();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
