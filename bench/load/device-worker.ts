/**
 * A worker thread holding a few load devices. RxDB's open-source build lets one JavaScript
 * realm have 13 collections open at once, and a device's database has 3: so the devices
 * are spread over worker threads, each a realm of its own (its own fake IndexedDB too).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LoadDevice, mergeStats, type DevicePlan, type LoadStats, type Pace, type Stagger } from './load-device.ts';

/** `run`: the first `active` devices; paced, device i spread by `stagger[i]`. */
export type WorkerCommand = { cmd: 'open' } | { cmd: 'run'; until: number; active: number; pace?: Pace; stagger?: Stagger[] } | { cmd: 'close' };
export type WorkerReply = { ok: 'opened' } | { ok: 'ran'; stats: LoadStats } | { ok: 'closed' } | { error: string };
export interface WorkerInput {
  serverUrl: string;
  plans: DevicePlan[];
}

// RxDB prints its open-core banner once a realm: fifty workers, fifty banners, nothing measured.
const log = console.log.bind(console);
console.log = (...args: unknown[]) => void (String(args[0]).includes('RxDB Open Core') || log(...args));

const input = workerData as WorkerInput;
const port = parentPort!;
let devices: LoadDevice[] = [];

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.cmd) {
    case 'open':
      // One after another: each sign-in hashes the password on the server (PBKDF2, 600,000 rounds).
      for (const plan of input.plans) devices.push(await LoadDevice.open(input.serverUrl, plan));
      for (const d of devices) await d.firstSync();
      return { ok: 'opened' };
    case 'run':
      return { ok: 'ran', stats: mergeStats(await Promise.all(devices.slice(0, command.active).map((d, i) => d.runUntil(command.until, command.pace, command.stagger?.[i])))) };
    case 'close':
      for (const d of devices) await d.close();
      devices = [];
      return { ok: 'closed' };
  }
}

port.on('message', (command: WorkerCommand) => {
  handle(command).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? `${error.message}` : String(error) } satisfies WorkerReply),
  );
});
