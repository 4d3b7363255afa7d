import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../server/demo-data.ts';
import type { CouchAdmin } from '../server/couch-admin.ts';
import { ofKind } from '../src/data/local-records.ts';
import { CouchClient, type CouchDoc } from '../src/data/sync/couch-client.ts';
import { applyEdit, groupScope, mergeFields, sessionId, type Clocked } from '../src/domain/index.ts';
import { fromCouch } from '../src/wire/couch.ts';
import { openDevice, type Device } from './device.ts';
import { exampleOf } from './doc-examples.ts';
import { contentOf, countEdits, type FieldEdit, type ServerDoc } from './edit-count.ts';
import { seededRandom } from './fault-proxy.ts';
import { scenarioDevice, type ScenarioDevice } from './scenario-device.ts';
import { basicAuth } from './test-server.ts';

/**
 * Two app versions on one group, round after round (the long form of
 * tests/integration/app-versions.test.ts). Two devices run this version (the app's Store and
 * sync engine in Node); a third runs a newer one that adds fields to a session (the same
 * schema version) and writes some sessions in a newer schema version. Each round some of them
 * edit shared sessions offline — this version the fields it knows, the newer one its added
 * fields and sometimes a known one — and some sync, in a random order. After convergence every
 * field edit of either version is on the server or superseded by a later one the merge rule
 * lets win, the newer schema's documents are on the server as the newer version wrote them and
 * set aside (quarantined) on every older device, and the older devices equal the server.
 */
export interface VersionsReport {
  seed: number;
  rounds: number;
  /** Writes acknowledged by the device that made them (stored there, or by the server for the newer schema's). */
  writes: number;
  /** Syncs that failed; nothing here makes one fail. */
  syncsFailed: number;
  /** Documents the server refused in a sync (each time): the edits in them reach it only with a later write, if any. */
  refused: number;
  /** Documents created (sessions by both versions, the newer schema's by the newer one) … */
  created: number;
  /** … of them on the server after convergence. */
  present: number;
  duplicated: number;
  /** Field edits made by this version's devices (known fields) and by the newer one (its added fields, some known ones). */
  olderEdits: number;
  newerEdits: number;
  editsPresent: number;
  editsSuperseded: number;
  editsLost: number;
  /** Lost edits of a field only the newer version knows. */
  newerFieldsLost: number;
  /** Documents of the newer schema version (created or edited by the newer one) … */
  reshaped: number;
  reshapedWrites: number;
  /** … not on the server as the newer version last wrote them (revision and content). */
  reshapedWrittenOver: number;
  /** Quarantine records on the older devices for them, at the server's revision … */
  quarantined: number;
  /** … missing, behind the server, or the document among the device's own. */
  notQuarantined: number;
  /** Quarantine records on the older devices of documents the server holds in this schema version. */
  otherQuarantined: number;
  /** Documents on a device unlike the server's, or a session of the scenario missing there. */
  differing: number;
  convergeMs: number;
}

const scope = groupScope(DEMO_GROUP_KEY);
const NEWER_USER = 'ohjaaja2';
/** Its field clocks' device: the same person's new tablet, beside the older phone `ohjaaja2-device`. */
const NEWER_DEVICE = 'ohjaaja2-uusi-tabletti';
/** The fields the newer version adds to a session. */
export const ADDED_FIELDS = ['rideNote', 'shelter'];
/** Demo sessions every device edits, for edits to meet; the scenario's own sessions join them. */
const SHARED_FROM_DEMO = 4;

type Editable = Clocked & Record<string, unknown> & { id: string };
const editable = (raw: CouchDoc) => fromCouch(raw) as Editable;
const toCouchDoc = ({ id, ...rest }: Editable, rev?: string): CouchDoc => ({ _id: id, ...(rev ? { _rev: rev } : {}), ...rest });

/**
 * The newer version on ohjaaja2's tablet, as far as the scenario needs it: its copies of the
 * group's sessions, edited with field clocks of its own and sent through the gateway under the
 * server's rules; a conflict merged field by field by the same rule. Its newer-schema
 * documents go in as the newer server rules would let them: written as the admin, as
 * app-versions.test.ts does (this version's rules refuse schemaVersion 2).
 */
