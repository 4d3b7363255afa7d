/**
 * The last known start screen: what a staff member's start screen showed the last time the
 * local database changed (per group: its name and its sessions' date, time, village, theme,
 * instructors, state — nothing about participants), kept in localStorage so that the app can
 * draw it at once on the next visit, before the database chunk has loaded and the database
 * is open; then the live screen takes its place, the same layout.
 *
 * It is the local database's own content, written by the data layer (keep-start-snapshot.ts)
 * whenever it changes, so it is as fresh as the database itself until the next sync.
 *
 * One person's at a time, under their name: it is read only for the same user, removed when
 * someone else signs in on the device and on sign-out. This module stays light (no RxDB, no
 * RxJS, no zod): the first chunk uses it.
 */
import type { LocalDoc } from './store.ts';

/** A session as the start screen shows it. */
export type StartSession = Pick<LocalDoc<'session'>, 'id' | 'date' | 'startTime' | 'endTime' | 'village' | 'theme' | 'instructors' | 'status' | 'syncState'>;

/**
 * Sessions the start screen lists before "show all": upcoming ones, and the most recent past
 * ones. A coordinator's laptop holds years of sessions of many groups; drawing them all took
 * seconds on a slow device before the screen could be used.
 */
export const UPCOMING_SHOWN = 8;
export const PAST_SHOWN = 5;

/** What of a group's sessions (by date) the last known screen keeps: every upcoming one (the next session is among them) and the past ones it lists. */
export function keptForStart<T extends { date: string }>(sessions: T[], today: string): T[] {
  const firstUpcoming = sessions.findIndex((s) => s.date >= today);
  const pastEnd = firstUpcoming === -1 ? sessions.length : firstUpcoming;
  return [...sessions.slice(Math.max(0, pastEnd - PAST_SHOWN), pastEnd), ...sessions.slice(pastEnd)];
}

export interface StartGroup {
  scope: string;
  /** The group's name; absent when its group document had not arrived yet. */
  name?: string;
  /** By date, as the start screen lists them. */
  sessions: StartSession[];
}

export interface StartSnapshot {
  /** Whose it is: never shown to anyone else. */
  user: string;
  /** The groups in the order the start screen shows them. */
  groups: StartGroup[];
}

const PREFIX = 'polku.start.';
const VERSION = 1;

const keyOf = (user: string) => `${PREFIX}${VERSION}.${user}`;

function isSession(value: unknown): value is StartSession {
  const s = value as Partial<StartSession> | null;
  return (
    !!s &&
    typeof s.id === 'string' &&
    typeof s.date === 'string' &&
    typeof s.startTime === 'string' &&
    typeof s.endTime === 'string' &&
    typeof s.village === 'string' &&
    (s.theme === undefined || typeof s.theme === 'string') &&
    Array.isArray(s.instructors) &&
    s.instructors.every((n) => typeof n === 'string') &&
    (s.status === 'planned' || s.status === 'held' || s.status === 'cancelled') &&
    (s.syncState === 'pending' || s.syncState === 'synced' || s.syncState === 'refused')
  );
}

function isGroup(value: unknown): value is StartGroup {
  const g = value as Partial<StartGroup> | null;
  return !!g && typeof g.scope === 'string' && (g.name === undefined || typeof g.name === 'string') && Array.isArray(g.sessions) && g.sessions.every(isSession);
}

/** This user's last known start screen, or null (none kept, someone else's, or unreadable). */
export function readStartSnapshot(user: string): StartSnapshot | null {
  try {
    const raw = localStorage.getItem(keyOf(user));
    const parsed = raw ? (JSON.parse(raw) as Partial<StartSnapshot>) : null;
    if (!parsed || parsed.user !== user || !Array.isArray(parsed.groups) || !parsed.groups.every(isGroup)) return null;
    return { user, groups: parsed.groups };
  } catch {
    return null;
  }
}

/** Keep this user's start screen; anyone else's is removed (one person's at a time on a device). */
export function saveStartSnapshot(snapshot: StartSnapshot): void {
  forgetStartSnapshots(snapshot.user);
  try {
    localStorage.setItem(keyOf(snapshot.user), JSON.stringify(snapshot));
  } catch {
    // Storage full or refused: the app opens without it, as before.
  }
}

/** Remove this user's kept start screen. */
export function forgetStartSnapshot(user: string): void {
  try {
    localStorage.removeItem(keyOf(user));
  } catch {
    // No storage: nothing kept.
  }
}

/** Remove every kept start screen, or every one but `except`'s. */
export function forgetStartSnapshots(except?: string): void {
  try {
    const keep = except === undefined ? undefined : keyOf(except);
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX) && key !== keep) keys.push(key);
    }
    keys.forEach((key) => localStorage.removeItem(key));
  } catch {
    // No storage: nothing kept.
  }
}
