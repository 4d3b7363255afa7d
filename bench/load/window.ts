/**
 * One load window: the first N devices back to back (or paced) for a while, the server's
 * processes sampled meanwhile; and its figures.
 */
import { cpus } from 'node:os';
import { once, type Figure } from '../figures.ts';
import type { LoadStats, Pace } from './load-device.ts';
import { machineCpu, sampleUsage, type Usage, type Watched } from './memory.ts';
import type { DevicePool } from './pool.ts';

export interface Window {
  devices: number;
  pace?: Pace;
  seconds: number;
  stats: LoadStats;
  usage: Map<string, Usage>;
  /** Share of the machine's CPU (every core) busy over the window. */
  machineBusy: number;
  /** The load generator's own process (every worker thread in it), MiB. */
  generatorMiB: number;
}

export async function runWindow(pool: DevicePool, watched: Watched[], devices: number, seconds: number, pace?: Pace): Promise<Window> {
  const sampler = sampleUsage([...watched, { label: 'generator', pids: () => [process.pid] }]);
  const cpu0 = machineCpu();
  const started = performance.now();
  const stats = await pool.run(devices, seconds, pace);
  const elapsed = (performance.now() - started) / 1000;
  const cpu1 = machineCpu();
  const usage = sampler.stop();
  return { devices, pace, seconds: elapsed, stats, usage, machineBusy: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total), generatorMiB: usage.get('generator')?.peakMiB ?? 0 };
}

export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The rows of one window against one server. */
export function windowFigures(w: Window, server: string, dbLabels: string[], docsPerRecord: number): Figure[] {
  const s = w.stats;
  const requests = s.latencies.length;
  const errors5xx = Object.entries(s.statuses).filter(([code]) => Number(code) >= 500).reduce((n, [, c]) => n + c, 0);
  const statuses = Object.entries(s.statuses).map(([code, n]) => `${code}: ${n}`).join(', ');
  const failedRounds = Object.entries(s.failedRounds).map(([why, n]) => `${why} × ${n}`).join(', ');
  const label = `load: ${w.devices} syncing devices`;
  const gateway = w.usage.get('gateway');
  const cores = cpus().length;
  const perRound = w.pace ? 'round' : 'record and round';
  const cpuNote = (u: Usage | undefined) => (u ? `${u.cpuS} CPU s in ${round1(w.seconds)} s (${Math.round((u.cpuS / w.seconds) * 100)} % of one core; ${Math.round((u.cpuS * 1000) / Math.max(1, s.rounds))} ms CPU a device's ${perRound})` : '');
  const how = w.pace
    ? `a round every ${w.pace.everyMs / 1000} s as the app's timer makes them, a session's record of ${docsPerRecord} documents before one round in ${w.pace.recordEvery}, ${Math.round(w.seconds)} s`
    : `a session's record of ${docsPerRecord} documents, then a round, back to back, ${Math.round(w.seconds)} s`;
  const rows: Figure[] = [
    {
      ...once(`${label} (${how}): requests answered a second`, Math.round(requests / w.seconds), 'req/s'),
      note: `${round1(s.rounds / w.seconds)} rounds/s, ${Math.round(s.docsWritten / w.seconds)} documents written/s; answers ${statuses}; machine ${Math.round(w.machineBusy * 100)} % busy over ${cores} cores, the load generator included (${w.generatorMiB} MiB)`,
    },
    { ...once(`… a request's time to the end of its answer, p50`, Math.round(percentile(s.latencies, 0.5)), 'ms'), note: `a round p50 ${Math.round(percentile(s.roundMs, 0.5))} ms` },
    { ...once(`… a request's time to the end of its answer, p99`, Math.round(percentile(s.latencies, 0.99)), 'ms'), note: `a round p99 ${Math.round(percentile(s.roundMs, 0.99))} ms; slowest request ${Math.round(Math.max(0, ...s.latencies))} ms` },
    {
      ...once('… requests failed (no answer, or 5xx) and rounds ended in error', s.failed + errors5xx + Object.values(s.failedRounds).reduce((a, b) => a + b, 0), '', { max: 0, text: '0' }),
      note: `${s.failed} without an answer, ${errors5xx} answered 5xx${failedRounds ? `; rounds: ${failedRounds}` : ''}`,
    },
    { ...once('… gateway process, peak RSS', gateway?.peakMiB ?? 0, 'MiB'), note: cpuNote(gateway) },
  ];
  const dbs = dbLabels.map((l) => ({ label: l, usage: w.usage.get(l) })).filter((d): d is { label: string; usage: Usage } => !!d.usage);
  if (dbs.length === 1) rows.push({ ...once(`… ${dbs[0]!.label} process, peak RSS`, dbs[0]!.usage.peakMiB, 'MiB'), note: cpuNote(dbs[0]!.usage) });
  if (dbs.length > 1) {
    const peaks = dbs.map((d) => d.usage.peakMiB).sort((a, b) => a - b);
    rows.push({
      what: `… each CouchDB node (Erlang VM + its couchjs), peak RSS: median of ${dbs.length} nodes, range`,
      median: peaks[Math.floor(peaks.length / 2)]!,
      min: peaks[0]!,
      max: peaks.at(-1)!,
      unit: 'MiB',
      note: `${dbs.map((d) => `${d.label} ${d.usage.peakMiB} MiB, ${d.usage.cpuS} CPU s`).join('; ')}; together ${Math.round((dbs.reduce((n, d) => n + d.usage.cpuS, 0) * 1000) / Math.max(1, s.rounds))} ms CPU a device's ${perRound}`,
    });
  }
  return rows.map((f) => ({ ...f, server }));
}
