import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import type { CouchAdmin } from '../../server/couch-admin.ts';
import { ATTENDANCE_STATUSES, groupScope, sessionId } from '../../src/domain/index.ts';
import { stripLocal } from '../../src/data/local-fields.ts';
import { openDevice, type Device } from './device.ts';
import { seededRandom, startFaultProxy, type FaultCounts } from './fault-proxy.ts';

/**
 * Two instructors' devices edit the same group through rounds of network faults (a seeded
 * proxy drops, cuts and stalls requests), then the network heals. Every write is checked
 * on the server: nothing lost, nothing duplicated, and both devices equal the server.
 */
export interface FaultReport {
  seed: number;
  rounds: number;
  faults: FaultCounts;
  writes: number;
  acknowledged: number;
  present: number;
  lost: number;
  duplicated: number;
  divergent: number;
  convergeMs: number;
}

const scope = groupScope(DEMO_GROUP_KEY);
type Doc = Record<string, unknown> & { _id: string; type?: string; theme?: string };

const content = (doc: Record<string, unknown>) => {
  const { _id, _rev, _revisions, id, ...rest } = doc;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
};

export async function runFaultScenario(opts: { serverUrl: string; admin: CouchAdmin; seed: number; rounds: number }): Promise<FaultReport> {
  const proxy = await startFaultProxy(opts.serverUrl, { seed: opts.seed });
  const random = seededRandom(opts.seed + 1);
  const devices: Device[] = [await openDevice(proxy.url, 'ohjaaja1', DEMO_PASSWORD), await openDevice(proxy.url, 'ohjaaja2', DEMO_PASSWORD)];
  const created = new Set<string>(); // ids of documents each write meant to exist
  let writes = 0;
  const trySync = async (d: Device) => d.engine.syncScope(scope).catch(() => undefined);
  try {
    for (const d of devices) for (let i = 0; i < 20 && !(await trySync(d)); i++);
    for (let round = 0; round < opts.rounds; round++) {
      for (const [n, d] of devices.entries()) {
        const sessions = await d.db.docs.find({ selector: { type: 'session', scope } }).exec();
        const people = await d.db.docs.find({ selector: { type: 'participant', scope } }).exec();
        const roll = random();
        if (roll < 0.3 || sessions.length === 0) {
          const id = sessionId();
          const theme = `kierros ${round} laite ${n}`;
          const r = await d.store.create('session', {
            id, scope, groupKey: DEMO_GROUP_KEY, date: '2027-01-05', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme,
            instructors: [], capacity: 8, costCents: 33000, status: 'planned',
          });
          if (r.ok) (created.add(id), writes++);
        } else if (roll < 0.8) {
          const s = sessions[Math.floor(random() * sessions.length)]!;
          const p = people[Math.floor(random() * people.length)]!;
          const status = ATTENDANCE_STATUSES[Math.floor(random() * ATTENDANCE_STATUSES.length)]!;
          const r = await d.store.markAttendance(scope, s.get('id'), p.get('id'), status);
          if (r.ok) (created.add(r.value.id), writes++);
        } else {
          const s = sessions[Math.floor(random() * sessions.length)]!;
          const r = await d.store.edit('session', scope, s.get('id'), { address: `osoite ${round}.${n}` });
          if (r.ok) writes++;
        }
        await trySync(d);
      }
    }
    const acknowledged = (await Promise.all(devices.map((d) => d.db.docs.count({ selector: { scope, syncState: 'synced' } }).exec()))).reduce((a, b) => a + b, 0);

    // The network heals: sync until nothing moves.
    proxy.heal();
    const healedAt = Date.now();
    for (let pass = 0; pass < 10; pass++) {
      const reports = [];
      for (const d of devices) reports.push(await d.engine.syncScope(scope));
      const pending = await Promise.all(devices.map((d) => d.db.docs.count({ selector: { scope, syncState: { $ne: 'synced' } } }).exec()));
      if (reports.every((r) => r.pushed === 0 && r.pulled === 0 && r.merged === 0) && pending.every((n) => n === 0)) break;
    }
    const convergeMs = Date.now() - healedAt;

    const onServer = (await opts.admin.ok<{ rows: { doc: Doc }[] }>('GET', `/${scope}/_all_docs?include_docs=true`)).rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_'));
    const byId = new Map(onServer.map((d) => [d._id, d]));
    const present = [...created].filter((id) => byId.has(id)).length;
    const lost = created.size - present;
    const themeCount = new Map<string, number>();
    for (const d of onServer) if (d.type === 'session' && d.theme?.startsWith('kierros ')) themeCount.set(d.theme, (themeCount.get(d.theme) ?? 0) + 1);
    // Each created session has a theme of its own: the same theme twice is a duplicate.
    const duplicated = [...themeCount.values()].reduce((n, c) => n + (c - 1), 0);
    let divergent = 0;
    for (const d of devices) {
      for (const local of await d.db.docs.find({ selector: { scope } }).exec()) {
        const server = byId.get(local.get('id'));
        const mine = stripLocal(local.toJSON() as never) as Record<string, unknown>;
        if (!server || content(mine) !== content(server)) {
          divergent++;
          if (process.env.FAULT_DEBUG) console.log('DIVERGENT', local.get('syncState'), content(mine), server && content(server));
        }
      }
    }
    return { seed: opts.seed, rounds: opts.rounds, faults: { ...proxy.counts }, writes, acknowledged, present, lost, duplicated, divergent, convergeMs };
  } finally {
    for (const d of devices) await d.close();
    await proxy.close();
  }
}
