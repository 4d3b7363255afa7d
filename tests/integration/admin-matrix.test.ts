import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { SERVER_DB } from '../../server/server-state.ts';
import { ADMIN_OPERATIONS, type AdminOperation } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { addGroupWithCoordinator } from '../support/attacks.ts';

/**
 * Every admin operation from every kind of person, a coordinator of another group among
 * them (SECURITY.md, "Who may do what"). Each cell gets targets of its own; a refused cell
 * is checked, as server admin, to have changed nothing: the accounts, the relay's state
 * and the databases are read before and after.
 */
let server: TestServer;
const A = DEMO_GROUP_KEY;
const B = 'toinen01';

type Actor = { name: string; what: string; coordinates: string[]; anyCoordinator: boolean };
const ACTORS: Actor[] = [
  { name: DEMO_USERS.coordinator, what: `coordinator of ${A}`, coordinates: [A], anyCoordinator: true },
  { name: DEMO_USERS.instructors[0], what: `instructor of ${A}`, coordinates: [], anyCoordinator: false },
  { name: 'aino', what: `participant of ${A}`, coordinates: [], anyCoordinator: false },
  { name: 'kaisa', what: `coordinator of ${B} only`, coordinates: [B], anyCoordinator: true },
  { name: '', what: 'stranger', coordinates: [], anyCoordinator: false },
];

let serial = 0;
const fresh = () => `adm${String(++serial).padStart(4, '0')}`;

/** Per operation: what the cell sends (its targets made first by a server admin) and whether the actor may (SECURITY.md). */
type Cell = { input: Record<string, unknown>; may: (a: Actor) => boolean };
const CELLS: Record<AdminOperation, () => Promise<Cell>> = {
  createGroup: async () => ({ input: { name: 'Uusi ryhmä', key: fresh() }, may: (a) => a.anyCoordinator }),
  addInstructor: async () => ({ input: { groupKey: A, name: fresh() }, may: (a) => a.coordinates.includes(A) }),
  addCoordinator: async () => ({ input: { groupKey: A, name: fresh() }, may: (a) => a.coordinates.includes(A) }),
  removeStaff: async () => {
    const name = fresh();
    await server.server.accounts.addStaff(A, name, 'instructor');
    return { input: { groupKey: A, name }, may: (a) => a.coordinates.includes(A) };
  },
  enrol: async () => ({ input: { groupKey: A, username: fresh(), displayName: 'Uusi', homeVillage: 'Kylmälä' }, may: (a) => a.coordinates.includes(A) }),
  move: async () => {
    const { participantKey } = await server.server.accounts.enrol(A, { username: fresh(), displayName: 'Siirtyjä', homeVillage: 'Kylmälä' }, DEMO_USERS.coordinator);
    // Nobody here coordinates both groups.
    return { input: { participantKey, toGroup: B }, may: (a) => a.coordinates.includes(A) && a.coordinates.includes(B) };
  },
  end: async () => {
    const { participantKey } = await server.server.accounts.enrol(A, { username: fresh(), displayName: 'Lopettaja', homeVillage: 'Kylmälä' }, DEMO_USERS.coordinator);
    return { input: { participantKey }, may: (a) => a.coordinates.includes(A) };
  },
  erase: async () => {
    const { participantKey } = await server.server.accounts.enrol(A, { username: fresh(), displayName: 'Poistettava', homeVillage: 'Kylmälä' }, DEMO_USERS.coordinator);
    return { input: { participantKey }, may: (a) => a.coordinates.includes(A) };
  },
  resetPassword: async () => ({ input: { groupKey: A, name: DEMO_USERS.instructors[1] }, may: (a) => a.coordinates.includes(A) }),
  cutOff: async () => {
    const name = fresh();
    await server.server.accounts.addStaff(A, name, 'instructor');
    return { input: { groupKey: A, name, reason: 'deviceLost' }, may: (a) => a.coordinates.includes(A) };
  },
  accessLog: async () => {
    const { participantKey } = await server.server.accounts.enrol(A, { username: fresh(), displayName: 'Kysytty', homeVillage: 'Kylmälä' }, DEMO_USERS.coordinator);
    return { input: { participantKey }, may: (a) => a.coordinates.includes(A) };
  },
};

/** What an admin operation can change, as a server admin reads it. */
async function everything() {
  const users = await server.admin.ok<{ rows: { doc: Record<string, unknown> }[] }>('GET', '/_users/_all_docs?include_docs=true');
  // Documents and revisions, not sequences: on a cluster a sequence may be spelled differently by each copy.
  const revs = async (db: string) =>
    (await server.admin.ok<{ rows: { id: string; value: { rev: string } }[] }>('GET', `/${db}/_all_docs`)).rows.map((r) => `${r.id} ${r.value.rev}`).sort();
  return {
    users: users.rows.map((r) => JSON.stringify(r.doc)).sort(),
    // The relay's place in CouchDB's _db_updates moves on with any write anywhere (the setup's too).
    state: (await revs(SERVER_DB)).filter((r) => !r.startsWith('relay-db-updates ')),
    dbs: await server.admin.allDbs(),
    groupA: await revs(`polku-g-${A}`),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await addGroupWithCoordinator(server, B, 'kaisa');
});
afterAll(async () => {
  await server?.stop();
});

describe('admin operations, from every kind of person', () => {
  it('are done only by whom SECURITY.md names, and a refused one changes nothing', async () => {
    const wrong: string[] = [];
    const lines: string[] = [];
    for (const op of Object.keys(ADMIN_OPERATIONS) as AdminOperation[]) {
      const cells: string[] = [];
      for (const a of ACTORS) {
        const cell = await CELLS[op]();
        await server.server.relay.settle(); // what the setup set going is done before anything is compared
        const before = await everything();
        const r = await fetch(`${server.url}/api/admin/${op}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(a.name ? { Authorization: basicAuth(a.name, DEMO_PASSWORD) } : {}) },
          body: JSON.stringify(cell.input),
        });
        const body = (await r.json().catch(() => ({}))) as { reason?: string };
        const done = r.status === 200;
        cells.push(`${a.name || 'stranger'}: ${done ? 'done' : `${r.status} ${body.reason ?? ''}`}`);
        if (done !== cell.may(a)) wrong.push(`${a.what} ${op}: ${done ? 'DONE' : `refused (${body.reason})`}, expected ${cell.may(a) ? 'done' : 'refused'}`);
        if (!done) expect(await everything(), `${a.what} ${op} was refused, yet something changed`).toEqual(before);
      }
      lines.push(`${op.padEnd(15)} ${cells.join(' · ')}`);
    }
    console.log(`Admin operations, through the gateway:\n  ${lines.join('\n  ')}`);
    expect(wrong).toEqual([]);
  });
});
