import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { SERVER_DB } from '../../server/server-state.ts';
import { groupScope, ROLE } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { addGroupWithCoordinator, Matrix, setDemoPassword } from '../support/attacks.ts';

/**
 * Class 1 of issue 18, as stories: a coordinator of one group (koordinaattori, group A)
 * against the accounts of another (group B: its coordinator bkoord, its participant
 * bpart). Every refused step changes nothing, checked as server admin afterwards.
 */
let server: TestServer;
const A = DEMO_GROUP_KEY;
const B = 'toinen01';
let bPartKey = '';

type UserDoc = { _id: string; _rev: string; roles: string[]; [k: string]: unknown };
const userDoc = (name: string) => server.admin.ok<UserDoc>('GET', `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`);
/** What signs the person in and what they may do: every field but the revision. */
const account = async (name: string) => {
  const { _rev, ...rest } = await userDoc(name);
  return rest;
};
const setPassword = (name: string) => setDemoPassword(server, name);

async function api(as: string, op: string, body: unknown) {
  const r = await fetch(`${server.url}/api/admin/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: basicAuth(as, DEMO_PASSWORD) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as { ok?: boolean; reason?: string; code?: unknown } };
}

beforeAll(async () => {
  server = await startTestServer();
  await server.server.accounts.createGroup({ name: 'Toinen ryhmä', key: B }, 'bkoord');
  await setPassword('bkoord');
  bPartKey = (await server.server.accounts.enrol(B, { username: 'bpart', displayName: 'Bea', homeVillage: 'Rantala' }, 'bkoord')).participantKey;
  await setPassword('bpart');
  await server.server.relay.settle();
});
afterAll(async () => {
  await server?.stop();
});

describe('take over an account in another group', () => {
  it("gives a coordinator of A no code for B's coordinator or participant, however they are added to A", async () => {
    const before = { bkoord: await account('bkoord'), bpart: await account('bpart') };
    const m = new Matrix('koordinaattori (coordinator of A) against group B');
    m.allowed('add B’s coordinator to A as an instructor (a new membership, no code)', await api('koordinaattori', 'addInstructor', { groupKey: A, name: 'bkoord' }));
    m.refused('a code for them as a person of A', await api('koordinaattori', 'resetPassword', { groupKey: A, name: 'bkoord' }), 'srv.staffedElsewhere');
    m.allowed('make them a coordinator of A', await api('koordinaattori', 'addCoordinator', { groupKey: A, name: 'bkoord' }));
    m.refused('a code for them now', await api('koordinaattori', 'resetPassword', { groupKey: A, name: 'bkoord' }), 'srv.staffedElsewhere');
    m.refused('a code for them as a person of B', await api('koordinaattori', 'resetPassword', { groupKey: B, name: 'bkoord' }), 'srv.notCoordinator');
    m.refused('remove them from B', await api('koordinaattori', 'removeStaff', { groupKey: B, name: 'bkoord' }), 'srv.notCoordinator');
    m.refused('add themselves to B', await api('koordinaattori', 'addCoordinator', { groupKey: B, name: 'koordinaattori' }), 'srv.notCoordinator');
    m.refused('make B’s participant staff of A', await api('koordinaattori', 'addInstructor', { groupKey: A, name: 'bpart' }), 'srv.userExists');
    m.refused('a code for B’s participant as a person of A', await api('koordinaattori', 'resetPassword', { groupKey: A, name: 'bpart' }), 'srv.notInGroup');
    const moveB = await api('koordinaattori', 'move', { participantKey: bPartKey, toGroup: A });
    m.refused('move B’s participant into A', moveB, 'srv.noSuchParticipant');
    m.refused('end B’s participation', await api('koordinaattori', 'end', { participantKey: bPartKey }), 'srv.noSuchParticipant');
    // A participant of another group and a key nobody has answer alike.
    expect(await api('koordinaattori', 'move', { participantKey: 'eiketaan0000', toGroup: A })).toEqual(moveB);
    m.refused('enrol into B', await api('koordinaattori', 'enrol', { groupKey: B, username: 'ujuttu', displayName: 'U', homeVillage: 'X' }), 'srv.notCoordinator');
    m.print();

    const after = { bkoord: await account('bkoord'), bpart: await account('bpart') };
    // The password and everything B gave them are as they were; only A's membership was added.
    expect(after.bpart).toEqual(before.bpart);
    const { roles: rolesBefore, ...restBefore } = before.bkoord;
    const { roles: rolesAfter, ...restAfter } = after.bkoord;
    expect(restAfter).toEqual(restBefore);
    expect(rolesAfter).toEqual(expect.arrayContaining(rolesBefore));
    expect(rolesAfter).toContain(ROLE.coordinatorOf(A));

    // Removing them from A takes exactly what A gave.
    expect((await api('koordinaattori', 'removeStaff', { groupKey: A, name: 'bkoord' })).status).toBe(200);
    expect((await account('bkoord')).roles.sort()).toEqual([...rolesBefore].sort());
  });

  it("keeps B's coordinator from writing A's group document as an instructor of A", async () => {
    expect((await api('koordinaattori', 'addInstructor', { groupKey: A, name: 'bkoord' })).status).toBe(200);
    const scope = groupScope(A);
    const stored = await server.admin.ok<Record<string, unknown> & { _rev: string }>('GET', `/${scope}/group:${A}`);
    const r = await fetch(`${server.url}/couch/${scope}/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basicAuth('bkoord', DEMO_PASSWORD) },
      body: JSON.stringify({ docs: [{ ...stored, name: 'Kaapattu', updatedBy: 'bkoord' }] }),
    });
    const rows = (await r.json()) as { error?: string; reason?: string }[];
    console.log(`bkoord (coordinator of B, instructor of A) edits A's group document: ${r.status} ${JSON.stringify(rows)}`);
    expect(rows).toEqual([expect.objectContaining({ error: 'forbidden', reason: 'srv.roleMayNotWrite' })]);
    expect(await server.admin.ok('GET', `/${scope}/group:${A}`)).toEqual(stored);
    expect((await api('koordinaattori', 'removeStaff', { groupKey: A, name: 'bkoord' })).status).toBe(200);
  });
});

