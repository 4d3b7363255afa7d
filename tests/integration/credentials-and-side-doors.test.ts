import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { groupScope } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';

/**
 * Credentials, cross-site requests and the allow-list's side doors (issue 18, classes 4–6),
 * as an attacker would try them. The gateway believes `X-Forwarded-*` from 127.0.0.1 here
 * (as from a reverse proxy the operator names), so that each request can come "from" an
 * address of its own.
 */
let server: TestServer;
const scope = groupScope(DEMO_GROUP_KEY);
const instructor = DEMO_USERS.instructors[0]!;

beforeAll(async () => {
  server = await startTestServer({ trust: { trustedProxies: ['127.0.0.1'] } });
});
afterAll(async () => {
  await server?.stop();
});

const from = (address: string) => ({ 'X-Forwarded-For': address });
const json = { 'Content-Type': 'application/json' };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : json), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* as it came */
  }
  return { status: r.status, body: parsed as Record<string, unknown> & { reason?: string; problems?: { key: string; params?: Record<string, number> }[] }, headers: r.headers, text };
}

const signIn = (name: string, password: string, address: string, headers: Record<string, string> = {}) =>
  call('POST', '/couch/_session', { name, password }, { ...from(address), ...headers });

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

describe('guess a password behind someone else’s session', () => {
  it('judges a guess by its own credentials, never by a session cookie sent beside it', async () => {
    const address = '203.0.113.40';
    const cookie = (await signIn('aino', DEMO_PASSWORD, '203.0.113.41')).headers.get('set-cookie')!.split(';')[0]!;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      // aino's cookie with a guess at the coordinator's password, then the guess alone.
      const beside = await call('GET', '/couch/_session', undefined, { ...from(address), Cookie: cookie, Authorization: basicAuth(DEMO_USERS.coordinator, `guess-${i}`) });
      const alone = await call('GET', '/couch/_session', undefined, { ...from(address), Authorization: basicAuth(DEMO_USERS.coordinator, `guess-${i}`) });
      statuses.push(beside.status, alone.status);
      // Never let in as anyone: not aino (the cookie), not the coordinator (a wrong password).
      expect([401, 429], `guess ${i}`).toContain(beside.status);
      expect([401, 429], `guess ${i}`).toContain(alone.status);
    }
    // The guesser was slowed: most of the 80 never reached CouchDB.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(60);
    // aino's own session is untouched, and so is the coordinator's password.
    expect((await call('GET', '/couch/_session', undefined, { Cookie: cookie })).body).toMatchObject({ userCtx: { name: 'aino' } });
    expect((await signIn(DEMO_USERS.coordinator, DEMO_PASSWORD, '198.51.100.40')).status).toBe(200);
  });

  it('refuses _bulk_get to anyone who may not read the database, and is not brought down by it', async () => {
    const restarts = server.couch.restarts();
    const ids = { docs: [{ id: 'participant:eero0002' }, { id: `group:${DEMO_GROUP_KEY}` }] };
    const ainoCookie = (await signIn('aino', DEMO_PASSWORD, '203.0.113.42')).headers.get('set-cookie')!.split(';')[0]!;
    for (const [who, headers] of [['a stranger', {}], ['aino', { Cookie: ainoCookie }]] as const) {
      for (const db of [scope, 'polku-p-eero0002']) {
        const r = await call('POST', `/couch/${db}/_bulk_get`, ids, headers);
        expect([401, 403], `${who} reading ${db}`).toContain(r.status);
        expect(r.text, `${who} reading ${db}`).not.toContain('Eero');
      }
      const crash = await call('POST', `/couch/${scope}/_bulk_get?latest=true&revs=true`, { docs: [{ id: 'participant:eero0002', rev: '1-x' }] }, headers);
      expect([401, 403], `${who}: latest`).toContain(crash.status);
    }
    // Staff of the group still read with it (PouchDB's replication asks so), `latest` or not.
    const staff = await call('POST', `/couch/${scope}/_bulk_get?latest=true&revs=true`, { docs: [{ id: 'participant:eero0002', rev: '1-x' }, { id: `group:${DEMO_GROUP_KEY}` }] }, { Authorization: basicAuth(instructor, DEMO_PASSWORD) });
    expect(staff.status).toBe(200);
    expect(server.couch.restarts()).toBe(restarts);
  });
});