function newerDevice(serverUrl: string, admin: CouchAdmin) {
  const client = new CouchClient({ baseUrl: `${serverUrl}/couch`, headers: { Authorization: basicAuth(NEWER_USER, DEMO_PASSWORD) } });
  const copies = new Map<string, { doc: Editable; rev?: string; pending: boolean }>();
  /** Newer-schema documents as last written: what the server must still hold. */
  const reshaped = new Map<string, { doc: Editable; rev: string }>();
  let since = '0';

  const receive = (raw: CouchDoc) => {
    const theirs = editable(raw);
    const mine = copies.get(theirs.id);
    if (!mine?.pending) copies.set(theirs.id, { doc: theirs, rev: raw._rev, pending: false });
    else if (mine.rev !== raw._rev) {
      // The server's creator stays the creator, and the write is the newer version's own (the server insists on both).
      const merged = { ...mergeFields(mine.doc, theirs), createdAt: theirs.createdAt, createdBy: theirs.createdBy, updatedBy: NEWER_USER };
      copies.set(theirs.id, { doc: merged, rev: raw._rev, pending: true });
    }
  };

  async function push(): Promise<{ pushed: number; merged: number; refused: number }> {
    let pushed = 0;
    let merged = 0;
    let refused = 0;
    for (let pass = 0; pass < 5; pass++) {
      const pending = [...copies.values()].filter((c) => c.pending);
      if (pending.length === 0) break;
      for (const r of await client.bulkDocs(scope, pending.map((c) => toCouchDoc(c.doc, c.rev)))) {
        const copy = copies.get(r.id)!;
        if (r.ok && r.rev) {
          copy.rev = r.rev;
          copy.pending = false;
          pushed++;
        } else if (r.error === 'conflict') {
          const theirs = await client.getDoc(scope, r.id);
          if (theirs) {
            receive(theirs);
            merged++;
          }
        } else {
          // Kept here as it was, as the app keeps a refused document: the server's copy goes on without it.
          copy.pending = false;
          refused++;
          if (process.env.VERSIONS_DEBUG) console.log('NEWER REFUSED', r);
        }
      }
    }
    return { pushed, merged, refused };
  }

  async function pull(): Promise<number> {
    let pulled = 0;
    for (;;) {
      const page = await client.changes(scope, since, 500);
      for (const change of page.results) {
        const doc = change.doc;
        // Only the sessions of this schema version are its copies; its newer ones it writes alone.
        if (doc && !doc._deleted && doc.type === 'session' && doc.schemaVersion === 1) receive(doc);
      }
      pulled += page.results.length;
      since = String(page.last_seq);
      if (page.results.length < 500) return pulled;
    }
  }

  /** The edit as stored here, one FieldEdit per field it changed. */
  function edit(id: string, patch: Record<string, unknown>): FieldEdit[] {
    const copy = copies.get(id)!;
    const before = copy.doc.clock;
    copy.doc = applyEdit(copy.doc, patch, { user: NEWER_USER, device: NEWER_DEVICE, now: new Date() });
    copy.pending = true;
    return Object.keys(patch).flatMap((field) => {
      const clock = copy.doc.clock[field];
      return clock && clock !== before[field] ? [{ id, field, value: copy.doc[field], clock }] : [];
    });
  }

  const newSession = (theme: string): Editable => {
    const at = new Date().toISOString();
    return { ...(exampleOf('session', { scope, session: sessionId(), by: NEWER_USER, at, groupKey: DEMO_GROUP_KEY }) as Editable), theme, date: '2027-01-05' };
  };

  return {
    sessions: () => [...copies.keys()],
    copies: () => [...copies.values()].map((c) => toCouchDoc(c.doc)),
    reshaped,
    edit,
    create(theme: string): string {
      const doc = newSession(theme);
      copies.set(doc.id, { doc, pending: true });
      return doc.id;
    },
    /** A session in the newer schema: its times one object instead of two fields. */
    async createReshaped(theme: string): Promise<string> {
      const { startTime, endTime, ...rest } = newSession(theme);
      const doc: Editable = { ...rest, schemaVersion: 2, times: { start: startTime, end: endTime } };
      const { rev } = await admin.ok<{ rev: string }>('PUT', `/${scope}/${encodeURIComponent(doc.id)}`, toCouchDoc(doc));
      reshaped.set(doc.id, { doc, rev });
      return doc.id;
    },
    async editReshaped(id: string, patch: Record<string, unknown>) {
      const last = reshaped.get(id)!;
      const doc = applyEdit(last.doc, patch, { user: NEWER_USER, device: NEWER_DEVICE, now: new Date() });
      const { rev } = await admin.ok<{ rev: string }>('PUT', `/${scope}/${encodeURIComponent(id)}`, toCouchDoc(doc, last.rev));
      reshaped.set(id, { doc, rev });
    },
    async sync(): Promise<{ pushed: number; pulled: number; merged: number; refused: number } | undefined> {
      try {
        const pushed = await push();
        return { ...pushed, pulled: await pull() };
      } catch (error) {
        if (process.env.VERSIONS_DEBUG) console.log('NEWER SYNC FAILED', error);
        return undefined;
      }
    },
    pending: () => [...copies.values()].filter((c) => c.pending).length,
  };
}