describe('a power granted through one group', () => {
  it('ends with the membership: a coordinator removed from A keeps nothing of it', async () => {
    expect((await api('koordinaattori', 'addCoordinator', { groupKey: A, name: 'kaksi' })).status).toBe(200);
    expect((await api('bkoord', 'addInstructor', { groupKey: B, name: 'kaksi' })).status).toBe(200);
    await setPassword('kaksi');
    expect((await api('koordinaattori', 'removeStaff', { groupKey: A, name: 'kaksi' })).status).toBe(200);
    expect((await account('kaksi')).roles.sort()).toEqual([ROLE.group(B), ROLE.instructor, ROLE.instructorOf(B)].sort());

    const m = new Matrix('kaksi, once coordinator of A, now only instructor of B');
    m.refused('create a group', await api('kaksi', 'createGroup', { name: 'Oma' }), 'srv.notCoordinator');
    m.refused('a code for aino of A', await api('kaksi', 'resetPassword', { groupKey: A, name: 'aino' }), 'srv.notCoordinator');
    m.refused('a code for bpart of B', await api('kaksi', 'resetPassword', { groupKey: B, name: 'bpart' }), 'srv.notCoordinator');
    m.refused('add themselves back to A', await api('kaksi', 'addCoordinator', { groupKey: A, name: 'kaksi' }), 'srv.notCoordinator');
    m.print();
  });
});

