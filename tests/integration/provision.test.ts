import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY } from '../../server/demo-data.ts';
import { CouchAdmin } from '../../server/couch-admin.ts';
import { groupSecurity, provisionGroup } from '../../server/design-docs.ts';
import { designDocFor } from '../../server/write-rules/write-rules.ts';
import { provision, updateDesignDocs } from '../../server/provision.ts';
import { groupScope } from '../../src/domain/index.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';

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
    await server.admin.put(scope, { ...designDocFor(scope), polkuVersion: 3, validate_doc_update: 'function () {}' });
    const older = Number.parseInt((await designDoc(scope))._rev, 10);
    await updateDesignDocs(server.admin);
    const { _rev, ...now } = await designDoc(scope);
    expect(Number.parseInt(_rev, 10)).toBe(older + 1);
    expect(now).toEqual(designDocFor(scope));
    await updateDesignDocs(server.admin);
    expect((await designDoc(scope))._rev).toBe(_rev);
  });

  it('does not visit every participant database at a start when the rules have not changed', async () => {
    const paths: string[] = [];
    const counting = new (class extends CouchAdmin {
      override request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal) {
        paths.push(path);
        return super.request<T>(method, path, body, signal);
      }
    })(server.admin.url, server.couch.adminName, server.couch.adminPassword);
    await updateDesignDocs(counting);
    expect(paths.filter((p) => p.startsWith('/polku-p-'))).toEqual([]);
    expect(paths.some((p) => p.startsWith(`/${scope}/`))).toBe(true);
  });

  it('gives a group database restored without its members (replication does not copy them) its members back', async () => {
    const restored = { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } };
    await server.admin.ok('PUT', `/${scope}/_security`, restored);
    // A restore is over before Polku starts: on a cluster the copies agree a moment after the PUT.
    await expect.poll(() => server.admin.ok('GET', `/${scope}/_security`), { timeout: 10_000 }).toEqual(restored);
    await updateDesignDocs(server.admin);
    // Every copy, whichever answers the read.
    await expect.poll(() => server.admin.ok('GET', `/${scope}/_security`), { timeout: 10_000 }).toEqual(groupSecurity(DEMO_GROUP_KEY));
  });
});
