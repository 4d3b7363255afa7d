import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { expectNoAxeViolations, signIn, waitForSync } from '../support/app-driver.ts';
import { phoneContext, tabletContext } from '../../tooling/chromium.ts';
import { useServerAndBrowser } from '../support/e2e.ts';


const e2e = useServerAndBrowser();

describe('a coordinator enrols a participant, who signs in with the one-time code', () => {
  it('gives a printable code that sets the new person’s own password once', async () => {
    const { context, page } = await e2e.signedInTablet('koordinaattori');
    await page.getByRole('link', { name: 'Hallinta' }).click();
    await page.getByRole('heading', { name: 'Hallinta', level: 1 }).waitFor();

    const enrol = page.getByRole('form', { name: 'Lisää osallistuja' });
    await enrol.getByLabel('Nimi (näkyy ryhmälle)').fill('Tuula R.');
    await enrol.getByLabel('Käyttäjätunnus').fill('Tuula R');
    await enrol.getByRole('button', { name: 'Lisää ja luo kertakoodi' }).click();
    // Refused before sending, with messages at the fields; what was typed stays.
    await enrol.getByText('Tämä tieto tarvitaan.').waitFor();
    await enrol.getByText('Käyttäjätunnuksessa voi olla 3–40 merkkiä', { exact: false }).waitFor();
    expect(await enrol.getByLabel('Nimi (näkyy ryhmälle)').inputValue()).toBe('Tuula R.');
    await expectNoAxeViolations(page, 'admin with errors');

    await enrol.getByLabel('Kotikylä').fill('Kivijärvi');
    await enrol.getByLabel('Käyttäjätunnus').fill('tuula');
    await enrol.getByRole('button', { name: 'Lisää ja luo kertakoodi' }).click();
    const code = (await page.getByTestId('one-time-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    await page.getByRole('heading', { name: 'Koodisi Polkuun kirjautumiseen' }).waitFor();
    await page.getByText('Kertakoodi: tuula').waitFor();
    expect(await page.getByTestId('code-address').textContent()).toBe(new URL(e2e.server.url).origin);
    await expectNoAxeViolations(page, 'admin with a code');
    await context.close();

    // The participant, on their own phone.
    const phone = await phoneContext(e2e.browser, e2e.server.url);
    const mine = await phone.newPage();
    await mine.goto('/');
    await mine.getByRole('button', { name: 'Minulla on kertakoodi' }).click();
    await mine.getByLabel('Käyttäjätunnus').fill('tuula');
    await mine.getByLabel('Kertakoodi').fill(code);
    await mine.getByLabel('Uusi salasana (vähintään 8 merkkiä)').fill('kivijarvi-2026');
    await mine.getByLabel('Uusi salasana uudelleen').fill('kivijarvi-2027');
    await mine.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }).click();
    await mine.getByText('Salasanat eivät ole samat.').waitFor();
    await expectNoAxeViolations(mine, 'first sign-in with an error');
    await mine.getByLabel('Uusi salasana uudelleen').fill('kivijarvi-2026');
    await mine.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }).click();
    await mine.getByRole('button', { name: 'Oma valikko: tuula' }).waitFor();
    await waitForSync(mine);
    // The code worked once only.
    const again = await fetch(`${e2e.server.url}/api/account/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'tuula', code, password: 'joku-muu-123' }),
    });
    expect(again.status).toBe(403);
    await phone.close();
  });

  it('shows no administration to an instructor, and shows it at the next sync once the role is given', async () => {
    const context = await tabletContext(e2e.browser, e2e.server.url);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, 'ohjaaja1', DEMO_PASSWORD);
    await page.getByTestId('next-session').waitFor();
    expect(await page.getByRole('link', { name: 'Hallinta' }).count()).toBe(0);
    await page.goto('/#/admin');
    await page.getByText('Hallinta on koordinaattoreille.').waitFor();

    // Made a coordinator while signed in: no new sign-in needed.
    await e2e.server.server.accounts.addStaff(DEMO_GROUP_KEY, 'ohjaaja1', 'coordinator');
    await page.getByRole('link', { name: 'Synkronointi' }).click();
    await page.getByRole('button', { name: 'Synkronoi nyt' }).click();
    await page.getByRole('link', { name: 'Hallinta' }).click();
    await page.getByRole('heading', { name: 'Hallinta' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tilannekuva' }).count()).toBe(1);
    await context.close();
  });
});