describe('which user names exist elsewhere', () => {
  it('answers a name of another group exactly as a name nobody has', async () => {
    const m = new Matrix('koordinaattori asks about bkoord (in B only) and nobody.here (no account)');
    for (const op of ['resetPassword', 'removeStaff'] as const) {
      const elsewhere = await api('koordinaattori', op, { groupKey: A, name: 'bkoord' });
      const nobody = await api('koordinaattori', op, { groupKey: A, name: 'nobody.here' });
      m.refused(`${op}, bkoord`, elsewhere, 'srv.notInGroup');
      m.refused(`${op}, nobody.here`, nobody, 'srv.notInGroup');
      expect(elsewhere).toEqual(nobody);
    }
    m.print();
    expect((await server.admin.request('GET', `/_users/org.couchdb.user:nobody.here`)).status).toBe(404);
  });
});

describe('the coordinator of every group the person is in', () => {
  it('resets the password of a person staffed in both, and the server admin state follows memberships', async () => {
    // koordinaattori also coordinates B now (granted by B's coordinator): bkoord's groups are all theirs.
    expect((await api('bkoord', 'addCoordinator', { groupKey: B, name: 'koordinaattori' })).status).toBe(200);
    expect((await api('koordinaattori', 'addInstructor', { groupKey: A, name: 'bkoord' })).status).toBe(200);
    // A new membership reaches each CouchDB node's sign-in cache a moment after it is written.
    await vi.waitFor(async () => {
      const r = await fetch(`${server.couch.url}/_session`, { headers: { Authorization: basicAuth('koordinaattori', DEMO_PASSWORD) } });
      expect(((await r.json()) as { userCtx: { roles: string[] } }).userCtx.roles).toContain(ROLE.coordinatorOf(B));
    }, { timeout: 10_000, interval: 100 });
    const reset = await api('koordinaattori', 'resetPassword', { groupKey: A, name: 'bkoord' });
    expect(reset.status).toBe(200);
    expect(reset.body.code).toBeDefined();
    const state = await server.admin.ok<{ rows: { id: string }[] }>('GET', `/${SERVER_DB}/_all_docs`);
    expect(state.rows.map((r) => r.id)).toContain(`member:${B}:${bPartKey}`);
  });
});

describe('take over a former participant, or the server admin’s name', () => {
  it('never makes an ended participant’s account staff, so nobody gets a code for it', async () => {
    const { participantKey } = await server.server.accounts.enrol(A, { username: 'entinen', displayName: 'Entinen', homeVillage: 'Kylmälä' }, 'koordinaattori');
    expect((await api('koordinaattori', 'end', { participantKey })).status).toBe(200);
    await addGroupWithCoordinator(server, 'kolmas01', 'ckoord');
    const before = await account('entinen');
    const m = new Matrix('ckoord (coordinator of another group only) against a former participant of A');
    m.refused('make them an instructor of their group', await api('ckoord', 'addInstructor', { groupKey: 'kolmas01', name: 'entinen' }), 'srv.userExists');
    m.refused('make them a coordinator of their group', await api('ckoord', 'addCoordinator', { groupKey: 'kolmas01', name: 'entinen' }), 'srv.userExists');
    m.refused('a code for them as a person of their group', await api('ckoord', 'resetPassword', { groupKey: 'kolmas01', name: 'entinen' }), 'srv.notInGroup');
    m.print();
    expect(await account('entinen')).toEqual(before);
  });

  it('never makes an account of the server admin’s own name', async () => {
    const name = server.admin.name;
    const m = new Matrix(`koordinaattori against the server admin's name (${name})`);
    m.refused('enrol a participant with it', await api('koordinaattori', 'enrol', { groupKey: A, username: name, displayName: 'X', homeVillage: 'Kylmälä' }), 'srv.userExists');
    m.refused('add it as an instructor', await api('koordinaattori', 'addInstructor', { groupKey: A, name }), 'srv.userExists');
    m.print();
    expect((await server.admin.request('GET', `/_users/org.couchdb.user:${encodeURIComponent(name)}`)).status).toBe(404);
  });
});