type OlderDevice = ScenarioDevice & { device: Device };

async function olderDevice(url: string, user: string): Promise<OlderDevice> {
  const device = await openDevice(url, user, DEMO_PASSWORD);
  return { ...scenarioDevice({ ...device, scope }), device };
}

export async function runVersionsScenario(opts: { serverUrl: string; admin: CouchAdmin; seed: number; rounds: number }): Promise<VersionsReport> {
  const random = seededRandom(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const older = [await olderDevice(opts.serverUrl, 'ohjaaja1'), await olderDevice(opts.serverUrl, 'ohjaaja2')];
  const newer = newerDevice(opts.serverUrl, opts.admin);
  const created = new Set<string>();
  const edits: (FieldEdit & { by: 'older' | 'newer' })[] = [];
  let writes = 0;
  let syncsFailed = 0;
  let reshapedWrites = 0;
  // Each created session's theme names its run, round and device: the same theme twice is a duplicate.
  const themed = `versiot ${Date.now().toString(36)} `;
  try {
    const all = await opts.admin.ok<{ rows: { id: string; doc: ServerDoc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`);
    const shared = new Set(all.rows.filter((r) => r.doc.type === 'session' && r.doc.schemaVersion === 1).map((r) => r.id).sort().slice(0, SHARED_FROM_DEMO));
    let refused = 0;
    const syncers = [...older.map((d) => () => d.sync()), () => newer.sync()].map((sync) => async () => {
      const r = await sync();
      if (r) refused += r.refused;
      else syncsFailed++;
      return r;
    });
    for (const s of syncers) await s();

    const olderTurn = async (d: OlderDevice, n: number, round: number) => {
      const known = (await d.ids('session')).filter((id) => shared.has(id));
      if (random() < 0.1 || known.length === 0) {
        const id = sessionId();
        const ok = await d.createSession({
          id, scope, groupKey: DEMO_GROUP_KEY, date: '2027-01-05', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme: `${themed}${round}.${n}`,
          instructors: [], capacity: 8, costCents: 33000, status: 'planned',
        });
        if (ok) (created.add(id), shared.add(id), writes++);
        return;
      }
      const id = pick(known);
      const field = random() < 0.6 ? 'address' : 'capacity';
      const value = field === 'address' ? `osoite ${round}.${n}` : 1 + Math.floor(random() * 100);
      const before = await d.field(id, field);
      if (!(await d.editSession(id, { [field]: value }))) return;
      writes++;
      const now = await d.field(id, field);
      if (now?.clock && now.clock !== before?.clock) edits.push({ id, field, value: now.value, clock: now.clock, by: 'older' });
    };

    const newerTurn = async (round: number) => {
      const roll = random();
      const known = newer.sessions().filter((id) => shared.has(id));
      // Its first turn writes the newer schema, so that even a short run has some.
      if (roll < 0.06 || newer.reshaped.size === 0) {
        created.add(await newer.createReshaped(`${themed}${round}.uusi`));
        (writes++, reshapedWrites++);
      } else if (roll < 0.12 && newer.reshaped.size > 0) {
        await newer.editReshaped(pick([...newer.reshaped.keys()]), { rideNote: `uusi muoto ${round}` });
        (writes++, reshapedWrites++);
      } else if (roll < 0.18 || known.length === 0) {
        const id = newer.create(`${themed}${round}.uusi`);
        (created.add(id), shared.add(id), writes++);
      } else {
        const patch =
          roll < 0.35 ? { address: `uusi osoite ${round}` }
          : roll < 0.7 ? { rideNote: `kyyti ${round}` }
          : { shelter: { indoor: random() < 0.5, note: `katos ${round}` } };
        const made = newer.edit(pick(known), patch);
        if (made.length) (writes++, edits.push(...made.map((e) => ({ ...e, by: 'newer' as const }))));
      }
    };

    for (let round = 0; round < opts.rounds; round++) {
      for (const [n, d] of older.entries()) if (random() < 0.7) await olderTurn(d, n, round);
      if (random() < 0.7) await newerTurn(round);
      // Some sync, in a random order; the others stay offline with what they wrote.
      const order = syncers.map((s) => ({ s, key: random() })).sort((a, b) => a.key - b.key);
      for (const { s } of order) if (random() < 0.6) await s();
    }

    // Everyone online: sync until two passes in a row move nothing (on a cluster, a write
    // may reach a later read a moment late).
    const startedAt = Date.now();
    for (let pass = 0, quiet = 0; pass < 20 && quiet < 2; pass++) {
      const reports = [];
      for (const s of syncers) reports.push(await s());
      const pending = (await Promise.all(older.map((d) => d.count(false)))).reduce((a, b) => a + b, 0) + newer.pending();
      const moved = reports.some((r) => !r || r.pushed > 0 || r.pulled > 0 || r.merged > 0);
      quiet = moved || pending > 0 ? 0 : quiet + 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    const convergeMs = Date.now() - startedAt;

    const onServer = (await opts.admin.ok<{ rows: { doc: ServerDoc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`)).rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_'));
    const byId = new Map(onServer.map((d) => [d._id, d]));
    const counted = countEdits(edits, byId);
    if (process.env.VERSIONS_DEBUG) for (const e of counted.lost) console.log('EDIT LOST', e, byId.get(e.id)?.clock?.[e.field], byId.get(e.id)?.[e.field]);

    const themes = new Map<string, number>();
    for (const d of onServer) if (typeof d.theme === 'string' && d.theme.startsWith(themed)) themes.set(d.theme, (themes.get(d.theme) ?? 0) + 1);
    const duplicated = [...themes.values()].reduce((n, c) => n + (c - 1), 0);

    let reshapedWrittenOver = 0;
    for (const [id, last] of newer.reshaped) {
      const server = byId.get(id);
      if (server?._rev !== last.rev || contentOf(server) !== contentOf(toCouchDoc(last.doc))) reshapedWrittenOver++;
    }

    let quarantined = 0;
    let notQuarantined = 0;
    let otherQuarantined = 0;
    let differing = 0;
    const differs = (what: string, mine: Record<string, unknown>, server?: ServerDoc) => {
      if (server && contentOf(mine) === contentOf(server)) return;
      differing++;
      if (process.env.VERSIONS_DEBUG) console.log('DIFFERING', what, contentOf(mine), server && contentOf(server));
    };
    for (const [n, d] of older.entries()) {
      const records = (await d.device.db.local.find({ selector: { kind: 'quarantine' } }).exec()).flatMap((r) => ofKind('quarantine', r.toMutableJSON()));
      const docs = await d.docs();
      const ids = new Set(docs.map((doc) => String(doc.id)));
      for (const [id, last] of newer.reshaped) {
        if (!ids.has(id) && records.some((q) => q.scope === scope && q.docId === id && q.rev === last.rev)) quarantined++;
        else notQuarantined++;
      }
      otherQuarantined += records.filter((q) => byId.get(q.docId)?.schemaVersion === 1).length;
      for (const mine of docs) differs(`older ${n}`, mine, byId.get(String(mine.id)));
      // Every session the scenario wrote reached each older device.
      for (const id of shared) {
        if (ids.has(id)) continue;
        differing++;
        if (process.env.VERSIONS_DEBUG) console.log('MISSING', `older ${n}`, id);
      }
    }
    for (const copy of newer.copies()) differs('newer', copy, byId.get(copy._id));

    return {
      seed: opts.seed, rounds: opts.rounds, writes, syncsFailed, refused,
      created: created.size, present: [...created].filter((id) => byId.has(id)).length, duplicated,
      olderEdits: edits.filter((e) => e.by === 'older').length, newerEdits: edits.filter((e) => e.by === 'newer').length,
      editsPresent: counted.present, editsSuperseded: counted.superseded, editsLost: counted.lost.length,
      newerFieldsLost: counted.lost.filter((e) => ADDED_FIELDS.includes(e.field)).length,
      reshaped: newer.reshaped.size, reshapedWrites, reshapedWrittenOver, quarantined, notQuarantined, otherQuarantined, differing, convergeMs,
    };
  } finally {
    for (const d of older) await d.device.close();
  }
}
