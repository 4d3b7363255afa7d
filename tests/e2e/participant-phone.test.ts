import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { expectNoAxeViolations, localDocs, syncNow, waitForSync } from '../support/app-driver.ts';
import { phoneContext } from '../../tooling/chromium.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const e2e = useServerAndBrowser();

describe('a participant on a cheap phone', () => {
  it('signs in with a code, answers and asks for a ride offline, and sees the instructor confirm it; nothing else reaches the phone', async () => {
    const { participantKey, code } = await e2e.server.server.accounts.enrol(DEMO_GROUP_KEY, { username: 'sanna', displayName: 'Sanna P.', homeVillage: 'Kylmälä' }, 'koordinaattori');
    const phone = await phoneContext(e2e.browser, e2e.server.url);
    const page = await phone.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));

    await page.goto('/');
    await page.getByRole('button', { name: 'Minulla on kertakoodi' }).click();
    await page.getByLabel('Käyttäjätunnus').fill('sanna');
    await page.getByLabel('Kertakoodi').fill(code!.code);
    await page.getByLabel('Uusi salasana (vähintään 8 merkkiä)').fill('kylmala-2026');
    await page.getByLabel('Uusi salasana uudelleen').fill('kylmala-2026');
    await page.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }).click();
    const next = page.getByTestId('my-next');
    await next.waitFor();
    await waitForSync(page);
    await expectNoAxeViolations(page, 'my schedule');

    await next.getByRole('button', { name: 'Tulen' }).click();
    await next.getByRole('link', { name: 'Pyydä kyyti' }).click();
    await page.getByLabel('Mistä haetaan').selectOption('Koulun pysäkki');
    await expectNoAxeViolations(page, 'ride request');
    await page.getByRole('button', { name: 'Pyydä kyyti' }).click();
    await next.getByText('Kyyti pyydetty. Odota vastausta.').waitFor();

    // Offline, the app reopened: the answer can still be changed.
    await phone.setOffline(true);
    await page.reload();
    await next.waitFor();
    await next.getByRole('button', { name: 'En pääse' }).click();
    await expect.poll(() => next.getByRole('button', { name: 'En pääse' }).getAttribute('aria-pressed')).toBe('true');
    await next.getByRole('button', { name: 'Tulen' }).click();
    await phone.setOffline(false);
    await waitForSync(page);

    // Goals and a check-in screen, for axe.
    await page.getByRole('link', { name: 'Tavoitteet' }).click();
    await page.getByRole('heading', { name: 'Tavoitteet', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'my goals');

    // The instructor's tablet shows the answer and the ride request, and confirms the ride.
    await e2e.server.server.relay.settle();
    const rsvps = await e2e.server.admin.ok<{ rows: { doc: { type?: string; participantId?: string; sessionId?: string; status?: string } }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
    const answer = rsvps.rows.map((r) => r.doc).find((d) => d.type === 'rsvp' && d.participantId === `participant:${participantKey}`);
    expect(answer?.status).toBe('coming');
    const tablet = await e2e.signedInTablet('ohjaaja1');
    await tablet.page.goto(`/#/session/${encodeURIComponent(scope)}/${encodeURIComponent(answer!.sessionId!)}`);
    await tablet.page.getByTestId('attendance-row').filter({ hasText: 'Sanna P.' }).getByText('Tulossa').waitFor();
    await tablet.page.getByRole('link', { name: 'Kyydit' }).click();
    const ride = tablet.page.getByTestId('ride-row').filter({ hasText: 'Sanna P.' });
    await ride.getByText('Koulun pysäkki').waitFor();
    await ride.getByRole('button', { name: 'Vahvista' }).click();
    await ride.getByText('Vahvistettu').waitFor();
    await syncNow(tablet.page);
    await e2e.server.server.relay.settle();

    await syncNow(page);
    // Their page behind the badge, and the badge, in their words: sent, not synced.
    await page.getByRole('heading', { name: 'Onko vastauksesi lähetetty?', level: 1 }).waitFor();
    await page.getByText('Kaikki vastauksesi on lähetetty.').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/synkr|palvelin|tietokanta/i);
    await expectNoAxeViolations(page, 'my answers sent');
    await page.goto('/#/');
    await next.getByText('Kyyti on varattu sinulle.').waitFor();

    // 200 % text: every control still there and usable, nothing scrolls sideways.
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await next.getByRole('button', { name: 'En pääse' }).click();
    await expect.poll(() => next.getByRole('button', { name: 'En pääse' }).getAttribute('aria-pressed')).toBe('true');
    await expectNoAxeViolations(page, 'my schedule at 200 %');

    // The check-in after a session, at the narrowest phone, and a right-to-left layout.
    await page.evaluate(() => (document.documentElement.style.fontSize = ''));
    await page.goto(`/#/checkin/polku-p-${participantKey}/session%3Ademo0000`);
    // Weeks ago: asked about that day by its date, never "today".
    await page.getByRole('group', { name: /^Miltä sinusta tuntui kerralla \p{L}+ \d+\.\d+\.\d{4}\?$/u }).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/tänään|tämän päivän/);
    await expectNoAxeViolations(page, 'check-in');
    await page.setViewportSize({ width: 320, height: 640 });
    for (const dir of ['ltr', 'rtl']) {
      await page.evaluate((d) => (document.documentElement.dir = d), dir);
      for (const hash of ['#/', '#/goals', `#/checkin/polku-p-${participantKey}/session%3Ademo0000`]) {
        await page.goto(`/${hash}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.evaluate((d) => (document.documentElement.dir = d), dir);
        const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth - window.innerWidth, 0));
        expect(overflow, `${hash} at 320 px, ${dir}`).toBe(0);
      }
    }

    // Privacy by construction: only the person's own database was ever asked for, and only it is on the phone.
    const couch = requests.filter((p) => p.startsWith('/couch/'));
    expect(couch.length).toBeGreaterThan(0);
    expect(couch.filter((p) => !p.startsWith('/couch/_session') && !p.startsWith(`/couch/polku-p-${participantKey}/`) && p !== `/couch/polku-p-${participantKey}`)).toEqual([]);
    const stored = await localDocs(page, 'sanna');
    expect(stored.length).toBeGreaterThan(8);
    expect(stored.filter((d) => d.scope !== `polku-p-${participantKey}`)).toEqual([]);
    expect(stored.filter((d) => d.type === 'note' || d.type === 'participant')).toEqual([]);
    expect(stored.filter((d) => (d.type === 'attendance' || d.type === 'ride') && !d.id?.endsWith(`:${participantKey}`))).toEqual([]);
    await tablet.context.close();
    await phone.close();
  });
});
