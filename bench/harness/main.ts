// Runs in headless Chromium: the app's own data layer (RxDB on Dexie/IndexedDB) and domain
// code, driven by bench/run.ts through window.polkuBench.
import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase } from '../../src/data/database.ts';
import type { StoredDoc } from '../../src/data/stored.ts';
import { Store } from '../../src/data/store.ts';
import { Summaries } from '../../src/data/summaries.ts';
import { metricsFor, metricsFromSummaries } from '../../src/domain/metrics.ts';
import { queries, seedBoth, writes } from './localdb.ts';
import { seedDocuments } from './seed.ts';
import * as faultDevice from './fault-device.ts';
import { atRest } from './at-rest.ts';
import * as sync from './sync.ts';

const NAME = 'polkubench';

async function seed(groups: number): Promise<number> {
  const db = await openDatabase(NAME, getRxStorageDexie());
  let count = 0;
  for (let g = 0; g < groups; g++) {
    const docs = seedDocuments(g) as StoredDoc[];
    for (let i = 0; i < docs.length; i += 5000) await db.docs.bulkInsert(docs.slice(i, i + 5000));
    count += docs.length;
  }
  await db.close();
  return count;
}

const scopesOf = (groups: number) => Array.from({ length: groups }, (_, g) => `polku-g-bench${String(g).padStart(4, '0')}`);

/** The first start after an update that adds summaries: build them all once. */
async function buildSummaries(): Promise<number> {
  const started = performance.now();
  const db = await openDatabase(NAME, getRxStorageDexie());
  const summaries = new Summaries(db);
  await summaries.start();
  await summaries.built;
  summaries.stop();
  await db.close();
  return performance.now() - started;
}

/** Open the database as the app does and compute the dashboard as the screen does (summaries + people). */
async function dashboard(groups: number): Promise<{ ms: number; visits: number; docs: number }> {
  const started = performance.now();
  const db = await openDatabase(NAME, getRxStorageDexie());
  const store = new Store(db, { user: 'bench', device: 'bench' });
  const summaries = new Summaries(db);
  const scopes = scopesOf(groups);
  const [sessions, people] = await Promise.all([firstValueFrom(summaries.watch(scopes)), Promise.all(scopes.map((s) => firstValueFrom(store.groupPeople(s))))]);
  const m = metricsFromSummaries(sessions, people, { from: '2024-01-01', to: '2026-12-31' });
  const ms = performance.now() - started;
  const docs = sessions.length + people.reduce((n, p) => n + p.participants.length + p.steps.length + p.goals.length, 0);
  await db.close();
  return { ms, visits: m.visits, docs };
}

/** The same figures from every record (what the dashboard would cost without summaries). */
async function dashboardFromRecords(groups: number): Promise<{ ms: number; visits: number; docs: number }> {
  const started = performance.now();
  const db = await openDatabase(NAME, getRxStorageDexie());
  const store = new Store(db, { user: 'bench', device: 'bench' });
  const data = await Promise.all(scopesOf(groups).map((s) => firstValueFrom(store.groupData(s))));
  const m = metricsFor(data, { from: '2024-01-01', to: '2026-12-31' });
  const ms = performance.now() - started;
  const docs = data.reduce((n, d) => n + d.sessions.length + d.attendance.length + d.rides.length + d.participants.length + d.steps.length + d.goals.length + d.checkins.length, 0);
  await db.close();
  return { ms, visits: m.visits, docs };
}

(window as unknown as { polkuBench: unknown }).polkuBench = { seed, buildSummaries, dashboard, dashboardFromRecords, seedBoth, queries, writes, atRest, ...sync, ...faultDevice };
document.getElementById('status')!.textContent = 'ready';