describe('guess a password a thousand times', () => {
  it('slows the guesser, not the other users nor the owner of the account', async () => {
    const timed = async (name: string, address: string) => {
      const t = performance.now();
      const r = await signIn(name, DEMO_PASSWORD, address);
      expect(r.status, `${name} from ${address}`).toBe(200);
      return performance.now() - t;
    };
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) baseline.push(await timed(DEMO_USERS.coordinator, '198.51.100.20'));

    const statuses: Record<number, number> = {};
    let guesses = 0;
    const burst = (async () => {
      // 1,000 wrong passwords for the instructor, 50 at a time, all from one address.
      while (guesses < 1000) {
        const wave = Array.from({ length: 50 }, (_, i) => signIn(instructor, `guess-${guesses + i}`, '203.0.113.7'));
        guesses += wave.length;
        for (const r of await Promise.all(wave)) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    })();
    const during: number[] = [];
    const owner: number[] = [];
    let done = false;
    void burst.then(() => (done = true));
    while (!done) {
      during.push(await timed(DEMO_USERS.coordinator, '198.51.100.20'));
      owner.push(await timed(instructor, '198.51.100.21'));
    }
    await burst;
    console.log(
      `sign-in latency, another user: ${percentile(baseline, 50).toFixed(0)} ms median before the burst; during a 1,000-guess burst from another address ` +
        `${percentile(during, 50).toFixed(0)} ms median, ${percentile(during, 95).toFixed(0)} ms p95, ${Math.max(...during).toFixed(0)} ms max (${during.length} sign-ins); ` +
        `the attacked account's owner from their own address: ${percentile(owner, 50).toFixed(0)} ms median, ${Math.max(...owner).toFixed(0)} ms max. ` +
        `Guesses answered: ${JSON.stringify(statuses)}`,
    );
    // Only the free tries and a few after growing delays reached the database server.
    expect(statuses[401] ?? 0).toBeLessThanOrEqual(12);
    expect(statuses[429]).toBeGreaterThanOrEqual(985);
    expect(statuses[500] ?? 0).toBe(0);
    // The wait may have run out while the burst went on (a slow server takes longer): each
    // guess let in doubles it, so the guesser is held again within a try or two.
    let refused = await signIn(instructor, 'one-more', '203.0.113.7');
    for (let tries = 0; tries < 2 && refused.status === 401; tries++) refused = await signIn(instructor, `one-more-${tries}`, '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body.reason).toBe('srv.tooManySignIns');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles Basic auth on every route as a sign-in', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 15; i++) {
      seen.push((await call('GET', `/couch/${scope}/_all_docs?limit=1`, undefined, { ...from('203.0.113.8'), Authorization: basicAuth(DEMO_USERS.coordinator, `wrong-${i}`) })).status);
    }
    expect(seen.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(seen.at(-1)).toBe(429);
    // The admin API's Basic auth is the same guess.
    expect((await call('POST', '/api/admin/enrol', {}, { ...from('203.0.113.8'), Authorization: basicAuth(DEMO_USERS.coordinator, 'wrong-again') })).status).toBe(429);
    // The owner, elsewhere, is not held up; parallel requests with one right password are one try.
    const parallel = await Promise.all(
      Array.from({ length: 20 }, () => call('GET', `/couch/${scope}/_all_docs?limit=1`, undefined, { ...from('198.51.100.30'), Authorization: basicAuth(DEMO_USERS.coordinator, DEMO_PASSWORD) })),
    );
    expect(parallel.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it('never forwards a sign-in for the server-admin name the gateway uses, not even with its password', async () => {
    const name = server.couch.adminName;
    for (const password of ['guess', server.couch.adminPassword]) {
      const r = await signIn(name, password, '203.0.113.9');
      expect(r.status).toBe(401);
      expect(r.body.reason).toBe('signIn.failed');
      const basic = await call('GET', '/couch/_session', undefined, { ...from('203.0.113.9'), Authorization: basicAuth(name, password) });
      expect(basic.status).toBe(401);
    }
    // Guessing at it from one address is throttled like any other name…
    for (let i = 0; i < 12; i++) await signIn(name, `guess-${i}`, '203.0.113.10');
    expect((await signIn(name, 'guess-last', '203.0.113.10')).status).toBe(429);
    // …and the gateway's own server-admin access is untouched (CouchDB saw none of it).
    expect(await server.admin.ok('GET', '/_session')).toMatchObject({ userCtx: { roles: expect.arrayContaining(['_admin']) } });
    expect((await signIn(DEMO_USERS.coordinator, DEMO_PASSWORD, '198.51.100.40')).status).toBe(200);
  });
});

describe("kill someone's code", () => {
  async function newPerson(username: string) {
    const { code } = await server.server.accounts.enrol(DEMO_GROUP_KEY, { username, displayName: username, homeVillage: 'Hietala' }, DEMO_USERS.coordinator);
    return code!.code;
  }
  const claim = (name: string, code: string, address: string, password = 'oma-salasana-1') => call('POST', '/api/account/claim', { name, code, password }, from(address));

  it('wrong tries from an attacker pause the attacker; the person still claims the code, told how many tries they have', async () => {
    const code = await newPerson('kaisa');
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await claim('kaisa', `0000-0000-00${String(i).padStart(2, '0')}`, '203.0.113.20');
      answers.push(`${r.status} ${r.body.problems?.[0]?.key ?? r.body.reason}${r.body.problems?.[0]?.params ? ` ${JSON.stringify(r.body.problems[0].params)}` : ''}`);
    }
    console.log(`an attacker's 30 tries at kaisa's code:\n  ${answers.slice(0, 7).join('\n  ')}\n  … ${answers.length - 7} more like the last`);
    expect(answers.slice(0, 4)).toEqual([4, 3, 2, 1].map((left) => `403 srv.badCodeLeft {"left":${left}}`));
    expect(answers[4]).toMatch(/^403 srv\.tooManyTries/);
    expect(answers.slice(5).every((a) => a.startsWith('429 srv.tooManyTries'))).toBe(true);

    // The person, from their own address: one typo (told 4 tries are left), then the code works.
    const typo = await claim('kaisa', '1111-2222-3333', '198.51.100.50');
    expect(typo.body.problems).toEqual([{ path: '', key: 'srv.badCodeLeft', params: { left: 4 } }]);
    expect((await claim('kaisa', code, '198.51.100.50')).status).toBe(200);
    expect((await signIn('kaisa', 'oma-salasana-1', '198.51.100.50')).status).toBe(200);
    // Spent: the same code does not work twice.
    expect((await claim('kaisa', code, '198.51.100.51', 'toinen-salasana')).body.reason).toBe('srv.badCode');
  });

  it('parallel claims are counted exactly and never answer 500', async () => {
    const code = await newPerson('oskari');
    const wrong = await Promise.all(Array.from({ length: 20 }, (_, i) => claim('oskari', `9999-0000-00${String(i).padStart(2, '0')}`, '203.0.113.21')));
    const statuses = wrong.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(403), ...Array(15).fill(429)]);
    const right = await Promise.all(Array.from({ length: 5 }, (_, i) => claim('oskari', code, '198.51.100.60', `salasana-${i}-oskari`)));
    expect(right.map((r) => r.status).sort()).toEqual([200, 403, 403, 403, 403]);
    const winner = right.findIndex((r) => r.status === 200);
    expect((await signIn('oskari', `salasana-${winner}-oskari`, '198.51.100.60')).status).toBe(200);
  });

  it('an expired code is called expired, not "too many tries"', async () => {
    const code = await newPerson('ville');
    const user = (await server.server.accounts.user('ville'))!;
    await server.admin.ok('PUT', `/_users/${encodeURIComponent(user._id)}`, { ...user, polku_code: { ...user.polku_code!, expiresAt: '2020-01-01T00:00:00.000Z' } });
    expect((await claim('ville', code, '198.51.100.70')).body.reason).toBe('srv.codeExpired');
  });
});

describe('side doors in the allow-list', () => {
  const as = { Authorization: basicAuth(instructor, DEMO_PASSWORD), ...from('198.51.100.80') };
  const longId = 'x'.repeat(300);
  const cases: [what: string, method: string, path: string, body: unknown, status: number][] = [
    ['write an ordinary document through `_local` (no write rules run there)', 'PUT', `/couch/${scope}/_local/x`, { _id: 'note:smuggled', type: 'note' }, 403],
    ['write a `_local` document', 'PUT', `/couch/${scope}/_local/relay`, { since: 'now' }, 403],
    ['read a `_local` document', 'GET', `/couch/${scope}/_local/x`, undefined, 403],
    ['replace a revision history (new_edits: false in the body)', 'POST', `/couch/${scope}/_bulk_docs`, { docs: [{ _id: 'note:x', _rev: '9-abc', type: 'note' }], new_edits: false }, 400],
    ['replace a revision history (new_edits=false in the query)', 'POST', `/couch/${scope}/_bulk_docs?new_edits=false`, { docs: [{ _id: 'note:x', _rev: '9-abc', type: 'note' }] }, 400],
    ['a revision history of one’s own in a document', 'POST', `/couch/${scope}/_bulk_docs`, { docs: [{ _id: 'note:x', _revisions: { start: 9, ids: ['abc'] } }] }, 400],
    ['an over-long id in a write', 'POST', `/couch/${scope}/_bulk_docs`, { docs: [{ _id: longId, type: 'note' }] }, 400],
    ['an over-long id in _bulk_get', 'POST', `/couch/${scope}/_bulk_get`, { docs: [{ id: longId }] }, 400],
    ['an over-long id in _revs_diff', 'POST', `/couch/${scope}/_revs_diff`, { [longId]: ['1-a'] }, 400],
    ['an over-long id in _all_docs keys', 'POST', `/couch/${scope}/_all_docs`, { keys: [longId] }, 400],
    ['a path id that is over-long', 'GET', `/couch/${scope}/${longId}`, undefined, 400],
    ['_bulk_get with docs that are not a list (inner text: requests.forEach is not a function)', 'POST', `/couch/${scope}/_bulk_get`, { docs: 'x' }, 400],
    ['_revs_diff with revisions that are not a list', 'POST', `/couch/${scope}/_revs_diff`, { 'note:x': 'x' }, 400],
    ['_all_docs keys that are not a list', 'POST', `/couch/${scope}/_all_docs`, { keys: 'x' }, 400],
    ['a design document in a batch', 'POST', `/couch/${scope}/_bulk_docs`, { docs: [{ _id: '_design/x' }] }, 400],
    ['a session sign-in that is not an object', 'POST', '/couch/_session', '[1]', 400],
    ['a session sign-in without a name', 'POST', '/couch/_session', { password: 'x' }, 400],
  ];

  it('refuses each with a catalogue key, writes nothing, and never shows the inner server’s text', async () => {
    const lines: string[] = [];
    for (const [what, method, path, body, status] of cases) {
      const r = await call(method, path, body, as);
      lines.push(`${r.status} ${r.body.reason} — ${what}`);
      expect(r.status, what).toBe(status);
      expect(r.body.reason, what).toMatch(/^srv\.[A-Za-z]+$/);
      expect(r.text, what).not.toMatch(/is not a function|Error|stack|\bat\s/);
    }
    console.log(`side doors:\n  ${lines.join('\n  ')}`);
    for (const id of ['note:smuggled', 'note:x', longId]) expect((await server.admin.request('GET', `/${scope}/${encodeURIComponent(id)}`)).status, id).toBe(404);
    expect((await server.admin.request('GET', `/${scope}/_local/x`)).status).toBe(404);
    expect(server.couch.restarts()).toBe(0);
  });

  it('turns every refusal from CouchDB into a key: a wrong sign-in, a missing document, a refused write row', async () => {
    const wrong = await signIn(DEMO_USERS.coordinator, 'väärä', '198.51.100.81');
    expect(wrong.body).toEqual({ error: 'unauthorized', reason: 'sync.err.auth' });
    const missing = await call('GET', `/couch/${scope}/note:none`, undefined, as);
    expect(missing.body).toEqual({ error: 'not_found', reason: 'srv.notFound' });
    const rows = await call('POST', `/couch/${scope}/_bulk_docs`, { docs: [{ _id: 'note:rowtest', type: 'note', text: 'x' }] }, as);
    expect(rows.status).toBe(201);
    for (const row of rows.body as unknown as { reason?: string }[]) if (row.reason) expect(row.reason).toMatch(/^srv\./);
  });
});

describe('cross-site requests', () => {
  const cookieOf = async (address: string, headers: Record<string, string> = {}) => {
    const r = await signIn(DEMO_USERS.coordinator, DEMO_PASSWORD, address, headers);
    expect(r.status).toBe(200);
    return r.headers.getSetCookie().find((c) => c.startsWith('AuthSession='))!;
  };

  it('refuses state changes from another origin, another port of this host, or not as JSON', async () => {
    const cookie = (await cookieOf('198.51.100.90')).split(';')[0]!;
    const own = new URL(server.url).origin;
    const otherPort = own.replace(/:\d+$/, ':1');
    const op = { groupKey: 'nosuchgroup', username: 'keksi', displayName: 'K', homeVillage: 'K' };
    const tries: [string, string, string, unknown, Record<string, string>, number, string][] = [
      ['admin API from another site', 'POST', '/api/admin/enrol', op, { cookie, Origin: 'https://evil.example' }, 403, 'srv.crossSite'],
      ['admin API from another port of this host (same-site)', 'POST', '/api/admin/enrol', op, { cookie, Origin: otherPort }, 403, 'srv.crossSite'],
      ['admin API as a form post (text/plain)', 'POST', '/api/admin/enrol', JSON.stringify(op), { cookie, 'Content-Type': 'text/plain' }, 415, 'srv.notJson'],
      ['admin API, Sec-Fetch-Site cross-site', 'POST', '/api/admin/enrol', op, { cookie, 'Sec-Fetch-Site': 'cross-site' }, 403, 'srv.crossSite'],
      ['admin API, Sec-Fetch-Site same-site', 'POST', '/api/admin/enrol', op, { cookie, 'Sec-Fetch-Site': 'same-site' }, 403, 'srv.crossSite'],
      ['claim from another site', 'POST', '/api/account/claim', { name: 'x', code: '1', password: 'xxxxxxxx' }, { Origin: 'https://evil.example' }, 403, 'srv.crossSite'],
      ['sign-in from another site (login CSRF)', 'POST', '/couch/_session', { name: DEMO_USERS.coordinator, password: DEMO_PASSWORD }, { Origin: 'https://evil.example' }, 403, 'srv.crossSite'],
      ['sign-in as a form post', 'POST', '/couch/_session', `name=${DEMO_USERS.coordinator}&password=${DEMO_PASSWORD}`, { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, 'srv.notJson'],
      ['sign-out from another site', 'DELETE', '/couch/_session', undefined, { cookie, Origin: 'https://evil.example' }, 403, 'srv.crossSite'],
      ['a write from another site', 'POST', `/couch/${scope}/_bulk_docs`, { docs: [] }, { cookie, Origin: 'https://evil.example' }, 403, 'srv.crossSite'],
      ['a write as text/plain', 'POST', `/couch/${scope}/_bulk_docs`, JSON.stringify({ docs: [] }), { cookie, 'Content-Type': 'text/plain' }, 415, 'srv.notJson'],
    ];
    for (const [what, method, path, body, headers, status, reason] of tries) {
      const r = await call(method, path, body, { ...from('198.51.100.90'), ...headers });
      expect([r.status, r.body.reason], what).toEqual([status, reason]);
    }
    // The app's own page: same origin, JSON — known as the coordinator, refused only for the group.
    const mine = await call('POST', '/api/admin/enrol', op, { ...from('198.51.100.90'), cookie, Origin: own, 'Sec-Fetch-Site': 'same-origin' });
    expect(mine.status).toBe(403);
    expect(mine.body.reason).toBe('srv.notCoordinator');
  });

  it('makes the session cookie Secure when the proxy in front says the browser came over TLS', async () => {
    expect(await cookieOf('198.51.100.91', { 'X-Forwarded-Proto': 'https' })).toMatch(/;\s*Secure/i);
    expect(await cookieOf('198.51.100.91')).not.toMatch(/;\s*Secure/i);
  });
});

describe('password hashing', () => {
  it('stores passwords as CouchDB 3.5 does: PBKDF2-SHA256, 600,000 iterations', async () => {
    const t0 = performance.now();
    await server.admin.putUser('hashtest', 'hash-test-password', []);
    const setting = performance.now() - t0;
    const doc = await server.admin.ok<{ iterations: number; derived_key: string; password_scheme: string }>('GET', `/_users/${encodeURIComponent('org.couchdb.user:hashtest')}`);
    expect(doc.password_scheme).toBe('pbkdf2');
    expect(doc.iterations).toBe(600_000);
    // SHA-256 gives 32 bytes (SHA-1 gave 20).
    expect(doc.derived_key).toMatch(/^[0-9a-f]{64}$/);
    const t = performance.now();
    expect((await signIn('hashtest', 'hash-test-password', '198.51.100.95')).status).toBe(200);
    const first = performance.now() - t;
    const t2 = performance.now();
    expect((await signIn('hashtest', 'hash-test-password', '198.51.100.95')).status).toBe(200);
    console.log(
      `${server.couch.kind}: setting a password (one hashing) ${setting.toFixed(0)} ms; the first sign-in ${first.toFixed(0)} ms; again ${(performance.now() - t2).toFixed(0)} ms (the servers keep a checked hash a while)`,
    );
  });

  it('on Apache CouchDB, its own lockout only warns (enforced, it would lock a name for everyone behind the gateway)', async () => {
    if (server.couch.kind !== 'couchdb') return;
    expect(await server.admin.ok('GET', '/_node/_local/_config/chttpd_auth_lockout/mode')).toBe('warn');
  });
});

describe('the device secret that wraps a person’s data key on their devices', () => {
  it('is handed only to the account’s own session, the same each time, and differs between accounts', async () => {
    const cookieOf = async (name: string, address: string) => (await signIn(name, DEMO_PASSWORD, address)).headers.get('set-cookie')!.split(';')[0]!;
    const instructorCookie = await cookieOf(instructor, '203.0.113.60');
    const coordinatorCookie = await cookieOf(DEMO_USERS.coordinator, '203.0.113.61');
    const first = await call('POST', '/api/account/device-secret', {}, { Cookie: instructorCookie });
    const again = await call('POST', '/api/account/device-secret', {}, { Cookie: instructorCookie });
    const other = await call('POST', '/api/account/device-secret', {}, { Cookie: coordinatorCookie });
    expect(first.status).toBe(200);
    expect(typeof first.body.secret === 'string' && Buffer.from(first.body.secret, 'base64').length).toBe(32);
    expect(again.body.secret).toBe(first.body.secret);
    expect(other.body.secret).not.toBe(first.body.secret);
    // No session, or a GET a page could be tricked into, gets nothing.
    expect((await call('POST', '/api/account/device-secret', {})).status).toBe(401);
    expect((await call('GET', '/api/account/device-secret', undefined, { Cookie: instructorCookie })).status).toBe(405);
    // Nor does it sit where a member could read it.
    expect((await call('GET', `/couch/polku-server/${encodeURIComponent(`secret:${instructor}`)}`, undefined, { Cookie: instructorCookie })).status).toBeGreaterThanOrEqual(400);
  });
});
