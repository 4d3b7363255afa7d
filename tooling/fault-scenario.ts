import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../server/demo-data.ts';
import type { CouchAdmin } from '../server/couch-admin.ts';
import { ATTENDANCE_STATUSES, groupScope, sessionId } from '../src/domain/index.ts';
import { openDevice, type Device } from './device.ts';
import { contentOf, countEdits, type FieldEdit, type ServerDoc } from './edit-count.ts';
import { seededRandom, startFaultProxy, type FaultCounts } from './fault-proxy.ts';
import { scenarioDevice, type ScenarioDevice } from './scenario-device.ts';
import { serverKills, type KillPlan } from './server-kills.ts';

/**
 * Two instructors' devices edit the same group through rounds of network faults (a seeded
 * proxy drops, cuts and stalls requests), then the network heals. Every write is checked
 * on the server: nothing lost, nothing duplicated, and both devices equal the server. Every
 * field edit is counted too: after convergence the server holds it, or a later edit of the
 * same field that the merge rule lets win (its greater field clock) — anything else is lost.
 * Optionally the server itself dies too: a process SIGKILLed mid-round and started again on
 * its port and data a few rounds later (server-kills.ts).
 */
export interface FaultReport {
  seed: number;
  rounds: number;
  faults: FaultCounts;
  /** Server processes killed with SIGKILL, each with its round ("round 4: PouchDB Server (pid 1234)"). */
  kills: string[];
  /** Device syncs that failed (the network, or a server that was dead); the next round tries again. */
  syncsFailed: number;
  writes: number;
  /** Documents the writes created (the rest of the writes changed existing ones). */
  created: number;
  /** … of them acknowledged by the server before the network healed. */
  acknowledged: number;
  present: number;
  lost: number;
  /** Field edits made (a session's address, an attendance's status), each with its clock. */
  edits: number;
  /** … present on the server after convergence, or superseded by a later edit the merge rule lets win. */
  editsPresent: number;
  editsSuperseded: number;
  /** … neither: an edit the server lost. */
  editsLost: number;
  duplicated: number;
  divergent: number;
  convergeMs: number;
}

const scope = groupScope(DEMO_GROUP_KEY);
type Doc = ServerDoc & { type?: string; theme?: string };

export type { ScenarioDevice };

/** The app's RxDB (Dexie over an in-memory IndexedDB) and sync engine in Node, as `openDevice` builds them. */
async function nodeDevice(url: string, user: string): Promise<ScenarioDevice & { close(): Promise<void> }> {
  const d: Device = await openDevice(url, user, DEMO_PASSWORD);
  return { ...scenarioDevice({ ...d, scope }), close: () => d.close() };
}

