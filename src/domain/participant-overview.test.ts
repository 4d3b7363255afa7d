import { describe, expect, it } from 'vitest';
import { currentNotes, currentStep, latestNotes, openGoals, recentAttendance } from './participant-overview.ts';
import { localInstant } from './time.ts';

// A fixed moment: Tuesday 15 December 2026, 12:00 in Finland (the clock is always passed in).
const NOW = localInstant('2026-12-15', '12:00');

const session = (id: string, date: string, status: 'planned' | 'held' | 'cancelled' = 'held', startTime = '10:00') => ({ id, date, startTime, status });

describe('the stage now', () => {
  const step = (stage: string, status: 'planned' | 'active' | 'completed' | 'interrupted', startDate?: string, createdAt = '2026-09-01T08:00:00.000Z') => ({ stage, status, startDate, createdAt });

  it('is the latest active step by start date, not the latest recorded', () => {
    const steps = [step('workTrial', 'active', '2026-11-01', '2026-11-30T08:00:00.000Z'), step('plan', 'completed', '2026-09-01'), step('paySubsidisedWork', 'active', '2026-12-01', '2026-11-02T08:00:00.000Z')];
    expect(currentStep(steps)?.stage).toBe('paySubsidisedWork');
  });

  it('is none when no step is active (planned, completed or interrupted only)', () => {
    expect(currentStep([step('plan', 'completed', '2026-09-01'), step('workTrial', 'planned', '2027-01-01'), step('education', 'interrupted')])).toBeUndefined();
    expect(currentStep([])).toBeUndefined();
  });
});

describe('open goals', () => {
  it('lists only open goals, the nearest target date first and undated last', () => {
    const goals = [
      { title: 'Ajokortti', status: 'open' as const },
      { title: 'CV', status: 'open' as const, targetDate: '2027-02-01' },
      { title: 'Kela-asiointi', status: 'reached' as const, targetDate: '2026-10-01' },
      { title: 'Hygieniapassi', status: 'open' as const, targetDate: '2027-01-15' },
      { title: 'Uimahalli', status: 'dropped' as const },
    ];
    expect(openGoals(goals).map((g) => g.title)).toEqual(['Hygieniapassi', 'CV', 'Ajokortti']);
  });
});

describe('attendance over the last sessions', () => {
  const weekly = ['2026-10-27', '2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24', '2026-12-01', '2026-12-08'].map((d, i) => session(`session:s${i}`, d));

  it('counts the last six sessions held, newest first, with marks for the person', () => {
    const marks = [
      { sessionId: 'session:s6', status: 'present' as const },
      { sessionId: 'session:s5', status: 'present' as const },
      { sessionId: 'session:s4', status: 'excused' as const },
      { sessionId: 'session:s3', status: 'present' as const },
      { sessionId: 'session:s2', status: 'absent' as const },
      { sessionId: 'session:s1', status: 'present' as const },
      { sessionId: 'session:s0', status: 'absent' as const }, // the seventh back: outside the window
    ];
    const r = recentAttendance(weekly, marks, { startDate: '2026-09-01' }, NOW);
    expect(r.sessions.map((s) => s.date)).toEqual(['2026-12-08', '2026-12-01', '2026-11-24', '2026-11-17', '2026-11-10', '2026-11-03']);
    expect(r).toMatchObject({ present: 4, excused: 1, absent: 1, unmarked: 0 });
  });

  it('leaves out cancelled and future sessions, and today’s until it has started', () => {
    const sessions = [...weekly.slice(4), session('session:cancel', '2026-12-10', 'cancelled'), session('session:today', '2026-12-15', 'planned', '13:00'), session('session:next', '2026-12-22', 'planned')];
    const r = recentAttendance(sessions, [], { startDate: '2026-09-01' }, NOW);
    expect(r.sessions.map((s) => s.sessionId)).toEqual(['session:s6', 'session:s5', 'session:s4']);
    const later = recentAttendance(sessions, [], { startDate: '2026-09-01' }, localInstant('2026-12-15', '13:05'));
    expect(later.sessions[0]?.sessionId).toBe('session:today');
  });

  it('counts from the day the person started; a session with no mark is unmarked, not absent', () => {
    const r = recentAttendance(weekly, [{ sessionId: 'session:s6', status: 'present' }], { startDate: '2026-11-24' }, NOW);
    expect(r.sessions.map((s) => s.date)).toEqual(['2026-12-08', '2026-12-01', '2026-11-24']);
    expect(r).toMatchObject({ present: 1, absent: 0, unmarked: 2 });
  });

  it('still counts a session the person came to before their recorded start, and none after they ended', () => {
    const r = recentAttendance(weekly, [{ sessionId: 'session:s0', status: 'present' }], { startDate: '2026-11-24', endDate: '2026-12-01' }, NOW);
    expect(r.sessions.map((s) => s.date)).toEqual(['2026-12-01', '2026-11-24', '2026-10-27']);
  });

  it('is empty for someone with no sessions yet', () => {
    expect(recentAttendance([], [], { startDate: '2026-12-01' }, NOW)).toEqual({ sessions: [], present: 0, absent: 0, excused: 0, unmarked: 0 });
  });
});

describe('latest notes', () => {
  const note = (id: string, createdAt: string, supersedes?: string) => ({ id, createdAt, ...(supersedes ? { supersedes } : {}) });

  it('are the newest first, a corrected note replaced by its correction', () => {
    const notes = [
      note('note:a', '2026-11-01T10:00:00.000Z'),
      note('note:b', '2026-11-08T10:00:00.000Z'),
      note('note:c', '2026-11-15T10:00:00.000Z'),
      note('note:d', '2026-11-22T10:00:00.000Z'),
      note('note:e', '2026-11-23T10:00:00.000Z', 'note:c'),
    ];
    expect(latestNotes(notes).map((n) => n.id)).toEqual(['note:e', 'note:d', 'note:b']);
    expect(latestNotes(notes, 2).map((n) => n.id)).toEqual(['note:e', 'note:d']);
    expect(currentNotes(notes).map((n) => n.id)).toEqual(['note:e', 'note:d', 'note:b', 'note:a']);
  });
});
