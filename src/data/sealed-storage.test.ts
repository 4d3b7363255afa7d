import { firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { GROUP_KEY, offlineEnv, ok, SCOPE } from '../test-support.tsx';
import { checkDoc, noteId, observationId, participantId, ROLE } from '../domain/index.ts';
import { exampleOf } from '../../tooling/doc-examples.ts';
import { toRow } from './stored.ts';
import { openData } from './api.ts';
import { openDatabase } from './database.ts';
import { newDataKey, SECRET_ROUNDS, unwrapKey, wrapKey } from './device-keys.ts';
import { sealedStorage } from './sealed-storage.ts';

let counter = 0;
const user = { name: 'ohjaaja1', roles: [ROLE.instructor, ROLE.group(GROUP_KEY)] };

/** Every row of a collection as IndexedDB holds it, read past RxDB. */
function rawRows(dbName: string, collection: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(`rxdb-dexie-${dbName}--1--${collection}`);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction(collection, 'readonly').objectStore(collection).getAll();
      all.onsuccess = () => {
        resolve(all.result);
        open.result.close();
      };
    };
  });
}

async function openSealed(key: CryptoKey, name = `sealed${++counter}`) {
  const db = await openDatabase(name, sealedStorage(getRxStorageDexie(), key));
  return { name, db, api: await openData(user, { database: db, env: offlineEnv }) };
}

describe('personal fields on the device', () => {
  it('are stored encrypted in IndexedDB and read back as written', async () => {
    const key = await newDataKey();
    const { db, api } = await openSealed(key);
    const person = participantId();
    await ok(api.store.create('participant', {
      id: person, scope: SCOPE, groupKey: GROUP_KEY, displayName: 'Aino Virtanen', homeVillage: 'Kylmälä', language: 'fi', status: 'active', startDate: '2026-09-01',
      contact: { phone: '+358 40 765 4321', consentRecordedAt: '2026-09-01T10:00:00.000Z' },
    }));
    await ok(api.store.create('note', { id: noteId(), scope: SCOPE, participantId: person, category: 'wellbeing', text: 'Kertoi unettomuudesta' }));
    await ok(api.store.create('observation', { id: observationId(), scope: SCOPE, participantId: person, date: '2026-10-01', physical: 2, cognitive: 3, psychological: 1, social: 4 }));

    const raw = JSON.stringify(await rawRows(db.name, 'docs'));
    expect(raw).toContain(person); // ids stay clear: the device queries by them
    for (const secret of ['Aino Virtanen', '765 4321', 'Kertoi unettomuudesta', '"psychological"']) expect(raw).not.toContain(secret);

    const notes = await firstValueFrom(api.store.watch('note', SCOPE));
    expect(notes.map((n) => n.text)).toEqual(['Kertoi unettomuudesta']);
    const [participant] = await firstValueFrom(api.store.watch('participant', SCOPE));
    expect(participant?.contact?.phone).toBe('+358 40 765 4321');
    await api.close();
  });

  it('include what a newer app version added to a document, which this version does not know: sealed, and kept as it came', async () => {
    const { db, api } = await openSealed(await newDataKey());
    const session: Record<string, unknown> = { ...exampleOf('session', { scope: SCOPE }), kyytiHuomio: 'Ainon pyörätuoli mahtuu vain isoon autoon', clock: { kyytiHuomio: '2026-10-01T10:00:00.000Z|uusi' } };
    const checked = checkDoc(session);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    await db.docs.insert(toRow(checked.value, { syncState: 'synced', couchRev: '1-a' }));
    const raw = JSON.stringify(await rawRows(db.name, 'docs'));
    expect(raw).not.toContain('pyörätuoli');
    expect(raw).toContain(String(session.village)); // what this version classifies as clear stays clear
    const [stored] = await firstValueFrom(api.store.watch('session', SCOPE));
    expect((stored as unknown as Record<string, unknown>).kyytiHuomio).toBe('Ainon pyörätuoli mahtuu vain isoon autoon');
    await api.close();
  });

  it('cannot be read with another person’s key', async () => {
    const { name, api } = await openSealed(await newDataKey());
    await ok(api.store.create('note', { id: noteId(), scope: SCOPE, participantId: participantId(), category: 'skills', text: 'Oppi käyttämään kassakonetta' }));
    await api.close();
    const other = await openDatabase(name, sealedStorage(getRxStorageDexie(), await newDataKey()));
    await expect(other.docs.find({ selector: { type: 'note' } }).exec()).rejects.toThrow();
    await other.close();
  });
});

describe('a device updated with data on it', () => {
  it('seals what the earlier version stored in clear, once, and keeps it readable', async () => {
    const name = `sealed${++counter}`;
    const plain = await openData(user, { database: await openDatabase(name, getRxStorageDexie()), env: offlineEnv });
    const person = participantId();
    await ok(plain.store.create('note', { id: noteId(), scope: SCOPE, participantId: person, category: 'skills', text: 'Kirjoitettu ennen salausta' }));
    await plain.close();
    expect(JSON.stringify(await rawRows(name, 'docs'))).toContain('Kirjoitettu ennen salausta');

    const key = await newDataKey();
    const sealed = await openData(user, { dbName: name, key, env: offlineEnv });
    expect(JSON.stringify(await rawRows(name, 'docs'))).not.toContain('Kirjoitettu ennen salausta');
    const notes = await firstValueFrom(sealed.store.watch('note', SCOPE));
    expect(notes.map((n) => [n.text, n.syncState])).toEqual([['Kirjoitettu ennen salausta', 'pending']]);
    await sealed.close();
  });
});

describe('the data key', () => {
  it('is opened only by the secret it was wrapped with', async () => {
    const key = await newDataKey();
    const wrap = await wrapKey(key, '482915', 1000);
    expect(JSON.stringify(wrap)).not.toContain('482915');
    expect(await unwrapKey(wrap, '482916')).toBeNull();
    const opened = await unwrapKey(wrap, '482915');
    expect(opened).not.toBeNull();
    const [a, b] = await Promise.all([crypto.subtle.exportKey('raw', key), crypto.subtle.exportKey('raw', opened!)]);
    expect(new Uint8Array(b)).toEqual(new Uint8Array(a));
    expect((await wrapKey(key, 'x'.repeat(43), SECRET_ROUNDS)).rounds).toBe(1);
  });
});
