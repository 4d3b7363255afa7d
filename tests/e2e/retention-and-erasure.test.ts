import { describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { groupScope, noteId, SCHEMA_VERSION } from '../../src/domain/index.ts';
import { e2eNow } from '../../tooling/clock.ts';
import { localDocs, syncNow } from '../support/app-driver.ts';
import { useServerAndBrowser } from '../support/e2e.ts';

/**
 * Retention and erasure as people meet them (SECURITY.md, "Retention and erasure"): an old
 * note leaves the tablet but not the server; a participant erased by the coordinator leaves
 * a second instructor's tablet at its next sync.
 */
const e2e = useServerAndBrowser();
const scope = groupScope(DEMO_GROUP_KEY);
const DAY = 86_400_000;

async function putNote(participantId: string, daysAgo: number, text: string) {
  const at = new Date(e2eNow().getTime() - daysAgo * DAY).toISOString();
  const id = noteId();
  await e2e.server.admin.ok('PUT', `/${scope}/${id}`, {
    _id: id, type: 'note', scope, schemaVersion: SCHEMA_VERSION, createdAt: at, updatedAt: at, createdBy: 'ohjaaja2', updatedBy: 'ohjaaja2',
    participantId, category: 'wellbeing', text,
  });
  return id;
}

const ids = async (page: Parameters<typeof localDocs>[0], user: string) => (await localDocs(page, user)).map((d) => d.id);

describe('retention and erasure on the tablets', () => {
  it('keeps an old note off a new tablet, and removes one that grows past a shortened period, leaving both on the server', async () => {
    const ancient = await putNote('participant:jussi004', 3 * 365, 'Kolmen vuoden takainen.');
    const twoMonths = await putNote('participant:jussi004', 60, 'Kahden kuukauden takainen.');
    const { context, page } = await e2e.signedInTablet('ohjaaja1');
    const held = await ids(page, 'ohjaaja1');
    expect(held).toContain(twoMonths);
    expect(held).not.toContain(ancient);

    // The coordinator shortens the period to one month (every group's copy of the organisation's record).
    const org = await e2e.server.admin.ok<Record<string, unknown>>('GET', `/${scope}/organisation`);
    await e2e.server.admin.ok('PUT', `/${scope}/organisation`, { ...org, privacy: { retentionMonths: 1 } });
    await syncNow(page);
    await expect.poll(() => ids(page, 'ohjaaja1'), { timeout: 10_000 }).not.toContain(twoMonths);
    for (const id of [ancient, twoMonths]) expect((await e2e.server.admin.request('GET', `/${scope}/${id}`)).status).toBe(200);
    await context.close();
  });

  it('takes an erased participant off a second instructor’s tablet at its next sync', async () => {
    const helmi = 'participant:helmi003';
    const note = await putNote(helmi, 3, 'Helmin muistiinpano.');
    const second = await e2e.signedInTablet('ohjaaja2');
    expect(await ids(second.page, 'ohjaaja2')).toEqual(expect.arrayContaining([helmi, note]));

    const { context, page } = await e2e.signedInTablet('koordinaattori');
    await page.getByRole('link', { name: 'Hallinta' }).click();
    await page.getByRole('button', { name: 'Poista tiedot: Helmi S.' }).click();
    const confirm = page.getByRole('group', { name: 'Poistetaanko kaikki tiedot pysyvästi: Helmi S.?' });
    await confirm.getByText('Poistoa ei voi perua.', { exact: false }).waitFor();
    await confirm.getByLabel('Vahvista kirjoittamalla nimi: Helmi S.').fill('Helmi S.');
    await confirm.getByRole('button', { name: 'Poista pysyvästi: Helmi S.' }).click();
    await page.getByText('Tiedot poistettu palvelimelta: Helmi S.', { exact: false }).waitFor();
    await context.close();

    await syncNow(second.page);
    await expect.poll(() => ids(second.page, 'ohjaaja2'), { timeout: 10_000 }).not.toContain(helmi);
    expect(await ids(second.page, 'ohjaaja2')).not.toContain(note);
    expect((await e2e.server.admin.request('GET', `/${scope}/${note}`)).status).toBe(404);
    await second.context.close();
  });
});
