import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { tabletContext } from '../../tooling/chromium.ts';
import { expectNoAxeViolations, localDocs, signIn, unlock, waitForSync } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const e2e = useServerAndBrowser();

/** Nothing of the group on screen: no participant, village, theme or note. */
const PERSONAL = /Aino|Jussi|Kylmälä|Saarikylä|Kivijärvi|Hietala|muistiinpano/i;

describe('a shared tablet, in real Chromium', () => {
  it('locks after the idle time with nothing personal on screen, opens with the PIN offline, and keeps note text encrypted in IndexedDB', async () => {
    const { context, page } = await e2e.signedInTablet('ohjaaja1');
    await page.goto(`/#/participant/${scope}/participant%3Aaino0001`);
    const note = page.getByRole('form', { name: 'Uusi muistiinpano' });
    await note.getByLabel('Havainto').fill('Kertoi unettomuudesta ja jännittää haastattelua.');
    await note.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
    await page.getByTestId('notes').getByText('Kertoi unettomuudesta').waitFor();
    await waitForSync(page);

    // Read past the app: the row is there, its text is not.
    const rows = await localDocs(page, 'ohjaaja1');
    const stored = JSON.stringify(rows);
    expect(rows.some((r) => r.type === 'note')).toBe(true);
    expect(stored).not.toContain('unettomuudesta');
    expect(stored).not.toContain('Aino');

    // Five minutes without a touch (the organisation's default): locked, and nothing personal shows.
    await context.clock.fastForward('05:01');
    await page.locator('#lock-secret').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(PERSONAL);
    await expectNoAxeViolations(page, 'lock screen');

    // Out of range: the PIN opens it, and the note is there again.
    await context.setOffline(true);
    await unlock(page);
    await page.getByTestId('notes').getByText('Kertoi unettomuudesta').waitFor();

    // One tap locks it too.
    await page.getByRole('button', { name: 'Lukitse Polku' }).click();
    await page.locator('#lock-secret').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(PERSONAL);
    await context.close();
  });

  it('slows wrong PINs down, then needs the password, and asks for a new PIN', async () => {
    const { context, page } = await e2e.signedInTablet('ohjaaja1');
    await page.getByRole('button', { name: 'Lukitse Polku' }).click();
    await context.setOffline(true);
    const field = page.locator('#lock-secret');
    const alert = page.getByRole('alert');
    const wrong = async (expected: string) => {
      await field.fill('111000');
      await field.press('Enter');
      await expect.poll(() => alert.textContent()).toBe(expected);
    };
    await wrong('Väärä PIN-koodi. Vielä 2 yritystä ennen kuin pitää odottaa.');
    await wrong('Väärä PIN-koodi. Vielä 1 yritys ennen kuin pitää odottaa.');
    await wrong('Väärä PIN-koodi. Odota 30 sekuntia ja yritä sitten uudelleen.');
    expect(await page.getByRole('button', { name: 'Avaa', exact: true }).isDisabled()).toBe(true);
    for (const [seconds, next] of [
      [30, 'Odota 60 sekuntia'],
      [60, 'Odota 120 sekuntia'],
      [120, 'Odota 300 sekuntia'],
      [300, 'Odota 600 sekuntia'],
    ] as const) {
      await context.clock.fastForward(seconds * 1000 + 1000);
      await expect.poll(() => page.getByRole('button', { name: 'Avaa', exact: true }).isDisabled()).toBe(false);
      await wrong(`Väärä PIN-koodi. ${next} ja yritä sitten uudelleen.`);
    }
    await context.clock.fastForward(601_000);
    await expect.poll(() => page.getByRole('button', { name: 'Avaa', exact: true }).isDisabled()).toBe(false);
    await field.fill('111000');
    await field.press('Enter');
    await expect.poll(() => alert.textContent()).toContain('PIN-koodi oli liian monta kertaa väärin');
    await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
    await page.getByLabel('Salasana').press('Enter');
    // Opened with the password, offline: a new PIN is asked before anything else.
    await page.locator('#pin-new').waitFor();
    await page.locator('#pin-new').fill('730164');
    await page.locator('#pin-repeat').fill('730164');
    await page.locator('#pin-repeat').press('Enter');
    await page.getByTestId('next-session').waitFor();
    await context.close();
  });

  it('lets two instructors take turns offline, neither seeing the other’s unsent work', async () => {
    const context = await tabletContext(e2e.browser, e2e.server.url);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    await waitForSync(page);
    // Handing over: the second instructor signs in on the same tablet.
    await page.getByRole('button', { name: 'Oma valikko: ohjaaja1' }).click();
    await page.getByRole('button', { name: 'Vaihda henkilöä' }).click();
    await page.getByRole('heading', { name: 'Kuka käyttää laitetta?' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(PERSONAL);
    await expectNoAxeViolations(page, 'who is using the device');
    await page.getByRole('button', { name: 'Kirjaudu toisena henkilönä' }).click();
    await signIn(page, 'ohjaaja2', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    await waitForSync(page);

    await context.setOffline(true);
    const record = async (theme: string) => {
      await page.getByRole('link', { name: 'Uusi kerta' }).click();
      await page.getByLabel('Kylä').fill('Saarikylä');
      await page.getByLabel('Teema tai toiminta').fill(theme);
      await page.getByRole('button', { name: 'Tallenna kerta' }).click();
      await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
      await page.goto('/#/');
    };
    const switchTo = async (from: string, to: string) => {
      await page.getByRole('button', { name: `Oma valikko: ${from}` }).click();
      await page.getByRole('button', { name: 'Vaihda henkilöä' }).click();
      await page.getByRole('button', { name: to, exact: true }).click();
      await unlock(page);
      await page.getByRole('button', { name: `Oma valikko: ${to}` }).waitFor();
    };
    await record('Ohjaaja kahden kerta');
    await switchTo('ohjaaja2', 'ohjaaja1');
    await page.getByTestId('next-session').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Ohjaaja kahden kerta');
    await record('Ohjaaja yhden kerta');
    await switchTo('ohjaaja1', 'ohjaaja2');
    await page.getByText('Ohjaaja kahden kerta').first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Ohjaaja yhden kerta');
    expect(await page.getByTestId('sync-badge').getAttribute('data-pending')).not.toBe('0');

    // Back in range, each one's work reaches the server when they open the app.
    await context.setOffline(false);
    await waitForSync(page);
    await switchTo('ohjaaja2', 'ohjaaja1');
    await waitForSync(page);
    const themes = (await e2e.server.admin.ok<{ rows: { doc: { type?: string; theme?: string } }[] }>('GET', `/${scope}/_all_docs?include_docs=true`)).rows.map((r) => r.doc.theme);
    expect(themes).toEqual(expect.arrayContaining(['Ohjaaja kahden kerta', 'Ohjaaja yhden kerta']));
    await context.close();
  });
});
