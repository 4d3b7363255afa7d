import { render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rememberUser } from '../data/auth.ts';
import { databaseNameFor } from '../data/database.ts';
import { openAfterSignIn, setPin } from '../data/device-lock.ts';
import { ROLE } from '../domain/index.ts';

// Whether the signed-in part (RxDB, the domain, every screen) has been loaded, seen from its
// module being evaluated; it draws what App gives it to show while waiting.
const signedIn = vi.hoisted(() => ({ loaded: 0 }));
vi.mock('./SignedInApp.tsx', () => {
  signedIn.loaded++;
  return { SignedInApp: ({ waiting }: { waiting?: unknown }) => waiting ?? null };
});

const instructor = { name: 'ohjaaja1', roles: [ROLE.instructor, ROLE.group('testgroup')] };

beforeEach(() => {
  localStorage.clear();
  location.hash = '#/';
  signedIn.loaded = 0;
  // A fresh App (and its once-only loader) and a fresh signed-in module each time.
  vi.resetModules();
});
afterEach(() => localStorage.clear());

const freshApp = async () => (await import('./App.tsx')).App;
const databasesOf = async (user: string) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(`rxdb-dexie-${databaseNameFor(user)}--`));

describe('the signed-in part, loaded ahead', () => {
  it('loads while the lock screen waits for the PIN, so the PIN opens the device without that wait', async () => {
    const keys = await openAfterSignIn(instructor, 'salasana-1', async () => null);
    if (!('key' in keys)) throw new Error('no key');
    await setPin(instructor.name, keys.key, '482915');
    rememberUser(instructor);
    const App = await freshApp();
    const { unmount } = render(<App />);
    screen.getByRole('heading', { name: 'Polku on lukittu' });
    await waitFor(() => expect(signedIn.loaded).toBe(1));
    // And their database opens (sealed: the key comes with the PIN).
    await waitFor(async () => expect(await databasesOf(instructor.name)).not.toEqual([]));
    // Loaded, not opened: the device is still locked.
    screen.getByRole('heading', { name: 'Polku on lukittu' });
    expect(screen.queryByRole('navigation', { name: 'Päävalikko' })).toBeNull();
    unmount();
    await (await import('../data/open-ahead.ts')).closeAhead();
  });

  it('is not loaded on the sign-in screen of a device nobody uses yet (its first load on a weak link is the form)', async () => {
    const before = await indexedDB.databases();
    const App = await freshApp();
    const { unmount } = render(<App />);
    screen.getByRole('heading', { name: 'Kirjaudu sisään' });
    await new Promise((r) => setTimeout(r, 200));
    expect(signedIn.loaded).toBe(0);
    expect(await indexedDB.databases()).toEqual(before);
    unmount();
  });
});
