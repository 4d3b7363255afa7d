import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { SERVER_DB } from '../../server/server-state.ts';
import { groupScope, ROLE } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { addGroupWithCoordinator, setDemoPassword } from '../support/attacks.ts';

/**
 * Issue 16, item 4: a coordinator cuts an account off. Its sessions are refused from then on
 * (on `/couch` and on `/api`), and a device that held one is told to wipe the person's data;
 * nobody else's device is, and a session that merely expired is not.
 */
let server: TestServer;
const A = DEMO_GROUP_KEY;
const B = 'toinen01';
const [instructor, other] = DEMO_USERS.instructors;

/** What the server's sign-in cache says of these credentials or this cookie (each CouchDB node's catches up a moment after a write). */
async function sessionName(headers: Record<string, string>) {
  const r = await fetch(`${server.couch.url}/_session`, { headers });
  return ((await r.json()) as { userCtx: { name: string | null; roles: string[] } }).userCtx;
}
const settled = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 100 });

/** A device signing in: its cookie, and the server's time of the sign-in as the app keeps it. */
async function signIn(name: string, password = DEMO_PASSWORD) {
  // Asked straight of CouchDB: a password just set is not a wrong guess for the gateway's throttle to count.
  await settled(async () => expect((await sessionName({ Authorization: basicAuth(name, password) })).name).toBe(name));
  const r = await fetch(`${server.url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
  expect(r.status, `${name} signs in`).toBe(200);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, since: r.headers.get('x-polku-signed-in')! };
}

const whoIs = async (cookie: string) => ((await (await fetch(`${server.url}/couch/_session`, { headers: { cookie } })).json()) as { userCtx: { name: string | null } }).userCtx.name;
/** A cut-off reaches every node's sign-in cache a moment after it is written: from then on the cookie is no one's. */
const refused = (cookie: string) => settled(async () => expect(await whoIs(cookie)).toBe(null));

async function api(as: string, op: string, body: unknown) {
  const r = await fetch(`${server.url}/api/admin/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: basicAuth(as, DEMO_PASSWORD) }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as { reason?: string; at?: string; code?: { code: string } } };
}

