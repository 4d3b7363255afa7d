/**
 * What devices with nothing new cost the server. Simulated devices (Node, one session cookie
 * each, all the same coordinator with 20 scopes) run idle rounds back to back for a while:
 * first as the app does now (the sync check asked with the ETag of its last answer and the
 * scopes it read before, each with where it read it to and at which version, gzipped over
 * 1 KB as the app sends it), then as it did
 * before the check (the session asked, then a `_changes` read of every scope, three at a
 * time). The cost is the machine's CPU time over the window (`/proc/stat`, every core: the
 * load generator, the gateway and the database server together, so an upper bound on the
 * server's share) divided by the rounds done; it is extrapolated linearly to 10,000 devices
 * each making a round every 30 s (the app's interval): 333 rounds a second.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SYNC_CHECK_PATH, type SyncCheckAnswer, type SyncCheckRequest } from '../src/wire/sync-check.ts';
import type { TestServer } from '../tooling/test-server.ts';
import { median, type Figure } from './figures.ts';

const FLEET = 10_000;
const INTERVAL_S = 30;

/** Busy and total jiffies of every core since boot. */
function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}
const JIFFY_S = 0.01;

async function signIn(url: string, name: string, password: string): Promise<string> {
  const r = await fetch(`${url}/couch/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('AuthSession='));
  if (!r.ok || !cookie) throw new Error(`sign-in as ${name}: ${r.status}`);
  return cookie.split(';')[0]!;
}

interface Load {
  rounds: number;
  requests: number;
  roundMs: number[];
  cpuSeconds: number;
  seconds: number;
}

/** `devices` loops making `round`s back to back for `seconds`. */
async function run(devices: number, seconds: number, round: (device: number) => Promise<number>): Promise<Load> {
  const roundMs: number[] = [];
  let requests = 0;
  const cpu0 = cpuTimes();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: devices }, async (_, d) => {
      while (performance.now() < until) {
        const t = performance.now();
        const made = await round(d);
        requests += made;
        roundMs.push(performance.now() - t);
      }
    }),
  );
  const cpu1 = cpuTimes();
  return { rounds: roundMs.length, requests, roundMs, cpuSeconds: (cpu1.busy - cpu0.busy) * JIFFY_S, seconds: (performance.now() - started) / 1000 };
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

export async function idleLoad(server: TestServer, opts: { user: string; password: string; scopes: string[]; devices?: number; seconds?: number }): Promise<Figure[]> {
  const devices = opts.devices ?? 200;
  const seconds = opts.seconds ?? 15;
  const cookies: string[] = [];
  for (let d = 0; d < devices; d++) cookies.push(await signIn(server.url, opts.user, opts.password));
  const get = async (d: number, path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${server.url}${path}`, { headers: { Cookie: cookies[d]!, Accept: 'application/json', ...headers } });
    const body = await r.text();
    if (r.status !== 200 && r.status !== 304) throw new Error(`${path} answered ${r.status}: ${body.slice(0, 200)}`);
    return { r, body };
  };

  // Each device's last answer: its ETag and versions, and where each scope's changes were read up to.
  const etags: string[] = [];
  const versions: SyncCheckAnswer['versions'][] = [];
  const since: Record<string, string>[] = [];
  for (let d = 0; d < devices; d++) {
    const { r, body } = await get(d, SYNC_CHECK_PATH);
    etags.push(r.headers.get('ETag') ?? '');
    versions.push((JSON.parse(body) as SyncCheckAnswer).versions);
    since.push({});
  }
  for (const scope of opts.scopes) {
    // The end of each scope's feed, as a device that has read it all asks from (asked of the
    // server itself: the gateway lets devices read changes only as the app reads them).
    const end = String((await server.admin.ok<{ last_seq: string | number }>('GET', `/${scope}/_changes?descending=true&limit=1`)).last_seq);
    for (let d = 0; d < devices; d++) since[d]![scope] = end;
  }

  // As the app asks (src/data/sync/couch-client.ts: bodies of 1 KB or more gzipped).
  const asks = since.map((read, d) => {
    const ask: SyncCheckRequest = { pulled: Object.fromEntries(opts.scopes.map((scope) => [scope, { since: read[scope]!, version: versions[d]![scope] ?? undefined }])), limit: 1000 };
    const json = JSON.stringify(ask);
    const encoding: Record<string, string> = json.length >= 1024 ? { 'Content-Encoding': 'gzip' } : {};
    return { body: encoding['Content-Encoding'] ? gzipSync(json) : json, encoding };
  });
  const checked = await run(devices, seconds, async (d) => {
    const { body, encoding } = asks[d]!;
    const r = await fetch(`${server.url}${SYNC_CHECK_PATH}`, {
      method: 'POST',
      headers: { Cookie: cookies[d]!, Accept: 'application/json', 'Content-Type': 'application/json', 'If-None-Match': etags[d]!, ...encoding },
      body,
    });
    const text = await r.text();
    if (r.status !== 200 && r.status !== 304) throw new Error(`${SYNC_CHECK_PATH} answered ${r.status}: ${text.slice(0, 200)}`);
    if (r.status === 200) etags[d] = r.headers.get('ETag') ?? '';
    return 1;
  });
  const before = await run(devices, seconds, async (d) => {
    await get(d, '/couch/_session');
    const queue = [...opts.scopes];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let scope = queue.shift(); scope; scope = queue.shift()) {
          const q = new URLSearchParams({ since: since[d]![scope]!, limit: '1000', include_docs: 'true', seq_interval: '1000' });
          await get(d, `/couch/${scope}/_changes?${q}`);
        }
      }),
    );
    return 1 + opts.scopes.length;
  });

  const rows = (label: string, load: Load): Figure[] => {
    const cpuPerRound = load.cpuSeconds / load.rounds;
    const fleetCores = (FLEET / INTERVAL_S) * cpuPerRound;
    const rate = load.rounds / load.seconds;
    return [
      {
        what: `${label}: rounds a second the machine served (${devices} devices back to back, ${opts.scopes.length} scopes each)`,
        median: Math.round(rate),
        min: Math.round(rate),
        max: Math.round(rate),
        unit: 'rounds/s',
        note: `${Math.round(load.requests / load.seconds)} requests/s; a round p50 ${Math.round(median(load.roundMs))} ms, p99 ${Math.round(p99(load.roundMs))} ms`,
      },
      {
        what: `… CPU per idle round, and ${FLEET.toLocaleString('en')} such devices every ${INTERVAL_S} s extrapolated`,
        median: Math.round(cpuPerRound * 1e5) / 100,
        min: Math.round(cpuPerRound * 1e5) / 100,
        max: Math.round(cpuPerRound * 1e5) / 100,
        unit: 'ms CPU',
        note: `${(fleetCores).toFixed(2)} cores busy for ${Math.round(FLEET / INTERVAL_S)} rounds/s (${Math.round((FLEET / INTERVAL_S) * (load.requests / load.rounds))} requests/s)`,
      },
    ];
  };
  return [...rows('(f) idle rounds, the sync check (304)', checked), ...rows('(f) idle rounds as before the check (the session and a `_changes` read per scope)', before)];
}
