import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase } from '../../src/data/database.ts';
import { newDataKey } from '../../src/data/device-keys.ts';
import { sealedStorage } from '../../src/data/sealed-storage.ts';
import type { StoredDoc } from '../../src/data/stored.ts';
import { Store } from '../../src/data/store.ts';
import { noteId } from '../../src/domain/index.ts';
import { seedDocuments } from './seed.ts';

/**
 * What encryption at rest costs a staff device: the same work on a database whose personal
 * fields are sealed (AES-GCM, src/data/sealed-storage.ts) and on one without, in one page.
 * - a group-year stored as a first sync stores it (bulk writes),
 * - a participant's timeline read through the app's Store,
 * - 200 notes written one at a time through the validated Store.
 */
const scope = 'polku-g-bench0000';
const person = 'participant:bench0000p03';

async function once(tag: string, key?: CryptoKey) {
  const storage = getRxStorageDexie();
  const db = await openDatabase(`atrest${tag}${key ? 's' : 'p'}`, key ? sealedStorage(storage, key) : storage);
  const docs = seedDocuments(0) as StoredDoc[];
  let t = performance.now();
  for (let i = 0; i < docs.length; i += 500) await db.docs.bulkInsert(docs.slice(i, i + 500));
  const store$ = performance.now() - t;
  const store = new Store(db, { user: 'bench', device: 'bench' });
  t = performance.now();
  const about = await firstValueFrom(store.aboutParticipant(scope, person));
  const timeline = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 200; i++) await store.create('note', { id: noteId(), scope, participantId: person, category: 'wellbeing', text: `Muistiinpano ${i}: jaksaa hyvin, haluaa kokeilla työtä.` });
  const writes = performance.now() - t;
  await db.remove();
  return { store: store$, timeline, writes, docs: docs.length, records: about.attendance.length + about.checkins.length + about.notes.length + about.steps.length + about.goals.length };
}

export async function atRest(tag: string) {
  const plain = await once(tag);
  const sealed = await once(tag, await newDataKey());
  return { plain, sealed };
}
