import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo-data.ts';
import { DOC_TYPE_SPECS, type DocType, type DocTypeSpec, type RoleKind } from '../../src/domain/index.ts';
import { groupScope, participantScope } from '../../src/wire/scopes.ts';
import { couchExampleOf } from '../../tooling/doc-examples.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';
import { addGroupWithCoordinator } from '../support/attacks.ts';

/**
 * Who may read and write what, tried through the gateway as each kind of person against
 * each kind of database, for every document type the registry has: what is expected is
 * derived from the types' descriptors and the people's memberships, never listed by hand.
 * Prints the matrix; every refused write is checked, as server admin, to have changed nothing.
 */
let server: TestServer;
const OTHER_GROUP = 'toinen01';
const AINO = DEMO_USERS.participants.aino;
const EERO = DEMO_USERS.participants.eero;

type Actor = { name: string; kind: RoleKind | 'stranger'; groups: string[]; self?: string };
const ACTORS: Actor[] = [
  { name: DEMO_USERS.coordinator, kind: 'coordinator', groups: [DEMO_GROUP_KEY] },
  { name: DEMO_USERS.instructors[0], kind: 'instructor', groups: [DEMO_GROUP_KEY] },
  { name: 'aino', kind: 'participant', groups: [], self: AINO },
  { name: 'kaisa', kind: 'coordinator', groups: [OTHER_GROUP] },
  { name: '', kind: 'stranger', groups: [] },
];
const label = (a: Actor) => (a.name ? `${a.name} (${a.kind}${a.groups.length ? ` of ${a.groups.join()}` : ''})` : 'stranger');

type Db = { name: string; group: string; participant?: string };
const DBS: Db[] = [
  { name: groupScope(DEMO_GROUP_KEY), group: DEMO_GROUP_KEY },
  { name: groupScope(OTHER_GROUP), group: OTHER_GROUP },
  { name: participantScope(AINO), group: DEMO_GROUP_KEY, participant: AINO },
  { name: participantScope(EERO), group: DEMO_GROUP_KEY, participant: EERO },
];

const OPERATIONS = ['create', 'edit', 'delete'] as const;
type Operation = (typeof OPERATIONS)[number];

const isStaffOf = (a: Actor, db: Db) => (a.kind === 'coordinator' || a.kind === 'instructor') && a.groups.includes(db.group);
const mayRead = (a: Actor, db: Db) => isStaffOf(a, db) || (db.participant !== undefined && a.self === db.participant);

/** What the descriptors say: staff write the staff's types in their group's database; a participant writes their own types, about themselves, in theirs; append-only is never changed; participants delete nothing, and nobody what only the server deletes. */
function mayWrite(a: Actor, db: Db, spec: DocTypeSpec, op: Operation): boolean {
  if (op !== 'create' && spec.appendOnly) return false;
  if (op === 'delete' && spec.deletedByServerOnly) return false;
  if (db.participant === undefined) return isStaffOf(a, db) && spec.writers.includes(a.kind as RoleKind);
  return a.self === db.participant && spec.writers.includes('participant') && op !== 'delete';
}

const headersOf = (a: Actor) => ({ 'Content-Type': 'application/json', ...(a.name ? { Authorization: basicAuth(a.name, DEMO_PASSWORD) } : {}) });
let serial = 0;
/** A fresh key for each cell, so no two cells touch one document. */
const nextKey = () => `m${String(++serial).padStart(5, '0')}`;

/** The example document as `a` would write it into `db`, in CouchDB's form. */
function docFor(type: DocType, a: Actor, db: Db) {
  const key = nextKey();
  return couchExampleOf(type, {
    scope: db.name,
    by: a.name || 'nobody',
    at: new Date().toISOString(),
    groupKey: type === 'group' ? key : db.group,
    session: `session:${key}`,
    participant: `participant:${db.participant ?? AINO}`,
    key,
  });
}

async function heldRev(db: string, id: string) {
  const r = await server.admin.request<{ _rev?: string }>('GET', `/${db}/${encodeURIComponent(id)}`);
  return r.status === 200 ? r.body._rev : undefined;
}

/** One write of `doc`; true when the server took it. A refused one is checked to have changed nothing. */
async function tryWrite(a: Actor, db: Db, doc: ReturnType<typeof docFor>, op: Operation): Promise<boolean> {
  const path = `/${db.name}/${encodeURIComponent(doc._id)}`;
  // The organisation's id is fixed: a create needs it absent.
  if (op === 'create') {
    const rev = await heldRev(db.name, doc._id);
    if (rev) await server.admin.request('DELETE', `${path}?rev=${rev}`);
  } else {
    await server.admin.put(db.name, doc);
  }
  const before = await heldRev(db.name, doc._id);
  // As the app writes: a batch of one.
  const sent = op === 'delete' ? { _id: doc._id, _rev: before, _deleted: true } : { ...doc, ...(before ? { _rev: before, updatedAt: new Date(Date.now() + 1000).toISOString() } : {}) };
  const r = await fetch(`${server.url}/couch/${db.name}/_bulk_docs`, { method: 'POST', headers: headersOf(a), body: JSON.stringify({ docs: [sent] }) });
  const rows: unknown = await r.json().catch(() => null);
  const took = r.status < 300 && Array.isArray(rows) && rows.length === 1 && (rows[0] as { ok?: boolean }).ok === true;
  if (!took) expect(await heldRev(db.name, doc._id), `${label(a)} ${op} ${doc.type} in ${db.name}: refused, yet changed`).toBe(before);
  return took;
}

