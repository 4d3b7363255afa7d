import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { phoneContext } from '../../tooling/chromium.ts';
import { expectNoAxeViolations, signIn, unlock, waitForSync } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const scope = encodeURIComponent(groupScope(DEMO_GROUP_KEY));
const e2e = useServerAndBrowser();

describe('the notice that the browser did not promise to keep the data', () => {
  it('offers installing, can be put away for good, and comes back first on the screen while changes are only on the device', async () => {
    // Headless Chromium does not promise to keep a site's data that is not installed.
    const context = await phoneContext(e2e.browser, e2e.server.url, duringNextSession());
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    await waitForSync(page);

    const notice = page.getByTestId('storage-refused');
    await notice.waitFor();
    expect(await notice.getAttribute('data-at-risk')).toBe('no');
    expect(await notice.textContent()).toContain('Asenna näin: valitse selaimen valikosta Asenna sovellus tai Lisää aloitusnäyttöön.');
    // After the screen, not before it.
    expect(await page.evaluate(() => !!document.querySelector('.group ~ [data-testid="storage-refused"]'))).toBe(true);
    await expectNoAxeViolations(page, 'storage notice');
    await notice.getByRole('button', { name: 'Selvä, piilota' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await unlock(page);
    await page.getByTestId('next-session').waitFor();
    await page.waitForTimeout(500);
    expect(await notice.count()).toBe(0);

    // Offline, a change made: it matters now, and it says so first.
    await context.setOffline(true);
    await page.goto(`/#/session/${scope}/session%3Ademo0003`);
    await page.getByTestId('attendance-row').first().getByRole('button', { name: 'Läsnä', exact: true }).click();
    await notice.waitFor();
    expect(await notice.getAttribute('data-at-risk')).toBe('yes');
    expect(await notice.textContent()).toContain('1 muutos on vain tällä laitteella, eikä selain ole luvannut säilyttää sitä.');
    expect(await notice.getByRole('button', { name: 'Selvä, piilota' }).count()).toBe(0);
    expect(await page.evaluate(() => !!document.querySelector('[data-testid="storage-refused"] ~ .attendance'))).toBe(true);
    await expectNoAxeViolations(page, 'storage notice with changes waiting');

    // Back online, the change sent: gone again.
    await context.setOffline(false);
    await waitForSync(page);
    await notice.waitFor({ state: 'detached' });
    await context.close();
  });
});
