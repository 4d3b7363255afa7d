import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, syncNow, waitForSync } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

const e2e = useServerAndBrowser();

const databasesOf = (names: string[], user: string) => names.filter((n) => n.includes(user));

describe('a coordinator cuts off a lost tablet, in real Chromium', () => {
  it("wipes that person's data at the tablet's next sync and says why, and leaves a colleague's tablet alone", async () => {
    const lost = await e2e.signedInTablet('ohjaaja1');
    const colleague = await e2e.signedInTablet('ohjaaja2');
    const indexedDbNames = () => lost.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect(databasesOf(await indexedDbNames(), 'ohjaaja1')).not.toEqual([]);

    const coordinator = await e2e.signedInTablet('koordinaattori');
    await coordinator.page.getByRole('link', { name: 'Hallinta' }).click();
    await coordinator.page.getByRole('button', { name: 'Katkaise pääsy: ohjaaja1' }).click();
    await coordinator.page.getByRole('radio', { name: 'Laite on kadonnut tai varastettu' }).check();
    await coordinator.page.getByText('Lähettämättömät muutokset niillä laitteilla katoavat.', { exact: false }).waitFor();
    await expectNoAxeViolations(coordinator.page, 'cut-off confirmation');
    await coordinator.page.getByRole('button', { name: 'Vahvista: katkaise käyttäjän ohjaaja1 pääsy' }).click();
    await coordinator.page.getByText('Käyttäjän ohjaaja1 pääsy on katkaistu.').waitFor();

    // The lost tablet's next contact: its next round (here asked for by reloading the app).
    await lost.page.reload();
    await lost.page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor({ timeout: 30_000 });
    await lost.page.getByText('Koordinaattori lopetti pääsysi tällä laitteella. Tietojasi ei ole enää tällä laitteella.').waitFor();
    await expect.poll(async () => databasesOf(await indexedDbNames(), 'ohjaaja1')).toEqual([]);
    expect(await lost.page.evaluate(() => localStorage.getItem('polku.user'))).toBeNull();

    // The colleague goes on syncing, their data where it was.
    await syncNow(colleague.page);
    await waitForSync(colleague.page);
    expect(await colleague.page.evaluate(() => JSON.parse(localStorage.getItem('polku.user') ?? 'null')?.name)).toBe('ohjaaja2');
    await Promise.all([lost.context.close(), colleague.context.close(), coordinator.context.close()]);
  });
});
