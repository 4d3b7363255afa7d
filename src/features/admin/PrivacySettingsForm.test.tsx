import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_SETTINGS, groupScope, ROLE, type Organisation } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { PrivacySettingsForm } from './PrivacySettingsForm.tsx';

const OTHER = groupScope('othergroup');

let api: TestData;
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY), ROLE.group('othergroup')]);
  await seedGroup(api, 0);
});
afterEach(() => api.close());

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Tallenna tietosuoja-asetukset' }));
const stored = (scope = SCOPE) => api.store.get('organisation', scope, 'organisation');

const LOCK = 'Lukitus käyttämättömänä (minuuttia)';
const RETENTION = 'Muistiinpanot ja havainnot laitteilla (kuukautta)';

async function existing(privacy?: Organisation['privacy']) {
  const r = await api.store.create('organisation', { id: 'organisation', scope: SCOPE, name: 'Kylien Polku ry', defaults: { ...DEFAULT_GROUP_SETTINGS }, ...(privacy ? { privacy } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe("the organisation's privacy settings", () => {
  it('starts from the defaults on a record made before them: locks after 5 minutes, notes stay 24 months, each explained', async () => {
    renderWithData(api, <PrivacySettingsForm copies={[await existing()]} scopes={[SCOPE]} />);
    expect(valueOf(LOCK)).toBe('5');
    expect(valueOf(RETENTION)).toBe('24');
    expect(screen.getByText(/Laite lukittuu, kun sitä ei ole käytetty näin moneen minuuttiin/).id).toBe(
      screen.getByLabelText(LOCK).getAttribute('aria-describedby')?.split(' ').find((i) => i.endsWith('lock-hint')),
    );
    expect(screen.getByText(/Tätä vanhemmat muistiinpanot ja toimintakykyhavainnot poistuvat laitteilta/)).toBeTruthy();
  });

  it('saves both to every group’s copy, making one where a group has none', async () => {
    renderWithData(api, <PrivacySettingsForm copies={[await existing({ lockAfterMinutes: 10 })]} scopes={[SCOPE, OTHER]} />);
    expect(valueOf(LOCK)).toBe('10');
    type(LOCK, '15');
    type(RETENTION, '12');
    save();
    await screen.findByText('Tehty.');
    expect((await stored())?.privacy).toEqual({ lockAfterMinutes: 15, retentionMonths: 12 });
    expect(await stored(OTHER)).toMatchObject({ name: 'Kylien Polku ry', privacy: { lockAfterMinutes: 15, retentionMonths: 12 } });
  });

  it('refuses a lock time outside 1–60, a period below a month and what is no whole number, at their fields, with the text kept', async () => {
    renderWithData(api, <PrivacySettingsForm copies={[await existing()]} scopes={[SCOPE]} />);
    type(LOCK, '61');
    type(RETENTION, '0');
    save();
    await screen.findByText('Arvo on liian suuri (enintään 60).');
    expect(screen.getByText('Arvo on liian pieni (vähintään 1).')).toBeTruthy();
    expect(screen.getByLabelText(LOCK).getAttribute('aria-invalid')).toBe('true');
    expect(valueOf(LOCK)).toBe('61');
    type(LOCK, '0');
    type(RETENTION, 'kaksi');
    save();
    await screen.findByText('Anna kokonaisluku.');
    expect(screen.getByText('Arvo on liian pieni (vähintään 1).')).toBeTruthy();
    type(LOCK, '');
    type(RETENTION, '6,5');
    save();
    await waitFor(() => expect(screen.getAllByText('Anna kokonaisluku.')).toHaveLength(2));
    expect((await stored())?.privacy).toBeUndefined();
  });
});
