import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SyncScheduler } from '../../src/data/sync/scheduler.ts';
import { groupScope, staffRoles } from '../../src/domain/index.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { provisionGroup } from '../../server/design-docs.ts';
import { openDevice, type Device } from '../../tooling/device.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';

// A sync round as the app runs it (SyncScheduler over the real engine and server), with the
// question "which scopes may this user read?" answered when the test says so.
const demo = groupScope(DEMO_GROUP_KEY);
let server: TestServer;
let added: string;

beforeAll(async () => {
  server = await startTestServer();
  added = await provisionGroup(server.admin, 'rounds01');
  await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY, 'rounds01'));
});
afterAll(async () => {
  await server?.stop();
});

async function deviceWithLog(): Promise<{ device: Device; paths: string[] }> {
  const paths: string[] = [];
  const logging: typeof fetch = (input, init) => {
    paths.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
  return { device: await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: logging }), paths };
}

describe('a sync round', () => {
  it('syncs the first scope while the server is asked for the scopes, then syncs one it adds and forgets one it took away', async () => {
    const { device, paths } = await deviceWithLog();
    let answer!: (scopes: string[]) => void;
    const forgotten: string[] = [];
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [demo, 'polku-g-gone0001'],
      refreshScopes: () => new Promise((resolve) => (answer = resolve)),
      forgetScope: async (scope) => {
        forgotten.push(scope);
        await device.engine.forgetScope(scope);
      },
    });
    const round = scheduler.syncNow();
    // The first scope's changes are asked for before the server has said anything about scopes.
    await vi.waitFor(() => expect(paths).toContain(`/couch/${demo}/_changes`));
    answer([demo, added]);
    await round;
    const state = scheduler.state$.value;
    expect(state.status).toBe('idle');
    expect(state.progress).toBeUndefined();
    expect(state.lastRound?.map((r) => r.scope)).toEqual([demo, added]);
    expect(forgotten).toEqual(['polku-g-gone0001']);
    expect(paths.some((p) => p.includes('gone0001'))).toBe(false);
    expect((await device.db.docs.find({ selector: { scope: demo } }).exec()).length).toBeGreaterThan(0);
    await scheduler.stop();
    await device.close();
  });

  it('syncs the groups after the first a few at a time, and reports them in their own order', async () => {
    const keys = ['par00001', 'par00002', 'par00003', 'par00004', 'par00005'];
    const scopes = [demo];
    for (const key of keys) scopes.push(await provisionGroup(server.admin, key));
    await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY, ...keys));
    const inFlight = new Set<string>();
    let most = 0;
    const slow: typeof fetch = async (input, init) => {
      const db = new URL(String(input)).pathname.split('/')[2]!;
      if (!db.startsWith('polku-')) return fetch(input, init);
      inFlight.add(db);
      most = Math.max(most, inFlight.size);
      await new Promise((r) => setTimeout(r, 30));
      try {
        return await fetch(input, init);
      } finally {
        inFlight.delete(db);
      }
    };
    const device = await openDevice(server.url, 'ohjaaja1', DEMO_PASSWORD, { fetch: slow });
    const scheduler = new SyncScheduler(device.db, device.engine, { scopes: () => scopes, refreshScopes: async () => scopes });
    await scheduler.syncNow();
    expect(scheduler.state$.value.status).toBe('idle');
    expect(scheduler.state$.value.lastRound?.map((r) => r.scope)).toEqual(scopes);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
    await scheduler.stop();
    await device.close();
  });

  it('forgets a group taken away while its sync was already under way, and goes on with the others', async () => {
    await server.admin.putUser('ohjaaja1', DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY));
    const { device, paths } = await deviceWithLog();
    const forgotten: string[] = [];
    const scheduler = new SyncScheduler(device.db, device.engine, {
      scopes: () => [added, demo],
      refreshScopes: async () => [demo],
      forgetScope: async (scope) => {
        forgotten.push(scope);
        await device.engine.forgetScope(scope);
      },
    });
    await scheduler.syncNow();
    expect(paths).toContain(`/couch/${added}/_changes`);
    expect(scheduler.state$.value.status).toBe('idle');
    expect(scheduler.state$.value.lastRound?.map((r) => r.scope)).toEqual([demo]);
    expect(forgotten).toContain(added);
    await scheduler.stop();
    await device.close();
  });

  it('asks the person to sign in again when the server says the session is gone', async () => {
    const { device } = await deviceWithLog();
    const scheduler = new SyncScheduler(device.db, device.engine, { scopes: () => [demo], refreshScopes: async () => null });
    await scheduler.syncNow();
    expect(scheduler.state$.value).toMatchObject({ status: 'signIn', error: { key: 'sync.err.auth' } });
    expect(scheduler.state$.value.lastSyncAt).toBeUndefined();
    await scheduler.stop();
    await device.close();
  });
});