/** What the device asks at its next contact, with whatever cookie it still has. */
async function status(name: string, since?: string, cookie?: string) {
  const query = new URLSearchParams({ name, ...(since ? { since } : {}) });
  const r = await fetch(`${server.url}/api/device/status?${query}`, { headers: { 'X-Polku-Device': 'device-1', ...(cookie ? { cookie } : {}) } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { wipe: boolean }).wipe;
}

const account = (name: string) => server.admin.ok<{ roles: string[]; polku_code?: unknown }>('GET', `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`);

beforeAll(async () => {
  server = await startTestServer();
  await addGroupWithCoordinator(server, B, 'kaisa');
  await settled(async () => expect((await sessionName({ Authorization: basicAuth('kaisa', DEMO_PASSWORD) })).roles).toContain(ROLE.coordinatorOf(B)));
  await server.server.relay.settle();
});
afterAll(async () => {
  await server?.stop();
});

describe('cut off from afar', () => {
  it('is refused to a coordinator of another group, to an instructor and for an account beyond the caller', async () => {
    const device = await signIn(instructor);
    expect(await api('kaisa', 'cutOff', { groupKey: A, name: instructor, reason: 'deviceLost' })).toMatchObject({ status: 403, body: { reason: 'srv.notCoordinator' } });
    expect(await api('kaisa', 'cutOff', { groupKey: B, name: instructor, reason: 'deviceLost' })).toMatchObject({ status: 404, body: { reason: 'srv.notInGroup' } });
    expect(await api(other, 'cutOff', { groupKey: A, name: instructor, reason: 'accessEnded' })).toMatchObject({ status: 403, body: { reason: 'srv.notCoordinator' } });
    // B's coordinator, added to A as an instructor by A's coordinator, is still not A's to cut off.
    expect((await api(DEMO_USERS.coordinator, 'addInstructor', { groupKey: A, name: 'kaisa' })).status).toBe(200);
    expect(await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: 'kaisa', reason: 'deviceLost' })).toMatchObject({ status: 403, body: { reason: 'srv.cutOffElsewhere' } });
    // The server admin's own name is no account of a group.
    expect(await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: server.admin.name, reason: 'deviceLost' })).toMatchObject({ status: 404 });
    // A participant's record whose `username` (which instructors write) names a colleague cuts off nobody.
    expect(await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: other, reason: 'accessEnded', participantKey: DEMO_USERS.participants.eero })).toMatchObject({
      status: 409,
      body: { reason: 'srv.notThatParticipant' },
    });
    // Oneself only when said so.
    expect(await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: DEMO_USERS.coordinator, reason: 'deviceLost' })).toMatchObject({ status: 409, body: { reason: 'srv.cutOffSelf' } });
    expect(await whoIs(device.cookie)).toBe(instructor);
    expect(await whoIs((await signIn('kaisa')).cookie)).toBe('kaisa');
    const state = await server.admin.ok<{ rows: { id: string }[] }>('GET', `/${SERVER_DB}/_all_docs`);
    expect(state.rows.filter((r) => r.id.startsWith('cutoff:'))).toEqual([]);
  });

  it("refuses the lost device's session on /couch and /api, tells that device to wipe, and nobody else's", async () => {
    const lost = await signIn(instructor);
    const colleague = await signIn(other);
    expect(await status(instructor, lost.since)).toBe(false);
    const secretOf = async (cookie: string) =>
      ((await (await fetch(`${server.url}/api/account/device-secret`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: '{}' })).json()) as { secret?: string }).secret;
    const before = await secretOf(lost.cookie);
    expect(before).toBeDefined();
    const done = await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: instructor, reason: 'deviceLost' });
    expect(done.status).toBe(200);

    await refused(lost.cookie);
    expect((await fetch(`${server.url}/couch/${groupScope(A)}/_all_docs`, { headers: { cookie: lost.cookie } })).status).toBe(401);
    const viaApi = await fetch(`${server.url}/api/admin/resetPassword`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie: lost.cookie }, body: JSON.stringify({ groupKey: A, name: instructor }) });
    expect(viaApi.status).toBe(401);

    expect(await status(instructor, lost.since, lost.cookie)).toBe(true);
    // A device that did not keep when it signed in held its session from before.
    expect(await status(instructor)).toBe(true);
    expect(await status(other, colleague.since, colleague.cookie)).toBe(false);
    expect(await whoIs(colleague.cookie)).toBe(other);

    // Recorded where only server admins read, with the time and who did it.
    const record = await server.admin.ok<Record<string, unknown>>('GET', `/${SERVER_DB}/cutoff:${instructor}`);
    expect(record).toMatchObject({ at: done.body.at, reason: 'deviceLost', by: DEMO_USERS.coordinator, groupKey: A });
    const peek = await fetch(`${server.url}/couch/${SERVER_DB}/cutoff:${instructor}`, { headers: { cookie: colleague.cookie } });
    expect(peek.status).toBeGreaterThanOrEqual(400);
    // A lost device keeps the person in the group.
    expect((await account(instructor)).roles).toContain(ROLE.instructorOf(A));
    // What opened the lost device's data without the PIN (its account's device secret) is gone: a new one is made.
    expect((await server.admin.request('GET', `/${SERVER_DB}/${encodeURIComponent(`secret:${instructor}`)}`)).status).toBe(404);
  });

  it('lets the person back in with a new code on a new device, which is not told to wipe', async () => {
    const reset = await api(DEMO_USERS.coordinator, 'resetPassword', { groupKey: A, name: instructor });
    expect(reset.status).toBe(200);
    const claimed = await fetch(`${server.url}/api/account/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: instructor, code: reset.body.code!.code, password: 'uusi-salasana-1' }),
    });
    expect(claimed.status).toBe(200);
    const fresh = await signIn(instructor, 'uusi-salasana-1');
    expect(await whoIs(fresh.cookie)).toBe(instructor);
    expect(await status(instructor, fresh.since)).toBe(false);
    // A session that works now was made after the cut-off, whatever the device says of itself.
    expect(await status(instructor, '2000-01-01T00:00:00.000Z', fresh.cookie)).toBe(false);
  });

  it('answers a session that merely expired (or a made-up cookie) with no wipe', async () => {
    const made = `AuthSession=${Buffer.from(`${other}:6B10939F:not-a-real-mac`).toString('base64url')}`;
    expect((await fetch(`${server.url}/couch/${groupScope(A)}/_all_docs`, { headers: { cookie: made } })).status).toBe(401);
    expect(await status(other, undefined, made)).toBe(false);
    expect(await status('ei-ketaan', undefined, made)).toBe(false);
    // Nothing but a name and a time is read from the question.
    const bad = await fetch(`${server.url}/api/device/status?name=${encodeURIComponent('../_users')}`);
    expect(bad.status).toBe(400);
  });

  it("for ended access also takes the person's place: a co-coordinator's role, a participant's participation", async () => {
    expect((await api(DEMO_USERS.coordinator, 'addCoordinator', { groupKey: A, name: 'apuri' })).status).toBe(200);
    await setDemoPassword(server, 'apuri');
    const helper = await signIn('apuri');
    await settled(async () => expect((await sessionName({ cookie: helper.cookie })).roles).toContain(ROLE.coordinatorOf(A)));
    expect((await api('apuri', 'resetPassword', { groupKey: A, name: other })).status).toBe(200);
    expect((await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: 'apuri', reason: 'accessEnded' })).status).toBe(200);
    await refused(helper.cookie);
    const viaApi = await fetch(`${server.url}/api/admin/resetPassword`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie: helper.cookie }, body: JSON.stringify({ groupKey: A, name: other }) });
    expect(viaApi.status).toBe(401);
    expect((await account('apuri')).roles.filter((r) => r.startsWith('polku:'))).toEqual([]);
    expect(await status('apuri', helper.since)).toBe(true);

    await setDemoPassword(server, 'aino');
    const phone = await signIn('aino');
    expect((await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: 'aino', reason: 'accessEnded', participantKey: DEMO_USERS.participants.aino })).status).toBe(200);
    await refused(phone.cookie);
    expect((await account('aino')).roles).not.toContain(ROLE.self(DEMO_USERS.participants.aino));
    const record = await server.admin.ok<{ status: string }>('GET', `/${groupScope(A)}/participant:${DEMO_USERS.participants.aino}`);
    expect(record.status).toBe('ended');
    expect(await status('aino', phone.since)).toBe(true);
  });

  it('lets a coordinator cut off their own account when they say so', async () => {
    await setDemoPassword(server, DEMO_USERS.coordinator);
    const mine = await signIn(DEMO_USERS.coordinator);
    expect((await api(DEMO_USERS.coordinator, 'cutOff', { groupKey: A, name: DEMO_USERS.coordinator, reason: 'deviceLost', self: true })).status).toBe(200);
    await refused(mine.cookie);
    expect(await status(DEMO_USERS.coordinator, mine.since)).toBe(true);
  });
});
