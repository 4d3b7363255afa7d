import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { designDocFor, provisionGroup } from '../../server/design-docs.ts';
import { provision, updateDesignDocs } from '../../server/provision.ts';
import { groupScope } from '../../src/domain/index.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const scope = groupScope(DEMO_GROUP_KEY);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type DesignDoc = { _rev: string; [k: string]: unknown };
const designDoc = (db: string) => server.admin.ok<DesignDoc>('GET', `/${db}/_design/polku`);

async function designRevs(): Promise<Record<string, string>> {
  const revs: Record<string, string> = {};
  for (const db of await server.admin.allDbs()) if (/^polku-[gp]-/.test(db)) revs[db] = (await designDoc(db))._rev;
  return revs;
}

describe('write rules are written only when they changed', () => {
  it('provisioning again adds no revision to any design document', async () => {
    const before = await designRevs();
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(3);
    await provision(server.admin, { demo: true });
    await provisionGroup(server.admin, DEMO_GROUP_KEY);
    await server.server.accounts.openParticipantDb('aino0001', DEMO_GROUP_KEY);
    expect(await designRevs()).toEqual(before);
  });

  it('a changed rule is written once, with one new revision', async () => {
    // As a server provisioned by an older Polku would hold it.
    await server.admin.put(scope, { ...designDocFor(), polkuVersion: 3, validate_doc_update: 'function () {}' });
    const older = Number.parseInt((await designDoc(scope))._rev, 10);
    await updateDesignDocs(server.admin);
    const { _rev, ...now } = await designDoc(scope);
    expect(Number.parseInt(_rev, 10)).toBe(older + 1);
    expect(now).toEqual(designDocFor());
    await updateDesignDocs(server.admin);
    expect((await designDoc(scope))._rev).toBe(_rev);
  });
});
