import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { expectNoAxeViolations, waitForSync } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

const scope = groupScope(DEMO_GROUP_KEY);
const e2e = useServerAndBrowser();

type Doc = { _id: string; type?: string; [k: string]: unknown };
async function serverDocs(): Promise<Doc[]> {
  const all = await e2e.server.admin.ok<{ rows: { doc: Doc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
  return all.rows.map((r) => r.doc);
}

describe('a whole PopUp day offline on a tablet', () => {
  it('records attendance, a walk-in, rides, notes and a path change offline, and all of it reaches the server', async () => {
    // The tablet's clock in the next session: attendance is marked once it has started.
    const { context, page } = await e2e.signedInTablet('ohjaaja1', { at: duringNextSession() });
    await context.setOffline(true);

    // The next session, one tap from the start screen.
    await page.getByTestId('next-session').getByRole('link', { name: 'Avaa kerta' }).click();
    await page.getByRole('heading', { name: 'Läsnäolo' }).waitFor();
    const rows = page.getByTestId('attendance-row');
    await expect.poll(() => rows.count()).toBe(8);
    for (let i = 0; i < 8; i++) await rows.nth(i).getByRole('button', { name: i === 5 ? 'Ilmoitettu poissaolo' : 'Läsnä', exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent()).toBe('Läsnä 7 / 8');

    const walkIn = page.getByRole('form', { name: 'Paikalle tuli uusi henkilö' });
    await walkIn.getByLabel('Nimi (näkyy ryhmälle)').fill('Veikko');
    await walkIn.getByLabel('Kotikylä').fill('Rantala');
    await walkIn.getByRole('button', { name: 'Lisää ja merkitse läsnä' }).click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent()).toBe('Läsnä 8 / 8');
    await expectNoAxeViolations(page, 'attendance with a walk-in');

    // Rides: confirm two, then the pickup list for the driver.
    await page.getByRole('link', { name: 'Kyydit' }).click();
    await page.getByRole('heading', { name: 'Kyydit', level: 1 }).waitFor();
    const ride = (name: string) => page.getByTestId('ride-row').filter({ hasText: name });
    await ride('Eero H.').getByRole('button', { name: 'Vahvista' }).click();
    await ride('Jussi L.').getByRole('button', { name: 'Vahvista' }).click();
    await expect.poll(() => page.getByTestId('pickup-total').textContent()).toBe('Yhteensä 3 paikkaa');
    await page.getByRole('button', { name: 'Siirrä Kivijärvi aiemmaksi' }).click();
    await expect.poll(() => page.getByTestId('pickup-list').getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Kivijärvi · 2 paikkaa', 'Hietala · 1 paikka']);
    await expectNoAxeViolations(page, 'rides');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { name: 'Kyytipyynnöt' }).isVisible()).toBe(false);
    expect(await page.getByTestId('pickup-list').isVisible()).toBe(true);
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Two notes and a move from work trial to pay-subsidised work.
    await page.getByRole('link', { name: /Takaisin kertaan/ }).click();
    await page.getByRole('link', { name: 'Jussi L.' }).click();
    await page.getByRole('heading', { name: 'Jussi L.', level: 1 }).waitFor();
    const note = page.getByRole('form', { name: 'Uusi muistiinpano' });
    for (const text of ['Ohjasi muita kahvinkeitossa.', 'Haluaa kokeilla palkkatukityötä.']) {
      await note.getByLabel('Havainto').fill(text);
      await note.getByRole('button', { name: 'Tallenna muistiinpano' }).click();
      await page.getByTestId('notes').getByText(text).waitFor();
    }
    // The newest note first at the top of the page.
    await expect.poll(() => page.getByTestId('latest-notes').locator('li p').first().textContent()).toBe('Haluaa kokeilla palkkatukityötä.');
    await expect.poll(() => page.getByTestId('overview-stage-now').textContent()).toMatch(/^Työkokeilu/);
    await page.getByRole('tab', { name: 'Polku' }).click();
    await page.getByText('Nyt: Työkokeilu').waitFor();
    await page.getByRole('button', { name: '+ Uusi vaihe' }).click();
    const step = page.getByRole('form', { name: 'Uusi vaihe' });
    await step.getByLabel('Vaihe', { exact: true }).selectOption('paySubsidisedWork');
    await step.getByRole('button', { name: 'Tallenna vaihe' }).click();
    await page.getByText('Nyt: Palkkatukityö').waitFor();
    await expect.poll(() => page.getByTestId('overview-stage-now').textContent()).toMatch(/^Palkkatukityö/);
    await expectNoAxeViolations(page, 'participant page');
    expect(Number(await page.getByTestId('sync-badge').getAttribute('data-pending'))).toBeGreaterThanOrEqual(16);

    // Back in range: everything arrives by itself.
    await context.setOffline(false);
    await waitForSync(page, 60_000);
    const docs = await serverDocs();
    const session = docs.find((d) => d.type === 'session' && d._id === 'session:demo0003')!;
    const attendance = docs.filter((d) => d.type === 'attendance' && d.sessionId === session._id);
    expect(attendance).toHaveLength(9);
    expect(attendance.filter((a) => a.status === 'present')).toHaveLength(8);
    const veikko = docs.find((d) => d.type === 'participant' && d.displayName === 'Veikko');
    expect(veikko).toMatchObject({ walkIn: true, homeVillage: 'Rantala', createdBy: 'ohjaaja1' });
    const rides = docs.filter((d) => d.type === 'ride' && d.sessionId === session._id);
    expect(rides.filter((r) => r.status === 'confirmed').map((r) => r.participantId).sort()).toEqual(['participant:eero0002', 'participant:jussi004']);
    expect(session.routeOrder).toEqual(['Kivijärvi', 'Hietala']);
    const notes = docs.filter((d) => d.type === 'note' && d.participantId === 'participant:jussi004');
    expect(notes.map((n) => n.text).sort()).toEqual(['Haluaa kokeilla palkkatukityötä.', 'Ohjasi muita kahvinkeitossa.']);
    const steps = docs.filter((d) => d.type === 'planstep' && d.participantId === 'participant:jussi004');
    expect(steps.map((s) => [s.stage, s.status]).sort()).toEqual([
      ['paySubsidisedWork', 'active'],
      ['workTrial', 'completed'],
    ]);
    await context.close();
  });
});
