/** The load devices spread over worker threads (device-worker.ts), driven from here. */
import { Worker } from 'node:worker_threads';
import type { WorkerCommand, WorkerInput, WorkerReply } from './device-worker.ts';
import { mergeStats, type DevicePlan, type LoadStats, type Pace } from './load-device.ts';

/** Devices per worker: 4 databases × 3 collections stay under RxDB's 13 open collections a realm. */
export const DEVICES_PER_WORKER = 4;

export interface DevicePool {
  /**
   * Run the first `devices` devices (spread over every worker) until `seconds` have passed:
   * back to back, or paced with their first rounds spread evenly over one interval and
   * their records over `pace.recordEvery` rounds.
   */
  run(devices: number, seconds: number, pace?: Pace): Promise<LoadStats>;
  close(): Promise<void>;
}

function ask(worker: Worker, command: WorkerCommand): Promise<Exclude<WorkerReply, { error: string }>> {
  return new Promise((done, failed) => {
    const onError = (error: Error) => failed(error);
    worker.once('error', onError);
    worker.once('message', (reply: WorkerReply) => {
      worker.off('error', onError);
      if ('error' in reply) failed(new Error(reply.error));
      else done(reply);
    });
    worker.postMessage(command);
  });
}

/**
 * Opens every device (signed in, first sync done). Device `d` goes to worker `d % workers`,
 * so the first N devices are spread evenly over the workers whatever N is.
 */
export async function openPool(serverUrl: string, plans: DevicePlan[], openParallel = 4): Promise<DevicePool> {
  const count = Math.ceil(plans.length / DEVICES_PER_WORKER);
  const workers = Array.from({ length: count }, (_, w) => {
    const input: WorkerInput = { serverUrl, plans: plans.filter((_, d) => d % count === w) };
    // Node 20 does not run `--import tsx` in a worker: the worker registers tsx itself, then loads the TypeScript.
    const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./device-worker.ts', import.meta.url).href)}); })`;
    return new Worker(code, { eval: true, workerData: input });
  });
  try {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(openParallel, count) }, async () => {
      while (next < count) await ask(workers[next++]!, { cmd: 'open' });
    }));
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return {
    async run(devices, seconds, pace) {
      const until = Date.now() + seconds * 1000;
      // Worker w holds devices w, w + count, …: the first `devices` are its first ⌈…⌉.
      const replies = await Promise.all(
        workers.map((w, i) => {
          const active = Math.floor(devices / count) + (i < devices % count ? 1 : 0);
          const stagger = pace && Array.from({ length: active }, (_, k) => ({ offsetMs: Math.round(((i + k * count) / devices) * pace.everyMs), phase: i + k * count }));
          return ask(w, { cmd: 'run', until, active, pace, stagger });
        }),
      );
      return mergeStats(replies.flatMap((r) => ('stats' in r ? [r.stats] : [])));
    },
    async close() {
      await Promise.all(workers.map((w) => ask(w, { cmd: 'close' }).catch(() => undefined)));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
