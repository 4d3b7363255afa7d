/**
 * One syncing device of the load: the app's own RxDB, Store, sync engine and scheduler
 * (tooling/device.ts, a session cookie of its own), doing what an instructor does at a
 * session — the session, everyone's attendance, a note — and then a sync round as the app
 * runs it (the sync check, what waits pushed, changed scopes pulled). Every request is
 * timed to the end of its answer and its status counted.
 */
import { scopesOf } from '../../src/domain/roles.ts';
import { noteId } from '../../src/domain/doc-types/note.ts';
import { sessionId } from '../../src/domain/doc-types/session.ts';
import { SyncScheduler } from '../../src/data/sync/scheduler.ts';
import { sessionCheck } from '../../src/data/sync/session-check.ts';
import { openDevice, type Device } from '../../tooling/device.ts';

/** What the devices of one worker measured in a window. */
export interface LoadStats {
  /** Each request's time to the end of its answer, ms. */
  latencies: number[];
  /** Answers by status; `failed` counts requests that got none (refused connection, reset, timeout). */
  statuses: Record<string, number>;
  failed: number;
  rounds: number;
  roundMs: number[];
  /** Rounds the scheduler ended in error, by the error it shows the person. */
  failedRounds: Record<string, number>;
  docsWritten: number;
}

export const emptyStats = (): LoadStats => ({ latencies: [], statuses: {}, failed: 0, rounds: 0, roundMs: [], failedRounds: {}, docsWritten: 0 });

export function mergeStats(all: LoadStats[]): LoadStats {
  const out = emptyStats();
  for (const s of all) {
    out.latencies.push(...s.latencies);
    out.roundMs.push(...s.roundMs);
    for (const [k, v] of Object.entries(s.statuses)) out.statuses[k] = (out.statuses[k] ?? 0) + v;
    for (const [k, v] of Object.entries(s.failedRounds)) out.failedRounds[k] = (out.failedRounds[k] ?? 0) + v;
    out.failed += s.failed;
    out.rounds += s.rounds;
    out.docsWritten += s.docsWritten;
  }
  return out;
}

/** Rounds as the app's timer makes them instead of back to back. */
export interface Pace {
  everyMs: number;
  /** A session's record before every so many rounds. */
  recordEvery: number;
}

export interface Stagger {
  offsetMs: number;
  phase: number;
}

export interface DevicePlan {
  user: string;
  password: string;
  scope: string;
  groupKey: string;
  participants: string[];
}

/** A fetch that records every request into `stats()` (swapped per window). */
function timedFetch(stats: () => LoadStats): typeof fetch {
  return async (input, init) => {
    const start = performance.now();
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      stats().failed++;
      throw error;
    }
    // Read to the end, so the time is the whole answer's; then handed on as it came.
    const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer().catch(() => null);
    const s = stats();
    s.latencies.push(performance.now() - start);
    s.statuses[response.status] = (s.statuses[response.status] ?? 0) + 1;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export class LoadDevice {
  private stats = emptyStats();
  private sessions = 0;

  private constructor(
    private readonly plan: DevicePlan,
    private readonly device: Device,
    private readonly scheduler: SyncScheduler,
  ) {}

  static async open(serverUrl: string, plan: DevicePlan): Promise<LoadDevice> {
    let current: LoadDevice | undefined;
    const fetchTimed = timedFetch(() => current?.stats ?? emptyStats());
    const device = await openDevice(serverUrl, plan.user, plan.password, { cookie: true, fetch: fetchTimed });
    const ask = sessionCheck(device.client, async () => ({ name: plan.user, roles: [] }));
    // As the app's refreshScopes (src/data/api.ts): the scopes from the answer's roles, with their versions and the changes it carried.
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [plan.scope],
      intervalMs: 3_600_000,
      async refreshScopes(asked) {
        const now = await ask(asked);
        if (now === undefined) return undefined;
        if (now === null) return null;
        const scopes = now.roles.length ? scopesOf(now) : [plan.scope];
        return { scopes, versions: now.versions, changes: now.changes };
      },
    });
    current = new LoadDevice(plan, device, scheduler);
    return current;
  }

  /** One round as the app runs it; the error it ended in, if any. */
  async round(): Promise<string | undefined> {
    const start = performance.now();
    await this.scheduler.syncNow();
    this.stats.rounds++;
    this.stats.roundMs.push(performance.now() - start);
    const state = this.scheduler.state$.value;
    if (state.status !== 'error' && state.status !== 'signIn') return undefined;
    const why = `${state.error?.key ?? state.status}${state.error?.params?.status ? ` ${state.error.params.status}` : ''}`;
    this.stats.failedRounds[why] = (this.stats.failedRounds[why] ?? 0) + 1;
    return why;
  }

  /** A session's record as an instructor makes it: the session, everyone's attendance, a note. */
  async writeSession() {
    const { scope, groupKey, participants } = this.plan;
    const id = sessionId();
    const n = ++this.sessions;
    const store = this.device.store;
    const made = await store.create('session', {
      id, scope, groupKey, date: '2027-03-02', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme: `kuorma ${this.plan.user} ${n}`,
      instructors: [], capacity: 8, costCents: 0, status: 'planned',
    });
    if (!made.ok) throw new Error(`session not stored: ${JSON.stringify(made.problems)}`);
    let written = 1;
    for (const [i, p] of participants.entries()) if ((await store.markAttendance(scope, id, p, i % 5 === 4 ? 'absent' : 'present')).ok) written++;
    const note = await store.create('note', { id: noteId(), scope, participantId: participants[n % participants.length]!, category: 'wellbeing', text: `Kuormatestin muistiinpano ${n}: jaksoi hyvin koko päivän.` });
    if (note.ok) written++;
    this.stats.docsWritten += written;
  }

  /**
   * Until `until` (epoch ms): back to back, a session's record then a round; or, paced, a
   * round every `pace.everyMs` as the app's timer makes them, with a record before every
   * `pace.recordEvery`th. `stagger` spreads a fleet: this device's first round after
   * `offsetMs`, its first record at round `phase`. What this window measured.
   */
  async runUntil(until: number, pace?: Pace, stagger: Stagger = { offsetMs: 0, phase: 0 }): Promise<LoadStats> {
    this.stats = emptyStats();
    if (!pace) {
      while (Date.now() < until) {
        await this.writeSession();
        await this.round();
      }
    } else {
      const start = Date.now() + stagger.offsetMs;
      for (let tick = 0; start + tick * pace.everyMs < until; tick++) {
        const wait = start + tick * pace.everyMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (tick % pace.recordEvery === stagger.phase % pace.recordEvery) await this.writeSession();
        await this.round();
      }
    }
    const s = this.stats;
    this.stats = emptyStats();
    return s;
  }

  /** The first sync (not timed): the group's records come down. */
  async firstSync(): Promise<void> {
    await this.round();
    this.stats = emptyStats();
  }

  async close() {
    await this.scheduler.stop();
    await this.device.close();
  }
}
