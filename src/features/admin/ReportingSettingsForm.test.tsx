import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_SETTINGS, groupScope, ROLE, type Organisation } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { ReportingSettingsForm } from './ReportingSettingsForm.tsx';

const OTHER = groupScope('othergroup');

let api: TestData;
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY), ROLE.group('othergroup')]);
  await seedGroup(api, 0);
});
afterEach(() => api.close());

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Tallenna raporttien asetukset' }));
const stored = (scope = SCOPE) => api.store.get('organisation', scope, 'organisation');

const NAME = 'Organisaation nimi (raporteissa tuottajana)';
const THRESHOLD = 'Pienin näytettävä määrä (henkeä)';
const SUBSIDY = 'Kunnan osuus työmarkkinatuesta (€ / kk henkeä kohden)';
const OTHER_VALUE = 'Muu säästö (€ / kk henkeä kohden)';
const OTHER_LABEL = 'Muun säästön nimi';

async function existing(reporting?: Organisation['reporting']) {
  const r = await api.store.create('organisation', { id: 'organisation', scope: SCOPE, name: 'Kylien Polku ry', defaults: { ...DEFAULT_GROUP_SETTINGS }, ...(reporting ? { reporting } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe("the organisation's report settings", () => {
  it('starts from the stored settings, a record made before them from the default threshold of 5', async () => {
    renderWithData(api, <ReportingSettingsForm copies={[await existing()]} scopes={[SCOPE]} />);
    expect(valueOf(NAME)).toBe('Kylien Polku ry');
    expect(valueOf(THRESHOLD)).toBe('5');
    expect(valueOf(SUBSIDY)).toBe('');
    expect(screen.getByLabelText(THRESHOLD).getAttribute('aria-describedby')).toContain('threshold-hint');
  });

  it('saves the threshold and unit values in euros a month, and clears one left blank', async () => {
    const org = await existing({ smallCountThreshold: 8, unitValues: { subsidyMonthCents: 30000, otherMonthCents: 5000, otherLabel: 'Toimeentulotuki' } });
    renderWithData(api, <ReportingSettingsForm copies={[org]} scopes={[SCOPE]} />);
    expect(valueOf(SUBSIDY)).toBe('300');
    expect(valueOf(OTHER_VALUE)).toBe('50');
    type(THRESHOLD, '10');
    type(SUBSIDY, '352,50');
    type(OTHER_VALUE, '');
    type(OTHER_LABEL, '');
    save();
    await screen.findByText('Tehty.');
    expect((await stored())?.reporting).toEqual({ smallCountThreshold: 10, unitValues: { subsidyMonthCents: 35250 } });
  });

  it('refuses a threshold below 2, a sum that is no euros and a further saving with no name, at their fields, with the text kept', async () => {
    renderWithData(api, <ReportingSettingsForm copies={[await existing()]} scopes={[SCOPE]} />);
    type(THRESHOLD, '1');
    save();
    await screen.findByText('Arvo on liian pieni (vähintään 2).');
    expect(screen.getByLabelText(THRESHOLD).getAttribute('aria-invalid')).toBe('true');
    expect(valueOf(THRESHOLD)).toBe('1');

    type(THRESHOLD, '5');
    // A third decimal is not rounded away into another sum.
    type(SUBSIDY, '12,345');
    save();
    await screen.findByText('Anna summa euroina, esimerkiksi 330 tai 312,50.');
    expect(screen.getByLabelText(SUBSIDY).getAttribute('aria-invalid')).toBe('true');
    expect(valueOf(SUBSIDY)).toBe('12,345');
    expect((await stored())?.reporting).toBeUndefined();

    type(SUBSIDY, 'paljon');
    save();
    await screen.findByText('Anna summa euroina, esimerkiksi 330 tai 312,50.');
    expect(screen.getByLabelText(SUBSIDY).getAttribute('aria-invalid')).toBe('true');
    expect(valueOf(SUBSIDY)).toBe('paljon');

    type(SUBSIDY, '350');
    type(OTHER_VALUE, '120');
    save();
    await screen.findByText('Tämä tieto tarvitaan.');
    expect(screen.getByLabelText(OTHER_LABEL).getAttribute('aria-invalid')).toBe('true');
    expect(valueOf(OTHER_VALUE)).toBe('120');
    expect(screen.queryByText('Tehty.')).toBeNull();
    expect((await stored())?.reporting).toBeUndefined();

    type(OTHER_LABEL, 'Toimeentulotuki');
    save();
    await screen.findByText('Tehty.');
    expect((await stored())?.reporting).toEqual({ smallCountThreshold: 5, unitValues: { subsidyMonthCents: 35000, otherMonthCents: 12000, otherLabel: 'Toimeentulotuki' } });
  });

  it("makes the organisation's record in a group that has none, so every group's reports agree", async () => {
    renderWithData(api, <ReportingSettingsForm copies={[await existing()]} scopes={[SCOPE, OTHER]} />);
    type(SUBSIDY, '350');
    save();
    await screen.findByText('Tehty.');
    for (const scope of [SCOPE, OTHER]) expect(await stored(scope), scope).toMatchObject({ name: 'Kylien Polku ry', reporting: { smallCountThreshold: 5, unitValues: { subsidyMonthCents: 35000 } } });
  });

  it('asks for the name when there is no record yet, and makes it', async () => {
    renderWithData(api, <ReportingSettingsForm copies={[]} scopes={[SCOPE]} />);
    save();
    await screen.findByText('Tämä tieto tarvitaan.');
    expect(screen.getByLabelText(NAME).getAttribute('aria-invalid')).toBe('true');
    expect(await stored()).toBeUndefined();
    type(NAME, 'Kylien Polku ry');
    save();
    await screen.findByText('Tehty.');
    expect(await stored()).toMatchObject({ name: 'Kylien Polku ry', defaults: DEFAULT_GROUP_SETTINGS, reporting: { smallCountThreshold: 5, unitValues: {} } });
  });
});
