import { waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLE, sessionId } from '../domain/index.ts';
import { GROUP_KEY, openTestData, SCOPE, seedGroup } from '../test-support.tsx';
import { forgetUser, rememberUser } from './auth.ts';
import { forgetStartSnapshots, keptForStart, PAST_SHOWN, readStartSnapshot, saveStartSnapshot, type StartSession, type StartSnapshot } from './start-snapshot.ts';

const session: StartSession = { id: 'session:a', date: '2027-01-12', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', theme: 'Retki', instructors: ['ohjaaja1'], status: 'planned', syncState: 'synced' };
const of = (user: string): StartSnapshot => ({ user, groups: [{ scope: SCOPE, name: 'Testiryhmä', sessions: [session] }] });

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

describe('the last known start screen', () => {
  it('is given back to the same person only', () => {
    saveStartSnapshot(of('ohjaaja1'));
    expect(readStartSnapshot('ohjaaja1')).toEqual(of('ohjaaja1'));
    expect(readStartSnapshot('ohjaaja2')).toBeNull();
  });

  it("is one person's at a time: another's saved, or another signing in, removes it", () => {
    saveStartSnapshot(of('ohjaaja1'));
    saveStartSnapshot(of('ohjaaja2'));
    expect(readStartSnapshot('ohjaaja1')).toBeNull();
    expect(readStartSnapshot('ohjaaja2')).not.toBeNull();
    rememberUser({ name: 'ohjaaja3', roles: [] });
    expect(readStartSnapshot('ohjaaja2')).toBeNull();
    expect(Object.keys(localStorage).filter((k) => k.startsWith('polku.start'))).toEqual([]);
  });

  it('goes with the remembered user at sign-out', () => {
    rememberUser({ name: 'ohjaaja1', roles: [] });
    saveStartSnapshot(of('ohjaaja1'));
    forgetUser();
    expect(readStartSnapshot('ohjaaja1')).toBeNull();
  });

  it('is not used when it is not what was written', () => {
    saveStartSnapshot(of('ohjaaja1'));
    const key = Object.keys(localStorage).find((k) => k.startsWith('polku.start'))!;
    localStorage.setItem(key, JSON.stringify({ user: 'ohjaaja1', groups: [{ scope: SCOPE, sessions: [{ ...session, status: 'lost' }] }] }));
    expect(readStartSnapshot('ohjaaja1')).toBeNull();
    localStorage.setItem(key, '{');
    expect(readStartSnapshot('ohjaaja1')).toBeNull();
    forgetStartSnapshots();
  });
});

describe('what it keeps of a group with years of sessions', () => {
  it('every upcoming session and the most recent past ones the screen lists', () => {
    const dated = (date: string) => ({ date });
    const past = Array.from({ length: 150 }, (_, i) => dated(`2024-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`));
    // Today is given to it, never read from the clock: these dates mean the same on any day the test runs.
    const today = '2024-08-01';
    const upcoming = ['2024-08-01', '2024-08-08', '2024-08-15'].map(dated);
    expect(keptForStart([...past, ...upcoming], today)).toEqual([...past.slice(-PAST_SHOWN), ...upcoming]);
    expect(keptForStart(past, today)).toEqual(past.slice(-PAST_SHOWN));
    expect(keptForStart(upcoming, '2020-01-01')).toEqual(upcoming);
    expect(keptForStart([], today)).toEqual([]);
  });
});

describe('the data layer keeps it', () => {
  it("in step with the group's sessions, with the schedule only, and wipes it on sign-out", async () => {
    const api = await openTestData();
    await seedGroup(api, 1);
    await api.store.create('session', { id: sessionId(), scope: SCOPE, groupKey: GROUP_KEY, date: '2027-01-12', startTime: '10:00', endTime: '13:00', village: 'Kylmälä', address: 'Kylätie 1', theme: 'Retki', instructors: ['ohjaaja1'], capacity: 8, costCents: 3300, status: 'planned' });
    await waitFor(() => expect(readStartSnapshot('ohjaaja1')?.groups[0]?.sessions.length).toBe(1));
    const kept = readStartSnapshot('ohjaaja1')!;
    expect(kept.groups[0]!.name).toBe('Testiryhmä');
    expect(Object.keys(kept.groups[0]!.sessions[0]!).sort()).toEqual(['date', 'endTime', 'id', 'instructors', 'startTime', 'status', 'syncState', 'theme', 'village']);
    await api.signOut();
    await new Promise((done) => setTimeout(done, 400));
    expect(readStartSnapshot('ohjaaja1')).toBeNull();
  });

  it("keeps nothing of a participant's own start screen", async () => {
    const api = await openTestData('aino', [ROLE.participant, ROLE.self('mine0001')]);
    await new Promise((done) => setTimeout(done, 400));
    expect(readStartSnapshot('aino')).toBeNull();
    await api.close();
  });
});
