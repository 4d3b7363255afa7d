import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope, localDate, shiftDate } from '../../src/domain/index.ts';
import { phoneContext } from '../../tooling/chromium.ts';
import { expectNoAxeViolations, signIn, waitForSync } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const scope = encodeURIComponent(groupScope(DEMO_GROUP_KEY));
const e2e = useServerAndBrowser();

/** A figure of the dashboard (a `dt` and its `dd`) in a section named by its heading. */
const figure = (section: Locator, label: string) => section.locator('.figure', { has: section.page().locator('dt', { hasText: label }) }).locator('dd');
const section = (page: Page, heading: string) => page.getByTestId('working-models').locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) });
const rowOf = (where: Locator, name: string) => where.getByRole('row').filter({ hasText: name });

describe('the working models, from a wish to the figures', () => {
  it('a participant suggests and supports; the instructor plans from the wish, records errands and guidance, books a meeting and a work trial offline; the coordinator sees it all', async () => {
    const at = duringNextSession();
    const today = localDate(at);

    // Aino's phone: a wish of her own, and her support for Eero's.
    const phone = await phoneContext(e2e.browser, e2e.server.url, at);
    const aino = await phone.newPage();
    await aino.goto('/');
    await signIn(aino, 'aino', DEMO_PASSWORD);
    await aino.getByTestId('my-next').waitFor();
    await aino.getByRole('link', { name: 'Toiveet' }).click();
    await aino.getByRole('heading', { name: 'Toiveet', level: 1 }).waitFor();
    const eeros = aino.getByTestId('my-wish').filter({ hasText: 'Pilkkiretki Kivijärvelle' });
    await expect.poll(() => eeros.getByTestId('my-wish-count').textContent()).toBe('3 ihmistä haluaa tätä.');
    await aino.getByLabel('Mitä haluaisit tehdä?').fill('Sienimetsään syksyllä');
    await aino.getByRole('button', { name: 'Ehdota' }).click();
    await aino.getByText('Kiitos! Toiveesi on nyt listalla.').waitFor();
    await eeros.getByRole('button', { name: 'Minäkin haluan' }).click();
    await expect.poll(() => eeros.getByTestId('my-wish-count').textContent()).toBe('4 ihmistä haluaa tätä.');
    await expectNoAxeViolations(aino, 'wishes on the phone');
    await waitForSync(aino);
    await e2e.server.server.relay.settle();

    // The instructor's tablet, offline for the whole session.
    const { context, page } = await e2e.signedInTablet('ohjaaja1', { at });
    await context.setOffline(true);

    // A session planned from the most wanted wish.
    await page.goto(`/#/new/${scope}`);
    const wishes = page.getByTestId('wish-row');
    await expect.poll(() => wishes.first().textContent()).toContain('Pilkkiretki Kivijärvelle');
    await expect.poll(() => wishes.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Sienimetsään syksyllä')]));
    await wishes.first().getByRole('button', { name: 'Suunnittele tästä' }).click();
    await page.getByText('Suunniteltu toiveesta: Pilkkiretki Kivijärvelle').waitFor();
    await page.getByLabel('Päivämäärä').fill(shiftDate(today, 10));
    await page.getByLabel('Kylä', { exact: true }).fill('Kivijärvi');
    await page.getByRole('button', { name: 'Tallenna kerta' }).click();
    await page.getByTestId('attendance-row').first().waitFor();
    await page.getByText('Pilkkiretki Kivijärvelle').first().waitFor();

    // At today's session: two guided errands and an onward guidance for Mirja.
    await page.goto(`/#/session/${scope}/session%3Ademo0003`);
    const mirja = page.getByTestId('attendance-row').filter({ hasText: 'Mirja T.' });
    await mirja.getByRole('button', { name: 'Asiointi ja ohjaus' }).click();
    for (const kind of ['Kela', 'Pankki tai tunnistautuminen']) {
      await mirja.getByRole('button', { name: kind }).click();
      await expect.poll(() => mirja.getByRole('button', { name: kind }).getAttribute('aria-pressed')).toBe('true');
    }
    await mirja.getByLabel('Palvelu').selectOption('socialWork');
    await mirja.getByRole('button', { name: 'Tallenna ohjaus' }).click();
    await mirja.getByText('Sosiaalityö').first().waitFor();
    await expectNoAxeViolations(page, 'attendance with errands and guidance');

    // Lauri: a one-to-one call this morning, held; a work trial at the village association.
    await page.goto(`/#/participant/${scope}/participant%3Alauri006`);
    await page.getByRole('heading', { name: 'Lauri M.', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Tapaamiset' }).click();
    await page.getByRole('button', { name: '+ Sovi tapaaminen' }).click();
    const booking = page.getByRole('form', { name: 'Sovi tapaaminen' });
    await booking.getByLabel('Alkaa klo').fill('08:30');
    await booking.getByLabel('Päättyy klo').fill('09:00');
    await booking.getByLabel('Tapa').selectOption('phone');
    await booking.getByRole('button', { name: 'Tallenna tapaaminen' }).click();
    const upcoming = page.getByTestId('meetings-upcoming');
    await upcoming.getByText('Puhelu').waitFor();
    await upcoming.getByRole('button', { name: 'Merkitse pidetyksi' }).click();
    await page.getByTestId('meetings-past').getByText('Pidetty').waitFor();
    await expectNoAxeViolations(page, 'meetings');

    await page.getByRole('tab', { name: 'Polku' }).click();
    await page.getByRole('button', { name: '+ Aloita sijoitus' }).click();
    const placement = page.getByRole('form', { name: 'Aloita sijoitus' });
    await placement.getByLabel('Kumppani').selectOption({ label: 'Kylmälän kyläyhdistys ry' });
    await placement.getByLabel('Vaihe').selectOption('workTrial');
    await placement.locator('#placement-startDate').fill(today);
    await placement.getByLabel('Tunteja viikossa').fill('12,5');
    await placement.getByLabel('Työpaikkaohjaaja').fill('Matti K.');
    await placement.getByRole('button', { name: 'Tallenna sijoitus' }).click();
    await page.getByText('12,5 h/vko').waitFor();
    await page.getByText('Nyt: Työkokeilu').waitFor();
    await expectNoAxeViolations(page, 'path with a placement');

    // Back in range: all of it goes.
    await context.setOffline(false);
    await waitForSync(page, 60_000);

    // The coordinator's dashboard, for the month around today.
    const office = await e2e.signedInTablet('koordinaattori', { at });
    const dash = office.page;
    await dash.goto('/#/dashboard');
    await dash.getByTestId('working-models').waitFor();
    await dash.locator('#dash-from').fill(shiftDate(today, -30));
    await dash.locator('#dash-to').fill(shiftDate(today, 30));

    const fromWishes = section(dash, 'Osallistujien toiveista');
    await expect.poll(() => figure(fromWishes, 'Uusia toiveita').textContent()).toBe('1');
    await expect.poll(() => figure(fromWishes, 'Toiveesta suunniteltuja kertoja').textContent()).toMatch(/^1 \/ \d+ kerrasta/);
    // Kela and bank: Mirja today, and the demo's errands at the last session held.
    const errands = dash.getByTestId('chart-errands');
    await expect.poll(() => rowOf(errands, 'Kela').last().textContent()).toMatch(/Kela\s*2$/);
    await expect.poll(() => rowOf(errands, 'Pankki tai tunnistautuminen').last().textContent()).toMatch(/2$/);
    const guidance = dash.getByTestId('chart-guidance');
    await expect.poll(() => rowOf(guidance, 'Sosiaalityö').last().textContent()).toMatch(/1$/);
    const coaching = section(dash, 'Yksilövalmennus');
    await expect.poll(() => figure(coaching, 'Pidettyjä tapaamisia').textContent()).toBe('1');
    // Jussi's work trial from the demo, and Lauri's new one, both at the village association.
    const placements = section(dash, 'Sijoitukset');
    await expect.poll(() => figure(placements, 'Sijoituksia').textContent()).toBe('2');
    await expect.poll(() => rowOf(placements, 'Kylmälän kyläyhdistys ry').first().textContent()).toMatch(/^Kylmälän kyläyhdistys ry\s*2/);
    await expectNoAxeViolations(dash, 'dashboard with the working models');

    await phone.close();
    await context.close();
    await office.context.close();
  });
});