beforeAll(async () => {
  server = await startTestServer();
  await addGroupWithCoordinator(server, OTHER_GROUP, 'kaisa');
});
afterAll(async () => {
  await server?.stop();
});

describe('who may read and write what, by the registry', () => {
  it('lets each person read exactly the databases their memberships give', async () => {
    const rows: string[] = [];
    const wrong: string[] = [];
    for (const a of ACTORS) {
      const cells: string[] = [];
      for (const db of DBS) {
        const r = await fetch(`${server.url}/couch/${db.name}/_all_docs?limit=1`, { headers: headersOf(a) });
        await r.body?.cancel();
        // And by the route PouchDB's replication reads documents with.
        const bulk = await fetch(`${server.url}/couch/${db.name}/_bulk_get`, { method: 'POST', headers: headersOf(a), body: JSON.stringify({ docs: [{ id: `group:${db.group}` }] }) });
        await bulk.body?.cancel();
        const read = r.status === 200;
        cells.push(`${db.name}: ${read ? 'reads' : 'refused'}`);
        if (read !== mayRead(a, db)) wrong.push(`${label(a)} ${read ? 'read' : 'could not read'} ${db.name}`);
        if ((bulk.status === 200) !== mayRead(a, db)) wrong.push(`${label(a)} ${bulk.status === 200 ? 'read' : 'could not read'} ${db.name} with _bulk_get`);
      }
      rows.push(`${label(a)}\n    ${cells.join('\n    ')}`);
    }
    console.log(`Reading, through the gateway:\n  ${rows.join('\n  ')}`);
    expect(wrong).toEqual([]);
  });

  it('lets each person create, edit and delete exactly what the descriptors give them, and nothing refused changes anything', async () => {
    const wrong: string[] = [];
    const lines: string[] = [];
    for (const spec of DOC_TYPE_SPECS) {
      for (const op of OPERATIONS) {
        const cells = ACTORS.flatMap((a) => DBS.map((db) => ({ a, db, doc: docFor(spec.name, a, db), took: false })));
        // Cells on different documents side by side: one by one, every type's 60 cells on a
        // cluster outlast the test's time. Cells on one document (the organisation's id is
        // fixed) one after another.
        const byDoc = new Map<string, typeof cells>();
        for (const c of cells) {
          const key = `${c.db.name}/${c.doc._id}`;
          byDoc.set(key, [...(byDoc.get(key) ?? []), c]);
        }
        await Promise.all([...byDoc.values()].map(async (sameDoc) => {
          for (const cell of sameDoc) cell.took = await tryWrite(cell.a, cell.db, cell.doc, op);
        }));
        const allowed: string[] = [];
        for (const { a, db, took } of cells) {
          const expected = mayWrite(a, db, spec, op);
          if (took) allowed.push(`${a.name || 'stranger'}@${db.name}`);
          if (took !== expected) wrong.push(`${label(a)} ${op} ${spec.name} in ${db.name}: ${took ? 'ALLOWED' : 'refused'}, expected ${expected ? 'allowed' : 'refused'}`);
        }
        lines.push(`${spec.name.padEnd(12)} ${op.padEnd(6)} ${allowed.length ? allowed.join(', ') : '(nobody)'}`);
      }
    }
    console.log(`Writing, through the gateway (who may, of ${ACTORS.length} people × ${DBS.length} databases):\n  ${lines.join('\n  ')}`);
    expect(wrong).toEqual([]);
  });

  it("lets nobody write the server's own documents in a scope database: design documents, _local ones, forged ones", async () => {
    const allowed: string[] = [];
    for (const a of ACTORS) {
      for (const db of DBS) {
        const attempts: [string, string, string, unknown][] = [
          ['design document', 'POST', `/${db.name}/_bulk_docs`, { docs: [{ _id: '_design/mine', validate_doc_update: 'function () {}' }] }],
          ['_local document', 'PUT', `/${db.name}/_local/polku-home`, { groupKey: OTHER_GROUP }],
          ['replicated revision', 'POST', `/${db.name}/_bulk_docs`, { new_edits: false, docs: [{ ...docFor('session', a, db), _rev: '9-abc' }] }],
        ];
        for (const [what, method, path, body] of attempts) {
          const r = await fetch(`${server.url}/couch${path}`, { method, headers: headersOf(a), body: JSON.stringify(body) });
          const rows: unknown = await r.json().catch(() => null);
          const took = r.status < 300 && (!Array.isArray(rows) || rows.some((row: { error?: string }) => !row.error));
          if (took) allowed.push(`${label(a)}: ${what} in ${db.name}`);
        }
      }
    }
    expect(allowed).toEqual([]);
  });
});
