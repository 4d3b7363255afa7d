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

  const renderForm = async () => {
    const group = (await api.store.get('group', SCOPE, groupId(GROUP_KEY)))!;
    renderWithData(api, <GroupSettingsForm group={group} />);
  };
  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
  const save = () => fireEvent.click(screen.getByRole('button', { name: 'Tallenna asetukset' }));
  const stored = () => api.store.get('group', SCOPE, groupId(GROUP_KEY));

  it('puts the group in an ESF+ project by its code, and out of it when the code is cleared', async () => {
    await renderForm();
    const field = screen.getByLabelText('ESF+-hankkeen koodi (EURA)');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Esimerkiksi S30123. Ryhmät, joilla on sama koodi, lasketaan ESF+-raportissa yhdeksi hankkeeksi.',
    );
    type('ESF+-hankkeen koodi (EURA)', 'S'.repeat(31));
    save();
    await screen.findByText('Teksti on liian pitkä (enintään 30 merkkiä).');
    expect((screen.getByLabelText('ESF+-hankkeen koodi (EURA)') as HTMLInputElement).value).toBe('S'.repeat(31));
    type('ESF+-hankkeen koodi (EURA)', ' S30123 ');
    save();
    await screen.findByText('Tehty.');
    expect(await stored()).toMatchObject({ projectCode: 'S30123' });
    type('ESF+-hankkeen koodi (EURA)', '');
    save();
    await waitFor(async () => expect((await stored())?.projectCode).toBeUndefined());
  });

  it("saves the group's life and target size beside the model's figures", async () => {
    await renderForm();
    expect(screen.getByLabelText('Tavoitekoko (henkeä)').getAttribute('aria-describedby')).toContain('targetSize-hint');
    screen.getByText('Laavu-mallissa ryhmässä on 5–10 henkeä ja se kestää 6–10 kuukautta.');
    type('Alkaa', '2027-01-11');
    type('Päättyy', '2027-09-30');
    type('Tavoitekoko (henkeä)', '8');
    save();
    await screen.findByText('Tehty.');
    expect(await stored()).toMatchObject({ startDate: '2027-01-11', endDate: '2027-09-30', targetSize: 8 });
  });

  it('refuses an end before the start at the end field, with the dates kept', async () => {
    await renderForm();
    type('Alkaa', '2027-03-01');
    type('Päättyy', '2027-02-01');
    save();
    await screen.findByText('Loppu ei voi olla ennen alkua.');
    expect(screen.getByLabelText('Päättyy').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Päättyy').getAttribute('aria-describedby')).toBeTruthy();
    expect((screen.getByLabelText('Alkaa') as HTMLInputElement).value).toBe('2027-03-01');
    expect((screen.getByLabelText('Päättyy') as HTMLInputElement).value).toBe('2027-02-01');
    expect(screen.queryByText('Tehty.')).toBeNull();
    expect((await stored())?.endDate).toBeUndefined();
  });

  it("adds up the cost's parts live beside the model's 330 € and saves their sum as the default cost", async () => {
    await renderForm();
    const sum = () => screen.getByText(/^Yhteensä/).textContent!.replace(/\s/g, ' ');
    expect(sum()).toBe('Yhteensä 330,00 € (Pitstoppi-mallissa 330,00 €)');
    type('Ohjaajien työ', '150');
    type('Matkat', '80,5');
    type('Tilat', '50');
    expect(sum()).toBe('Yhteensä 280,50 € (Pitstoppi-mallissa 330,00 €)');
    // With a split the single cost field gives way to the sum.
    expect(screen.queryByLabelText('Kustannus (€)')).toBeNull();
    type('Toiminta ja tarvikkeet', 'paljon');
    save();
    await screen.findByText('Anna summa euroina, esimerkiksi 330 tai 312,50.');
    expect((screen.getByLabelText('Toiminta ja tarvikkeet') as HTMLInputElement).value).toBe('paljon');
    type('Toiminta ja tarvikkeet', '32');
    expect(sum()).toBe('Yhteensä 312,50 € (Pitstoppi-mallissa 330,00 €)');
    save();
    await screen.findByText('Tehty.');
    expect((await stored())?.settings).toMatchObject({
      sessionCostCents: 31250,
      costParts: { instructors: 15000, travel: 8050, premises: 5000, activities: 3200 },
    });
  });
});
