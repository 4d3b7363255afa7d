import { render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberUser } from '../data/auth.ts';
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

describe('opening the app signed in', () => {
  it("draws the person's last known start screen at once, before the database part has loaded", () => {
    const user = { name: 'ohjaaja1', roles: [ROLE.instructor, ROLE.group(GROUP)] };
    rememberUser(user);
    saveStartSnapshot(snapshotOf('ohjaaja1', 'Testiryhmä'));
    const { unmount } = render(<App />);
    const section = screen.getByRole('region', { name: 'Testiryhmä' });
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('next-session').textContent).toContain('Retki');
    expect(screen.getByRole('navigation', { name: 'Päävalikko' })).toBeTruthy();
    unmount();
  });

  it("never draws someone else's", () => {
    saveStartSnapshot(snapshotOf('ohjaaja2', 'Toisen ryhmä'));
    rememberUser({ name: 'ohjaaja1', roles: [ROLE.instructor, ROLE.group(GROUP)] });
    localStorage.setItem(`polku.start.1.ohjaaja1`, JSON.stringify(snapshotOf('ohjaaja2', 'Toisen ryhmä')));
    const { unmount } = render(<App />);
    expect(screen.queryByText('Toisen ryhmä')).toBeNull();
    screen.getByRole('status');
    unmount();
  });
});