export async function runFaultScenario(opts: {
  serverUrl: string;
  admin: CouchAdmin;
  seed: number;
  rounds: number;
  /** Default: two devices in Node. */
  devices?: (proxyUrl: string) => Promise<(ScenarioDevice & { close(): Promise<void> })[]>;
  /** Server processes to kill during the rounds; none by default. */
  kills?: KillPlan;
}): Promise<FaultReport> {
  // Only the database traffic misbehaves: a browser device loads its page through the proxy.
  const proxy = await startFaultProxy(opts.serverUrl, { seed: opts.seed, faulty: (path) => path.startsWith('/couch/') });
  const random = seededRandom(opts.seed + 1);
  const devices = await (opts.devices ?? (async (url) => [await nodeDevice(url, 'ohjaaja1'), await nodeDevice(url, 'ohjaaja2')]))(proxy.url);
  const created = new Set<string>(); // ids of documents each write meant to exist
  const edits: FieldEdit[] = [];
  /** The field as the device stored it just now: what the server must keep unless a later edit wins. */
  const edited = async (d: ScenarioDevice, id: string, field: string) => {
    const now = await d.field(id, field);
    if (now?.clock) edits.push({ id, field, value: now.value, clock: now.clock });
  };
  let writes = 0;
  let syncsFailed = 0;
  // A random of its own: the writes and network faults stay those of the same seed without kills.
  const kills = serverKills(opts.kills, seededRandom(opts.seed + 2));
  try {
    for (const d of devices) for (let i = 0; i < 20 && !(await d.sync()); i++);
    for (let round = 0; round < opts.rounds; round++) {
      await kills.round(round);
      for (const [n, d] of devices.entries()) {
        const sessions = await d.ids('session');
        const people = await d.ids('participant');
        const roll = random();
        if (roll < 0.3 || sessions.length === 0) {
          const id = sessionId();
          const theme = `kierros ${round} laite ${n}`;
          const ok = await d.createSession({
            id, scope, groupKey: DEMO_GROUP_KEY, date: '2027-01-05', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme,
            instructors: [], capacity: 8, costCents: 33000, status: 'planned',
          });
          if (ok) (created.add(id), writes++);
        } else if (roll < 0.8) {
          const s = sessions[Math.floor(random() * sessions.length)]!;
          const p = people[Math.floor(random() * people.length)]!;
          const status = ATTENDANCE_STATUSES[Math.floor(random() * ATTENDANCE_STATUSES.length)]!;
          const id = await d.markAttendance(s, p, status);
          if (id) (created.add(id), writes++, await edited(d, id, 'status'));
        } else {
          const s = sessions[Math.floor(random() * sessions.length)]!;
          if (await d.editSession(s, { address: `osoite ${round}.${n}` })) (writes++, await edited(d, s, 'address'));
        }
        if (!(await d.sync())) syncsFailed++;
      }
    }
    // Whatever died is back before the network heals.
    await kills.settle();
    const synced = new Set((await Promise.all(devices.map((d) => d.syncedIds()))).flat());
    const acknowledged = [...created].filter((id) => synced.has(id)).length;

    // The network heals: sync until two passes in a row move nothing (on a cluster, a push
    // acknowledged by 2 of 3 copies may reach the copy the next pull reads a moment late).
    proxy.heal();
    const healedAt = Date.now();
    // Converged at the end of the first quiet pass, as measured before the second was asked for.
    let convergedAt = 0;
    let quiet = 0;
    for (let pass = 0; pass < 20 && quiet < 2; pass++) {
      const reports = [];
      for (const d of devices) reports.push(await d.sync());
      const pending = await Promise.all(devices.map((d) => d.count(false)));
      const moved = reports.some((r) => !r || r.pushed > 0 || r.pulled > 0 || r.merged > 0) || pending.some((n) => n > 0);
      quiet = moved ? 0 : quiet + 1;
      if (quiet === 1) convergedAt = Date.now();
      await new Promise((r) => setTimeout(r, 100));
    }
    const convergeMs = (quiet === 2 ? convergedAt : Date.now()) - healedAt;

    const onServer = (await opts.admin.ok<{ rows: { doc: Doc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`)).rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_'));
    const byId = new Map(onServer.map((d) => [d._id, d]));
    const present = [...created].filter((id) => byId.has(id)).length;
    const lost = created.size - present;
    const themeCount = new Map<string, number>();
    for (const d of onServer) if (d.type === 'session' && d.theme?.startsWith('kierros ')) themeCount.set(d.theme, (themeCount.get(d.theme) ?? 0) + 1);
    // Each created session has a theme of its own: the same theme twice is a duplicate.
    const duplicated = [...themeCount.values()].reduce((n, c) => n + (c - 1), 0);
    const counted = countEdits(edits, byId);
    if (process.env.FAULT_DEBUG) for (const e of counted.lost) console.log('EDIT LOST', e, byId.get(e.id)?.clock?.[e.field], byId.get(e.id)?.[e.field]);
    let divergent = 0;
    for (const d of devices) {
      for (const mine of await d.docs()) {
        const server = byId.get(String(mine.id));
        if (!server || contentOf(mine) !== contentOf(server)) {
          divergent++;
          if (process.env.FAULT_DEBUG) console.log('DIVERGENT', contentOf(mine), server && contentOf(server));
        }
      }
    }
    return {
      seed: opts.seed, rounds: opts.rounds, faults: { ...proxy.counts }, kills: [...kills.killed], syncsFailed, writes, created: created.size, acknowledged, present, lost, duplicated, divergent, convergeMs,
      edits: edits.length, editsPresent: counted.present, editsSuperseded: counted.superseded, editsLost: counted.lost.length,
    };
  } finally {
    // A failed run still leaves its server whole for whoever comes next.
    await kills.settle().catch(() => undefined);
    for (const d of devices) await d.close();
    await proxy.close();
  }
}
