import { waitFor } from '@testing-library/preact';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offlineEnv, openTestData, seedGroup } from '../test-support.tsx';
import { openData } from './api.ts';
import { rememberedUser, rememberUser, signedInAt, signIn } from './auth.ts';
import { databaseNameFor, openDatabase } from './database.ts';
import { wipePersonData } from './wipe.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const dexieDatabases = async (name: string) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(`rxdb-dexie-${databaseNameFor(name)}--`));

/** The gateway as the device sees it: a sign-in stamped with the server's time, and the answer to "was I cut off?". */
function gateway(wipe: boolean) {
  const asked: { url: string; device: string | null }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: { headers?: Record<string, string> }) => {
    if (url.startsWith('/api/device/status')) {
      asked.push({ url, device: new Headers(init?.headers).get('X-Polku-Device') });
      return Response.json({ wipe });
    }
    if (url.endsWith('/_session')) return Response.json({ ok: true, name: 'ohjaaja1', roles: [] }, { headers: { 'X-Polku-Signed-In': '2026-11-30T08:00:00.000Z' } });
    throw new TypeError('offline');
  });
  return asked;
}

describe('wipePersonData', () => {
  it("removes the person's database from IndexedDB, and what the device kept of them, but nobody else's", async () => {
    gateway(false);
    await signIn('/couch', 'ohjaaja1', 'salasana1');
    expect(signedInAt('ohjaaja1')).toBe('2026-11-30T08:00:00.000Z');
    const mine = await openData({ name: 'ohjaaja1', roles: [] }, { env: offlineEnv });
    await seedGroup(mine, 2);
    await mine.close();
    const theirs = await openData({ name: 'ohjaaja2', roles: [] }, { env: offlineEnv });
    await seedGroup(theirs, 1);
    await theirs.close();
    expect(await dexieDatabases('ohjaaja1')).not.toEqual([]);

    await wipePersonData('ohjaaja1');

    expect(await dexieDatabases('ohjaaja1')).toEqual([]);
    expect(rememberedUser()).toBeNull();
    expect(signedInAt('ohjaaja1')).toBeUndefined();
    // Opened again, it is empty: nothing of theirs came back; the other person's is all there.
    const count = async (name: string) => {
      const db = await openDatabase(databaseNameFor(name), getRxStorageDexie());
      const n = await db.docs.count().exec();
      await db.close();
      return n;
    };
    expect(await count('ohjaaja1')).toBe(0);
    expect(await count('ohjaaja2')).toBe(2);
  });
});

describe('a cut-off reaching the device', () => {
  it('wipes the person\'s data when the server says they were cut off after signing in here', async () => {
    const asked = gateway(true);
    await signIn('/couch', 'ohjaaja1', 'salasana1');
    const api = await openTestData('ohjaaja1');
    await seedGroup(api, 1);
    api.sync.state$.next({ ...api.sync.state$.value, status: 'signIn' });
    await waitFor(() => expect(api.cutOff$.value).toBe(true));
    expect(api.db.closed).toBe(true);
    expect(rememberedUser()).toBeNull();
    const [question] = asked;
    expect(new URL(question!.url, 'http://x').searchParams.get('name')).toBe('ohjaaja1');
    expect(new URL(question!.url, 'http://x').searchParams.get('since')).toBe('2026-11-30T08:00:00.000Z');
    expect(question!.device).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps everything, unsent work too, when the session merely expired', async () => {
    const asked = gateway(false);
    rememberUser({ name: 'ohjaaja1', roles: [] });
    const api = await openTestData('ohjaaja1');
    await seedGroup(api, 1);
    api.sync.state$.next({ ...api.sync.state$.value, status: 'signIn' });
    await waitFor(() => expect(asked).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(api.cutOff$.value).toBe(false);
    expect(api.db.closed).toBe(false);
    expect(await api.db.docs.count({ selector: { syncState: 'pending' } }).exec()).toBe(2);
    expect(rememberedUser()?.name).toBe('ohjaaja1');
    await api.close();
  });

  it('wipes nothing when the server cannot be asked', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    const api = await openTestData('ohjaaja1');
    await seedGroup(api, 1);
    api.sync.state$.next({ ...api.sync.state$.value, status: 'signIn' });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.cutOff$.value).toBe(false);
    expect(await api.db.docs.count().exec()).toBe(2);
    await api.close();
  });
});
