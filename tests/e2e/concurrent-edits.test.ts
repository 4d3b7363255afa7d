import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { syncNow, waitForSync } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const session = 'session:demo0004';
const e2e = useServerAndBrowser();

async function editSession(page: Page, field: string, value: string) {
  await page.goto(`/#/edit/${encodeURIComponent(scope)}/${encodeURIComponent(session)}`);
  await page.getByLabel(field).fill(value);
  await page.getByRole('button', { name: 'Tallenna kerta' }).click();
  await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
}

async function openAino(page: Page) {
  await page.goto(`/#/participant/${encodeURIComponent(scope)}/participant%3Aaino0001`);
  await page.getByRole('heading', { name: 'Aino K.', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Tavoitteet' }).click();
}

/** What a device shows: the session's theme and address, and Aino's goal steps. */
async function seen(page: Page) {
  await page.goto(`/#/edit/${encodeURIComponent(scope)}/${encodeURIComponent(session)}`);
  const theme = await page.getByLabel('Teema tai toiminta').inputValue();
  const address = await page.getByLabel('Osoite').inputValue();
  await openAino(page);
  const steps = await page.locator('.goal li label').allTextContents();
  const ajokoe = await page.getByLabel('Ajokoe').isChecked();
  return { theme, address, steps, ajokoe };
}

describe('two instructors edit the same things offline', () => {
  it('keeps both people’s work, identically on both devices and on the server', async () => {
    const a = await e2e.signedInTablet('ohjaaja1');
    const b = await e2e.signedInTablet('ohjaaja2');
    await a.context.setOffline(true);
    await b.context.setOffline(true);

    // The same session: A changes the theme, B the address.
    await editSession(a.page, 'Teema tai toiminta', 'Kelan asiointi yhdessä');
    await editSession(b.page, 'Osoite', 'Kylätalo, Rantatie 4');
    // The same goal: A ticks a step, B adds one.
    await openAino(a.page);
    await a.page.getByLabel('Ajokoe').check();
    await openAino(b.page);
    const stepForm = b.page.getByRole('form', { name: 'Uusi askel tavoitteeseen Ajokortti' });
    await stepForm.getByLabel('Uusi askel').fill('Ensiapukurssi');
    await stepForm.getByRole('button', { name: 'Lisää askel' }).click();
    await b.page.getByLabel('Ensiapukurssi').waitFor();

    // Both come back in range; each syncs until nothing is left, then once more to see the other's.
    await a.context.setOffline(false);
    await waitForSync(a.page);
    await b.context.setOffline(false);
    await waitForSync(b.page);
    // Twice each: a round already under way when the button is pressed may have started before the other pushed.
    for (const device of [a, b, a, b]) await syncNow(device.page);

    const onServer = await e2e.server.admin.ok<Record<string, unknown>>('GET', `/${scope}/${session}`);
    expect(onServer).toMatchObject({ theme: 'Kelan asiointi yhdessä', address: 'Kylätalo, Rantatie 4' });
    const goal = await e2e.server.admin.ok<{ steps: { text: string; done: boolean }[] }>('GET', `/${scope}/goal:demoaino1`);
    // Merged step by step: A's tick and B's new step both stay.
    expect(goal.steps).toEqual([
      expect.objectContaining({ text: 'Teoriakoe', done: true }),
      expect.objectContaining({ text: 'Ajokoe', done: true }),
      expect.objectContaining({ text: 'Ensiapukurssi', done: false }),
    ]);

    const seenByA = await seen(a.page);
    const seenByB = await seen(b.page);
    expect(seenByA).toEqual(seenByB);
    expect(seenByA).toMatchObject({ theme: 'Kelan asiointi yhdessä', address: 'Kylätalo, Rantatie 4', steps: goal.steps.map((s) => s.text) });
    expect(seenByA.ajokoe).toBe(true);
    // The device that combined the two edits says so on the session's page, naming the other.
    await b.page.goto(`/#/session/${encodeURIComponent(scope)}/${encodeURIComponent(session)}`);
    await expect.poll(() => b.page.getByTestId('session-merged').textContent()).toMatch(/Samanaikaiset muutokset yhdistettiin myös ohjaaja1 muokkasi/);
    await a.context.close();
    await b.context.close();
  });
});
