/**
 * `npm run bench:relay` (issue 17): relay latency at a country's scale, opt-in like
 * `bench:scale` because making the databases alone takes minutes. On a fresh 3-node Apache
 * CouchDB cluster with the server as `npm start` runs it (its own process, the relay in it,
 * following the gateway's writes and `_db_updates`): `RELAY_GROUPS` groups (default 1,000),
 * each with 8 participants and a database of each participant's own (8,000), made while the
 * server runs. Then an instructor's session is written into a group and pushed through the
 * gateway, and the time until every participant database of that group has it is measured:
 * first on the quiet server, then while `RELAY_DEVICES` (default 200) devices — the app's own
 * RxDB and sync, as in `BENCH_ONLY=load` — sync in 50 other groups. They sync at the app's
 * pace: a round every `RELAY_PACE_S` seconds (default 30, the app's timer), the first ones
 * spread over that interval, and a session's record of 10 documents before every
 * `RELAY_RECORD_EVERY`th round (default 60: a record every 30 minutes a device, the records
 * spread over those rounds). 200 devices so make 0.11 records a second, about 8 times what
 * 1,000 groups' weekly 3-hour sessions make in working hours (75 sessions at a time, each
 * record written over its 3 hours). `RELAY_PACE_S=0`: back to back, the
 * load's saturation instead (on 2 cores the 200 devices' own RxDB then fills the machine).
 * Goal: p99 ≤ 2 s. Writes `results/relay-scale.md`.
 *
 * The cluster comes from POLKU_TEST_COUCHDB (default: the release in ../shared/couchdb).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { staffRoles } from '../src/domain/roles.ts';
import { startCouchCluster } from '../tooling/couchdb-cluster.ts';
import { openDevice, type Device } from '../tooling/device.ts';
import { fail, once, type Figure } from './figures.ts';
import { devicePlans } from './load.ts';
import { LOAD_PASSWORD, seedGroups, type LoadGroup } from './load/fleet.ts';
import { startGatewayProcess } from './load/gateway-process.ts';
import { openPool } from './load/pool.ts';
import { relaySample, type RelaySample } from './load/relay-probe.ts';
import { percentile, runWindow, windowFigures } from './load/window.ts';

const GROUPS = Number(process.env.RELAY_GROUPS ?? 1000);
const PARTICIPANTS = 8;
const DEVICES = Number(process.env.RELAY_DEVICES ?? 200);
const LOADED_GROUPS = 50;
const PROBED_GROUPS = 40;
const PACE_S = Number(process.env.RELAY_PACE_S ?? 30);
const PACE = PACE_S > 0 ? { everyMs: PACE_S * 1000, recordEvery: Number(process.env.RELAY_RECORD_EVERY ?? 60) } : undefined;
/** Paced, four intervals: every device makes four rounds. */
const SECONDS = Number(process.env.RELAY_SECONDS ?? (PACE ? 4 * PACE_S : 30));
const QUIET_SAMPLES = 15;
const SERVER = 'Apache CouchDB 3.5, 3-node cluster';

const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

function latencyFigures(label: string, samples: RelaySample[]): Figure[] {
  const ms = samples.map((s) => s.ms);
  const timedOut = samples.filter((s) => s.timedOut).length;
  const note = `${samples.length} writes; the write itself (push → acknowledged) p50 ${Math.round(percentile(samples.map((s) => s.writeMs), 0.5))} ms${timedOut ? `; ${timedOut} not everywhere within 30 s` : ''}`;
  return [
    { ...once(`relay, ${label}: an instructor's write → all ${PARTICIPANTS} participant databases have it, p50`, Math.round(percentile(ms, 0.5)), 'ms'), note, server: SERVER },
    { ...once('… p99', Math.round(percentile(ms, 0.99)), 'ms', { max: 2000, text: '≤ 2000 ms' }), note: `slowest ${Math.round(Math.max(...ms))} ms`, server: SERVER },
  ];
}

