import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localInstant } from '../../domain/index.ts';
import { openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { ParticipantScreen } from './ParticipantScreen.tsx';

const NOW = localInstant('2026-12-15', '12:00');
const AT = '2026-09-01T08:00:00.000Z';

let api: TestData;
let person: string;
beforeEach(async () => {
  api = await openTestData();
  [person] = (await seedGroup(api, 1)) as [string];
});
afterEach(() => api.close());

const esfOf = async () => (await api.store.get('participant', SCOPE, person))?.esf;
const sensitiveOf = async () => (await api.store.get('participant', SCOPE, person))?.esfSensitive;
const choose = (form: HTMLElement, label: string, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
const editForm = async () => {
  fireEvent.click(await screen.findByRole('button', { name: 'Muokkaa tietoja' }));
  return screen.getByRole('form', { name: 'Muokkaa tietoja' });
};
const save = (form: HTMLElement) => fireEvent.click(within(form).getByRole('button', { name: 'Tallenna' }));

describe('the ESF+ entry record', () => {
  it('records the entry items, "prefers not to say" as an answer, dated from the start by default', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await editForm();
    expect((within(form).getByLabelText('Aloituspäivä (ESF+)') as HTMLInputElement).value).toBe('2026-09-01');
    choose(form, 'Sukupuoli', 'nonBinary');
    choose(form, 'Ikäryhmä', '18to29');
    choose(form, 'Työmarkkina-asema', 'preferNot');
    choose(form, 'Korkein koulutus', 'basic');
    within(within(form).getByLabelText('Korkein koulutus')).getByRole('option', { name: 'enintään peruskoulu (ISCED 0–2)' });
    save(form);
    await waitFor(async () =>
      expect(await esfOf()).toMatchObject({ gender: 'nonBinary', ageGroup: '18to29', labourMarketStatus: 'preferNot', educationLevel: 'basic', entryDate: '2026-09-01' }),
    );
    expect(await sensitiveOf()).toBeUndefined();
  });

  it('opens the sensitive items only with consent, and removes them when consent is taken back', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    let form = await editForm();
    const group = within(form).getByRole('group', { name: 'Arkaluonteiset tiedot (vain luvalla)' });
    expect(within(group).queryByLabelText('Asuu maaseudulla')).toBeNull();
    // What staff tell the person is what happens: counts of at least the threshold, per person only in an export asked for.
    within(group).getByText(/vain lukumäärinä ja vain, kun määrä on vähintään organisaation asettama raja\. Henkilökohtaisesti ne ovat vain tiedostossa, jonka koordinaattori erikseen pyytää\./);
    fireEvent.click(within(group).getByLabelText('Henkilö on antanut luvan kirjata nämä arkaluonteiset tiedot'));
    choose(group, 'Asuu maaseudulla', 'yes');
    choose(group, 'Vamma tai pitkäaikaissairaus', 'preferNot');
    save(form);
    await waitFor(async () => expect(await sensitiveOf()).toEqual({ rural: 'yes', disability: 'preferNot', consentRecordedAt: NOW.toISOString() }));
    // A field of their own, beside the entry record.
    expect(await esfOf()).toBeUndefined();

    form = await editForm();
    const again = within(form).getByRole('group', { name: 'Arkaluonteiset tiedot (vain luvalla)' });
    expect((within(again).getByLabelText('Asuu maaseudulla') as HTMLSelectElement).value).toBe('yes');
    fireEvent.click(within(again).getByLabelText('Henkilö on antanut luvan kirjata nämä arkaluonteiset tiedot'));
    expect(within(again).queryByLabelText('Asuu maaseudulla')).toBeNull();
    save(form);
    await waitFor(async () => expect(await sensitiveOf()).toBeUndefined());
    expect(Object.keys((await api.store.get('participant', SCOPE, person))!)).not.toContain('esfSensitive');
  });

  it('keeps a record made with the old categories, showing the old age band without offering it', async () => {
    await api.store.edit('participant', SCOPE, person, { esf: { ageBand: 'under25', labourMarketStatus: 'student', recordedAt: AT } });
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await editForm();
    within(form).getByText('Vanhan luokituksen ikäryhmä: alle 25. Sitä ei lasketa ESF+-raporttiin. Valitse ikäryhmä yllä.');
    expect((within(form).getByLabelText('Työmarkkina-asema') as HTMLSelectElement).value).toBe('student');
    expect(within(within(form).getByLabelText('Ikäryhmä')).queryByRole('option', { name: 'alle 25' })).toBeNull();
    choose(form, 'Sukupuoli', 'woman');
    save(form);
    await waitFor(async () => expect(await esfOf()).toMatchObject({ gender: 'woman', ageBand: 'under25', labourMarketStatus: 'student', recordedAt: AT }));
  });

  it('writes no entry record when only the name changes, so a correction of it on another device meanwhile stays', async () => {
    const sensitive = { consentRecordedAt: AT, rural: 'yes' as const };
    await api.store.edit('participant', SCOPE, person, { esf: { gender: 'man', ageBand: 'under25', entryDate: '2026-09-01', recordedAt: AT }, esfSensitive: sensitive });
    const before = (await api.store.get('participant', SCOPE, person))?.clock.esf;
    const sensitiveBefore = (await api.store.get('participant', SCOPE, person))?.clock.esfSensitive;
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await editForm();
    fireEvent.input(within(form).getByLabelText('Nimi (näkyy ryhmälle)'), { target: { value: 'Aino K.' } });
    save(form);
    await waitFor(async () => expect((await api.store.get('participant', SCOPE, person))?.displayName).toBe('Aino K.'));
    expect((await api.store.get('participant', SCOPE, person))?.clock.esf).toBe(before);
    expect((await api.store.get('participant', SCOPE, person))?.clock.esfSensitive).toBe(sensitiveBefore);
  });

  it('leaves the answer after leaving alone: saving the entry items writes no answer of its own', async () => {
    const esfExit = { date: '2026-11-30', situations: ['education' as const], recordedAt: AT };
    await api.store.edit('participant', SCOPE, person, { status: 'ended', endDate: '2026-11-30', esfExit, esf: { gender: 'man', recordedAt: AT } });
    const before = (await api.store.get('participant', SCOPE, person))?.clock.esfExit;
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await editForm();
    choose(form, 'Sukupuoli', 'woman');
    save(form);
    await waitFor(async () => expect((await esfOf())?.gender).toBe('woman'));
    const after = await api.store.get('participant', SCOPE, person);
    expect(after?.esfExit).toEqual(esfExit);
    // Not rewritten: an answer recorded on another device meanwhile would win the merge.
    expect(after?.clock.esfExit).toBe(before);
  });
});

