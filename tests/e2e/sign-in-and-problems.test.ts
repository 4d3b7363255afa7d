import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope, sessionId } from '../../src/domain/index.ts';
import { expectNoAxeViolations, signIn, waitForSync } from '../support/app-driver.ts';
import { tabletContext } from '../../tooling/chromium.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);

const e2e = useServerAndBrowser();

describe('sign-in, an expired session and bad data from the server, in real Chromium', () => {
  it('explains a wrong password, reports a malformed document, and asks for the password again without losing anything', async () => {
    const context = await tabletContext(e2e.browser, e2e.server.url);
    const page = await context.newPage();
    await page.goto('/');

    // A wrong password: a plain message, the user name stays typed.
    await signIn(page, 'ohjaaja1', 'väärä-salasana');
    await page.getByRole('alert').getByText('Käyttäjätunnus tai salasana on väärin.').waitFor();
    expect(await page.getByLabel('Käyttäjätunnus').inputValue()).toBe('ohjaaja1');
    await expectNoAxeViolations(page, 'sign-in with an error');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    await waitForSync(page);

    // Another client writes a malformed session straight to the server.
    const badId = sessionId();
    await e2e.server.admin.ok('PUT', `/${scope}/${badId}`, {
      type: 'session', schemaVersion: 1, scope, groupKey: DEMO_GROUP_KEY, date: '2026-12-08', startTime: '25:99', endTime: '13:00',
      village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, status: 'planned', clock: {},
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), createdBy: 'ohjaaja2', updatedBy: 'ohjaaja2',
    });
    await page.getByRole('link', { name: 'Synkronointi' }).click();
    await page.getByRole('button', { name: 'Synkronoi nyt' }).click();
    const quarantine = page.getByTestId('quarantine-list');
    await quarantine.waitFor();
    expect(await quarantine.textContent()).toContain(`${badId} (${scope}): startTime: Anna kellonaika muodossa tt:mm.`);
    await expectNoAxeViolations(page, 'sync details with a quarantined document');
    // The app keeps working: the start screen still lists the group's sessions.
    await page.getByRole('link', { name: 'PopUp-kerrat' }).click();
    await page.getByTestId('next-session').waitFor();

    // The server session expires (the cookie is gone); a change is made meanwhile. A staff
    // device signs in again by itself with the password sealed under its key: nothing asked.
    const record = async (theme: string) => {
      await page.getByRole('link', { name: 'PopUp-kerrat' }).click();
      await page.getByRole('link', { name: 'Uusi kerta' }).click();
      await page.getByLabel('Kylä').fill('Rantakylä');
      await page.getByLabel('Teema tai toiminta').fill(theme);
      await page.getByRole('button', { name: 'Tallenna kerta' }).click();
      await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
    };
    await context.clearCookies();
    await record('Kirjautuminen vanheni');
    await waitForSync(page);

    // The password was changed elsewhere meanwhile, so the sealed one no longer works: asked once, nothing lost.
    const userPath = `/_users/${encodeURIComponent('org.couchdb.user:ohjaaja1')}`;
    const account = await e2e.server.admin.ok<Record<string, unknown>>('GET', userPath);
    await e2e.server.admin.ok('PUT', userPath, { ...account, password: 'uusi-salasana-2027' });
    await context.clearCookies();
    await record('Salasana vaihtui');
    const banner = page.getByRole('form', { name: 'Anna salasana uudelleen' });
    await banner.waitFor({ timeout: 15_000 });
    const badge = page.getByTestId('sync-badge');
    expect(await badge.getAttribute('data-status')).toBe('signIn');
    expect(await badge.getAttribute('data-pending')).toBe('1');
    await expectNoAxeViolations(page, 'password asked again');

    await banner.getByLabel('Salasana').fill(DEMO_PASSWORD);
    await banner.getByRole('button', { name: 'Kirjaudu' }).click();
    await banner.getByRole('alert').getByText('Käyttäjätunnus tai salasana on väärin.').waitFor();
    await banner.getByLabel('Salasana').fill('uusi-salasana-2027');
    await banner.getByRole('button', { name: 'Kirjaudu' }).click();
    await waitForSync(page);
    await banner.waitFor({ state: 'detached' });

    const all = await e2e.server.admin.ok<{ rows: { doc: { type?: string; theme?: string } }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
    for (const theme of ['Kirjautuminen vanheni', 'Salasana vaihtui']) expect(all.rows.filter((r) => r.doc.type === 'session' && r.doc.theme === theme)).toHaveLength(1);
    await context.close();
  });
});
