/**
 * Resident memory of the server's own OS processes, read from /proc (Linux): the gateway,
 * the embedded PouchDB Server, each CouchDB node. Sampled while the load runs, so the
 * figures are the peaks the processes reached, not what they hold after.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS of one process in MiB; undefined when it is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

/** The direct children of `pid` whose command line contains `matching` (every child without it). */
export function childrenOf(pid: number, matching = ''): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces: state, then the parent's PID.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && cmdline(Number(name)).includes(matching)) found.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** The CouchDB nodes `couchdb.sh` started, from the PIDs it recorded in the cluster's folder (`nodeN PID`). */
export function couchNodePids(clusterDir: string): Map<string, number> {
  const lines = readFileSync(`${clusterDir}/pids`, 'utf8').split('\n');
  return new Map(lines.flatMap((l) => (/^node\d+ \d+$/.test(l.trim()) ? [[l.split(' ')[0]!, Number(l.split(' ')[1])] as const] : [])));
}

/** CPU time (user + system) one process has used, in seconds; 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Something to watch: a label and how to find its processes now (they may restart, a node's couchjs come and go). */
export interface Watched {
  label: string;
  pids: () => number[];
}

export interface Usage {
  /** Peak resident memory, MiB. */
  peakMiB: number;
  /** CPU seconds used while sampled (processes that ended meanwhile take theirs with them). */
  cpuS: number;
}

/** Samples every watched label's summed RSS until stopped; gives each label's peak in MiB and its CPU time. */
export function sampleUsage(watched: Watched[], everyMs = 500) {
  const peak = new Map<string, number>(watched.map((w) => [w.label, 0]));
  const cpu = () => new Map(watched.map((w) => [w.label, w.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0)]));
  const cpu0 = cpu();
  const sample = () => {
    for (const w of watched) {
      const total = w.pids().reduce((sum, pid) => sum + (rssMiB(pid) ?? 0), 0);
      peak.set(w.label, Math.max(peak.get(w.label) ?? 0, total));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): Map<string, Usage> {
      clearInterval(timer);
      sample();
      const cpu1 = cpu();
      return new Map([...peak].map(([k, v]) => [k, { peakMiB: Math.round(v), cpuS: Math.round(((cpu1.get(k) ?? 0) - (cpu0.get(k) ?? 0)) * 10) / 10 }]));
    },
  };
}

/** The whole machine's busy and total CPU seconds since boot (every core; /proc/stat's first line). */
export function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}