describe('the end of a participation', () => {
  const status = (form: HTMLElement) => choose(form, 'Tila', 'ended');
  const endField = (form: HTMLElement) => within(form).getByLabelText('Päättymispäivä') as HTMLInputElement;
  const stored = async () => await api.store.get('participant', SCOPE, person);

  it('is dated the day staff give, today unless they say otherwise', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await editForm();
    expect(within(form).queryByLabelText('Päättymispäivä')).toBeNull();
    status(form);
    expect(endField(form).value).toBe('2026-12-15');
    fireEvent.input(endField(form), { target: { value: '2026-11-30' } });
    save(form);
    await waitFor(async () => expect(await stored()).toMatchObject({ status: 'ended', endDate: '2026-11-30' }));
  });

  it('refuses an end before the start, in the future or none at its field, keeping what was typed', async () => {
    renderWithData(api, <ParticipantScreen scope={SCOPE} id={person} now={NOW} />);
    const form = await editForm();
    status(form);
    for (const [typed, message] of [
      ['2026-08-31', 'Loppu ei voi olla ennen alkua.'],
      ['2026-12-16', 'Päättymispäivä ei voi olla tulevaisuudessa.'],
      ['', 'Anna päivämäärä muodossa vvvv-kk-pp.'],
    ] as const) {
      fireEvent.input(endField(form), { target: { value: typed } });
      save(form);
      await waitFor(() => expect(endField(form).getAttribute('aria-invalid')).toBe('true'));
      expect(document.getElementById(endField(form).getAttribute('aria-describedby')!)?.textContent).toBe(message);
      expect(endField(form).value).toBe(typed);
    }
    expect((await stored())?.status).toBe('active');
  });
});