async function main() {
  const folder = resolve(process.env.POLKU_TEST_COUCHDB ?? '../shared/couchdb');
  const couch = await startCouchCluster(folder).catch((e: Error) => fail(e.message));
  const lines: string[] = [];
  // Written after every line: a run stopped midway (it holds the shared lock for many minutes) keeps what it measured.
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
    writeFileSync(new URL('./results/relay-scale.md', import.meta.url), `${lines.join('\n')}\n`);
  };
  const row = (f: Figure) => say(`- ${f.what}: ${f.median} ${f.unit}${f.min === f.max ? '' : ` (${f.min}–${f.max})`}${f.budget ? `, budget ${f.budget} ${f.ok ? 'met' : '**missed**'}` : ''}${f.note ? ` (${f.note})` : ''}`);
  const gateway = await startGatewayProcess(couch);
  // Closed however the run ends: its sync timers would keep the process alive after the servers stop.
  let probe: Device | undefined;
  try {
    const admin = gateway.admin;
    say(`# Relay latency: ${GROUPS.toLocaleString('en')} groups and ${(GROUPS * PARTICIPANTS).toLocaleString('en')} participant databases on a 3-node Apache CouchDB 3.5 cluster`);
    say('');
    let t = performance.now();
    // The groups the devices load, with instructors; the rest without accounts; the probe's among them.
    const loaded = await seedGroups(admin, { prefix: 'rel', groups: Math.min(LOADED_GROUPS, GROUPS), participants: PARTICIPANTS, fast: true, parallel: 16 });
    const rest = await seedGroups(admin, { prefix: 'rel', from: LOADED_GROUPS, groups: GROUPS - LOADED_GROUPS, participants: PARTICIPANTS, fast: true, instructors: false, parallel: 16, onGroup: (n) => n % 100 === 0 && console.log(`  ${n + LOADED_GROUPS} groups made, ${secondsSince(t)} s`) });
    const all = (await admin.allDbs()).filter((db) => db.startsWith('polku-'));
    const groupDbs = all.filter((db) => db.startsWith('polku-g-')).length;
    const participantDbs = all.filter((db) => db.startsWith('polku-p-')).length;
    say(`- made while the server ran (16 at a time; each group: its database, records and members; each participant: a database with write rules and members, home and membership in the server state): ${secondsSince(t)} s — present: ${groupDbs.toLocaleString('en')} group and ${participantDbs.toLocaleString('en')} participant databases`);

    const probed: LoadGroup[] = rest.slice(0, PROBED_GROUPS);
    const probeUser = 'relayprobe';
    await admin.putUser(probeUser, LOAD_PASSWORD, staffRoles('instructor', ...probed.map((g) => g.key)));
    probe = await openDevice(gateway.url, probeUser, LOAD_PASSWORD, { cookie: true });
    // First writes into each probed group: the relay reads it for the first time (from its start) and catches up on what setup left.
    t = performance.now();
    for (const g of probed.slice(0, 5)) await relaySample(admin, probe, g);
    say(`- five warm-up writes (the relay's first look at those groups, after setup): ${secondsSince(t)} s`);

    const quiet: RelaySample[] = [];
    for (let i = 0; i < QUIET_SAMPLES; i++) quiet.push(await relaySample(admin, probe, probed[i % probed.length]!));
    latencyFigures('quiet server', quiet).forEach(row);
    if (DEVICES === 0) return;

    t = performance.now();
    const pool = await openPool(gateway.url, devicePlans(loaded, DEVICES));
    say(`- ${DEVICES} devices signed in and synced once: ${secondsSince(t)} s`);
    try {
      const busy: RelaySample[] = [];
      // A probe write the loaded gateway does not take within the client's timeout is counted, not fatal.
      const refused: string[] = [];
      let done = false;
      const probing = (async () => {
        for (let i = 0; !done; i++) {
          await relaySample(admin, probe, probed[i % probed.length]!).then(
            (sample) => busy.push(sample),
            (error: Error) => refused.push(error.message),
          );
          // Each probe write is itself a session for 8 databases: a few, not a load of their own.
          await new Promise((r) => setTimeout(r, 2000));
        }
      })();
      const window = await runWindow(pool, gateway.watched, DEVICES, SECONDS, PACE);
      done = true;
      await probing;
      const how = PACE ? `at the app's pace, a round every ${PACE_S} s` : 'back to back';
      if (busy.length) latencyFigures(`while ${DEVICES} devices sync (${how}, ${SECONDS} s)`, busy).forEach(row);
      row({ ...once(`… probe writes not acknowledged while ${DEVICES} devices sync`, refused.length, '', { max: 0, text: '0' }), note: refused.length ? `e.g. ${refused[0]}` : undefined, server: SERVER });
      windowFigures(window, SERVER, gateway.watched.map((w) => w.label).filter((l) => l !== 'gateway'), PARTICIPANTS + 2).forEach(row);
    } finally {
      await pool.close();
    }
  } finally {
    await probe?.close();
    await gateway.stop();
    await couch.stop();
  }
}

await main();
