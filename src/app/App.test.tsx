import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberUser } from '../data/auth.ts';
import { openAfterSignIn, setPin } from '../data/device-lock.ts';
import { saveStartSnapshot } from '../data/start-snapshot.ts';
import { ROLE } from '../domain/index.ts';
import { App } from './App.tsx';

const GROUP = 'testgroup';
const snapshotOf = (user: string, name: string) => ({
  user,
  groups: [{ scope: `polku-g-${GROUP}`, name, sessions: [{ id: 'session:a', date: '2099-01-12', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme: 'Retki', instructors: [], status: 'planned' as const, syncState: 'synced' as const }] }],
});

beforeEach(() => {
  localStorage.clear();
  location.hash = '#/';
});
afterEach(() => localStorage.clear());

const instructor = { name: 'ohjaaja1', roles: [ROLE.instructor, ROLE.group(GROUP)] };

/** ohjaaja1 has signed in on this device before and chosen a PIN. */
async function withKeys() {
  const keys = await openAfterSignIn(instructor, 'salasana-1', async () => null);
  if (!('key' in keys)) throw new Error('no key');
  await setPin(instructor.name, keys.key, '482915');
  rememberUser(instructor);
}

describe('opening the app signed in', () => {
  it('opens a staff device locked, with nothing personal on screen', async () => {
    await withKeys();
    saveStartSnapshot(snapshotOf('ohjaaja1', 'Testiryhmä'));
    const { unmount, container } = render(<App />);
    screen.getByRole('heading', { name: 'Polku on lukittu' });
    expect(container.textContent).not.toMatch(/Testiryhmä|Retki|Kylmälä/);
    expect(screen.queryByRole('navigation', { name: 'Päävalikko' })).toBeNull();
    unmount();
  });

  it('asks a staff member with no keys on the device yet (an app updated from before the lock) to sign in once more', () => {
    rememberUser(instructor);
    const { unmount } = render(<App />);
    screen.getByRole('heading', { name: 'Kirjaudu sisään' });
    unmount();
  });

  it("draws the person's last known start screen as soon as the PIN opens it, before the database part has loaded", async () => {
    await withKeys();
    saveStartSnapshot(snapshotOf('ohjaaja1', 'Testiryhmä'));
    const { unmount } = render(<App />);
    fireEvent.input(screen.getByLabelText('PIN-koodi'), { target: { value: '482915' } });
    fireEvent.click(screen.getByRole('button', { name: 'Avaa' }));
    const section = await screen.findByRole('region', { name: 'Testiryhmä' }, { timeout: 5000 });
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('next-session').textContent).toContain('Retki');
    expect(screen.getByRole('navigation', { name: 'Päävalikko' })).toBeTruthy();
    unmount();
  });

  it("never draws someone else's", async () => {
    await withKeys();
    saveStartSnapshot(snapshotOf('ohjaaja2', 'Toisen ryhmä'));
    localStorage.setItem(`polku.start.1.ohjaaja1`, JSON.stringify(snapshotOf('ohjaaja2', 'Toisen ryhmä')));
    const { unmount } = render(<App />);
    fireEvent.input(screen.getByLabelText('PIN-koodi'), { target: { value: '482915' } });
    fireEvent.click(screen.getByRole('button', { name: 'Avaa' }));
    await screen.findByRole('status', undefined, { timeout: 5000 });
    expect(screen.queryByText('Toisen ryhmä')).toBeNull();
    unmount();
  });
});
