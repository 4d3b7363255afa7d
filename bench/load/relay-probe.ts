/**
 * Relay latency, one write at a time: an instructor's device (the app's Store and sync
 * engine) writes a session into its group and pushes it through the gateway; the session
 * is for everyone in the group, so the relay copies it into each participant's database.
 * Each participant database is watched with a long-polling `_changes` read for that one
 * document (opened before the write: no polling load), and the time is from the push's
 * start to the moment the last of them has it.
 */
import type { CouchAdmin } from '../../server/couch-admin.ts';
import { sessionId } from '../../src/domain/doc-types/session.ts';
import { participantScope } from '../../src/wire/scopes.ts';
import type { Device } from '../../tooling/device.ts';
import type { LoadGroup } from './fleet.ts';

export interface RelaySample {
  /** Push start → the last participant database has it. */
  ms: number;
  /** Push start → the gateway acknowledged the write. */
  writeMs: number;
  /** A participant database that did not get it within the timeout. */
  timedOut: boolean;
}

const TIMEOUT_MS = 30_000;

/** Resolves with the time (performance.now) when `db` has a change for `id`, or undefined at the timeout. */
async function arrival(admin: CouchAdmin, db: string, id: string): Promise<number | undefined> {
  const q = new URLSearchParams({ feed: 'longpoll', since: 'now', timeout: String(TIMEOUT_MS), filter: '_doc_ids', doc_ids: JSON.stringify([id]) });
  const r = await admin.request<{ results: unknown[] }>('GET', `/${db}/_changes?${q}`);
  return r.status === 200 && r.body.results.length > 0 ? performance.now() : undefined;
}

export async function relaySample(admin: CouchAdmin, device: Device, group: LoadGroup): Promise<RelaySample> {
  const id = sessionId();
  const targets = group.participants.map((p) => participantScope(p.slice('participant:'.length)));
  const watching = Promise.all(targets.map((db) => arrival(admin, db, id)));
  // The long polls must be open (their `since=now` taken) before anything can arrive.
  await new Promise((r) => setTimeout(r, 200));
  const made = await device.store.create('session', {
    id, scope: group.scope, groupKey: group.key, date: '2027-04-06', startTime: '10:00', endTime: '12:00', village: 'Ahola', theme: 'viiveen mittaus',
    instructors: [], capacity: 8, costCents: 0, status: 'planned',
  });
  if (!made.ok) throw new Error(`the probe's session was not stored: ${JSON.stringify(made.problems)}`);
  const start = performance.now();
  const pushed = await device.engine.syncScope(group.scope, undefined, { pull: false });
  const acked = performance.now();
  if (pushed.pushed !== 1) throw new Error(`the probe's session was not accepted (pushed ${pushed.pushed}, refused ${pushed.refused})`);
  const arrived = await watching;
  const timedOut = arrived.some((t) => t === undefined);
  const last = Math.max(...arrived.map((t) => t ?? start + TIMEOUT_MS));
  return { ms: last - start, writeMs: acked - start, timedOut };
}
