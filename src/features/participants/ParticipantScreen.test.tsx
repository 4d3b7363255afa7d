import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { ParticipantScreen } from './ParticipantScreen.tsx';

let api: TestData;
let person: string;
beforeEach(async () => {
  api = await openTestData();
  [person] = await seedGroup(api, 1) as [string];
});
afterEach(() => api.close());

const timeline = () => screen.getByTestId('timeline');
const docs = async (type: string) => (await api.db.docs.find({ selector: { type } }).exec()).map((d) => d.toJSON());

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
    await within(timeline()).findByText('Osasi käyttää <b>verkkopankkia</b>.');
    expect(timeline().querySelector('b')).toBeNull();

    fireEvent.click(within(timeline()).getByRole('button', { name: 'Korjaa' }));
    const correction = await screen.findByRole('form', { name: 'Korjaa muistiinpano' });
    fireEvent.input(within(correction).getByLabelText('Havainto'), { target: { value: 'Osasi käyttää verkkopankkia avustettuna.' } });
    fireEvent.click(within(correction).getByRole('button', { name: 'Tallenna korjaus' }));
    await within(timeline()).findByText('Osasi käyttää verkkopankkia avustettuna.');
    within(timeline()).getByText('Korjattu myöhemmin');
    within(timeline()).getByText('Korjaus');
    const notes = await docs('note');
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.text === 'Osasi käyttää <b>verkkopankkia</b>.')).toBeDefined();
  });

  it('moves a person from work trial to pay-subsidised work in one step', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const form = await screen.findByRole('form', { name: 'Uusi vaihe' });
    fireEvent.change(within(form).getByLabelText('Vaihe'), { target: { value: 'workTrial' } });
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-10-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await screen.findByText('Nyt: Työkokeilu');

    fireEvent.change(within(form).getByLabelText('Vaihe'), { target: { value: 'paySubsidisedWork' } });
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-11-30' } });
    within(form).getByText('Samalla päättyy nykyinen vaihe: Työkokeilu.');
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await screen.findByText('Nyt: Palkkatukityö');
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
    const form = await screen.findByRole('form', { name: 'Uusi vaihe' });
    fireEvent.input(within(form).getByLabelText('Alkaa'), { target: { value: '2026-12-01' } });
    fireEvent.input(within(form).getByLabelText('Päättyy'), { target: { value: '2026-11-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna vaihe' }));
    await within(form).findByText('Loppu ei voi olla ennen alkua.');
    expect((within(form).getByLabelText('Päättyy') as HTMLInputElement).value).toBe('2026-11-01');
    expect(await docs('planstep')).toEqual([]);
  });

  it('keeps goals with steps; all steps done means reached; visibility is a choice', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} />);
    const form = await screen.findByRole('form', { name: 'Uusi tavoite' });
    fireEvent.input(within(form).getByLabelText('Tavoite'), { target: { value: 'Ajokortti' } });
    fireEvent.click(within(form).getByLabelText('Näkyy osallistujalle'));
    fireEvent.click(within(form).getByRole('button', { name: 'Tallenna tavoite' }));
    const stepForm = await screen.findByRole('form', { name: 'Uusi askel tavoitteeseen Ajokortti' });
    fireEvent.input(within(stepForm).getByLabelText('Uusi askel'), { target: { value: 'Teoriakoe' } });
    fireEvent.click(within(stepForm).getByRole('button', { name: 'Lisää askel' }));
    fireEvent.click(await screen.findByLabelText('Teoriakoe'));
    await waitFor(async () => expect((await docs('goal'))[0]).toMatchObject({ status: 'reached', visibleToParticipant: false, steps: [{ text: 'Teoriakoe', done: true }] }));
  });
});
