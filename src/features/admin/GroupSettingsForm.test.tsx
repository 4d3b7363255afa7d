import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupId, ROLE } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { GroupSettingsForm, textToVillages, villagesToText } from './GroupSettingsForm.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY)]);
  await seedGroup(api, 0);
});
afterEach(() => api.close());

describe('group settings', () => {
  it('reads and writes villages with their pickup points, one a line', () => {
    const villages = [{ name: 'Kylmälä', pickupPoints: ['Kauppa', 'Koulu'] }, { name: 'Hietala', pickupPoints: [] }];
    expect(villagesToText(villages)).toBe('Kylmälä: Kauppa, Koulu\nHietala');
    expect(textToVillages(' Kylmälä : Kauppa ,Koulu\n\nHietala\nRanta: a: b')).toEqual([...villages, { name: 'Ranta', pickupPoints: ['a: b'] }]);
  });

  it('saves new defaults and villages, and refuses a capacity of 0 with the value kept', async () => {
    const group = (await api.store.get('group', SCOPE, groupId(GROUP_KEY)))!;
    renderWithData(api, <GroupSettingsForm group={group} />);
    fireEvent.input(screen.getByLabelText('Paikkoja'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna asetukset' }));
    await screen.findByText('Arvo on liian pieni (vähintään 1).');
    expect((screen.getByLabelText('Paikkoja') as HTMLInputElement).value).toBe('0');
    fireEvent.input(screen.getByLabelText('Paikkoja'), { target: { value: '10' } });
    fireEvent.input(screen.getByLabelText('Kerran pituus (tuntia)'), { target: { value: '2,5' } });
    fireEvent.input(screen.getByLabelText('Kustannus (€)'), { target: { value: '300' } });
    fireEvent.input(screen.getByLabelText('Kylät ja noutopaikat'), { target: { value: 'Kylmälä: Kauppa\nSaarikylä: Kylätalo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna asetukset' }));
    await screen.findByText('Tehty.');
    await waitFor(async () =>
      expect(await api.store.get('group', SCOPE, groupId(GROUP_KEY))).toMatchObject({
        settings: { sessionMinutes: 150, capacity: 10, instructorsPerSession: 2, sessionCostCents: 30000 },
        villages: [{ name: 'Kylmälä', pickupPoints: ['Kauppa'] }, { name: 'Saarikylä', pickupPoints: ['Kylätalo'] }],
      }),
    );
  });
});
