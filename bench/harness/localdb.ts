import Dexie from 'dexie';
import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase } from '../../src/data/database.ts';
import type { StoredDoc } from '../../src/data/stored.ts';
import { Store } from '../../src/data/store.ts';
import { attendanceId } from '../../src/domain/index.ts';
import { seedDocuments } from './seed.ts';

/**
 * The app's local database (RxDB on Dexie, through the app's Store) against raw Dexie doing
 * the same work on the same data in the same page.
 */
const rawDb = (name: string) => {
  const db = new Dexie(name);
  db.version(1).stores({ docs: 'pk, [type+scope+ref], [type+scope+participantId]' });
  return db;
};

export async function seedBoth(groups: number, tag: string): Promise<number> {
  const rx = await openDatabase(`rx${tag}`, getRxStorageDexie());
  const raw = rawDb(`raw${tag}`);
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const docs = seedDocuments(g);
    for (let i = 0; i < docs.length; i += 5000) {
      await rx.docs.bulkInsert(docs.slice(i, i + 5000) as StoredDoc[]);
      await raw.table('docs').bulkPut(docs.slice(i, i + 5000));
    }
    n += docs.length;
  }
  await rx.close();
  raw.close();
  return n;
}

const scope = 'polku-g-bench0000';
const person = 'participant:bench0000p03';

/** A participant's timeline (attendance, check-ins, notes, path stages, goals) and a month of a group's sessions. */
export async function queries(tag: string): Promise<{ timelineRx: number; timelineRaw: number; monthRx: number; monthRaw: number; found: number[] }> {
  const rx = await openDatabase(`rx${tag}`, getRxStorageDexie());
  const store = new Store(rx, { user: 'bench', device: 'bench' });
  const raw = rawDb(`raw${tag}`);
  await raw.open();
  const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
    const t = performance.now();
    const r = await f();
    return [performance.now() - t, r];
  };
  const [timelineRx, about] = await time(() => firstValueFrom(store.aboutParticipant(scope, person)));
  const [timelineRaw, rawAbout] = await time(async () => {
    const [attendance, checkins, notes, steps, goals] = await Promise.all([
      raw.table('docs').where('[type+scope+participantId]').equals(['attendance', scope, person]).toArray(),
      raw.table('docs').where('[type+scope+participantId]').equals(['checkin', scope, person]).toArray(),
      raw.table('docs').where('[type+scope+ref]').equals(['note', scope, person]).toArray(),
      raw.table('docs').where('[type+scope+ref]').equals(['planstep', scope, person]).toArray(),
      raw.table('docs').where('[type+scope+ref]').equals(['goal', scope, person]).toArray(),
    ]);
    return attendance.length + checkins.length + notes.length + steps.length + goals.length;
  });
  const [monthRx, month] = await time(() => rx.docs.find({ selector: { type: 'session', scope, ref: { $gte: '2025-03-01', $lte: '2025-03-31' } } }).exec());
  const [monthRaw, rawMonth] = await time(() => raw.table('docs').where('[type+scope+ref]').between(['session', scope, '2025-03-01'], ['session', scope, '2025-03-31'], true, true).toArray());
  await rx.close();
  raw.close();
  return {
    timelineRx,
    timelineRaw,
    monthRx,
    monthRaw,
    found: [about.attendance.length + about.checkins.length + about.notes.length + about.steps.length + about.goals.length, rawAbout, month.length, rawMonth.length],
  };
}

/** 1,000 attendance marks, one tap at a time, through the app's validated Store and as raw Dexie puts. */
export async function writes(tag: string): Promise<{ rx: number; raw: number }> {
  const rx = await openDatabase(`rxw${tag}`, getRxStorageDexie());
  const store = new Store(rx, { user: 'bench', device: 'bench' });
  const raw = rawDb(`raww${tag}`);
  const marks = Array.from({ length: 1000 }, (_, i) => ({ session: `session:w${String(Math.floor(i / 10)).padStart(6, '0')}`, participant: `participant:p${String(i % 10).padStart(6, '0')}` }));
  let t = performance.now();
  for (const m of marks) await store.markAttendance(scope, m.session, m.participant, 'present');
  const rxMs = performance.now() - t;
  t = performance.now();
  for (const m of marks) {
    const id = attendanceId(m.session, m.participant);
    await raw.table('docs').put({ pk: `${scope}|${id}`, id, type: 'attendance', scope, ref: m.session, sessionId: m.session, participantId: m.participant, status: 'present' });
  }
  const rawMs = performance.now() - t;
  await rx.close();
  raw.close();
  return { rx: rxMs, raw: rawMs };
}
