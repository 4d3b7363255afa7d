import { describe, expect, it } from 'vitest';
import { isPastRetention, retentionCutoff } from './retention.ts';

// 10:00 in Helsinki on 15 March 2026.
const now = new Date('2026-03-15T08:00:00Z');

describe('retention on devices', () => {
  it('keeps the same calendar day the given number of months back, in the organisation’s calendar', () => {
    expect(retentionCutoff(now, 24)).toBe('2024-03-15');
    expect(retentionCutoff(now, 3)).toBe('2025-12-15');
    // 00:30 on 1 May in Helsinki is still 30 April in UTC.
    expect(retentionCutoff(new Date('2026-04-30T21:30:00Z'), 1)).toBe('2026-04-01');
    // 31 May less three months: February has no 31st.
    expect(retentionCutoff(new Date('2026-05-31T09:00:00Z'), 3)).toBe('2026-02-28');
  });

  it('removes a note by the day it was written and an observation by the day observed, only once older than the period', () => {
    const cutoff = retentionCutoff(now, 24);
    expect(isPastRetention({ type: 'note', createdAt: '2024-03-14T12:00:00.000Z' }, cutoff)).toBe(true);
    expect(isPastRetention({ type: 'note', createdAt: '2024-03-15T12:00:00.000Z' }, cutoff)).toBe(false);
    // Written at 00:30 on 15 March in Helsinki (still the 14th in UTC): that day is kept.
    expect(isPastRetention({ type: 'note', createdAt: '2024-03-14T22:30:00.000Z' }, cutoff)).toBe(false);
    // An observation typed in today about a day long ago goes by the day observed.
    expect(isPastRetention({ type: 'observation', date: '2024-03-01', createdAt: '2026-03-15T08:00:00.000Z' }, cutoff)).toBe(true);
    expect(isPastRetention({ type: 'observation', date: '2025-03-01', createdAt: '2020-01-01T08:00:00.000Z' }, cutoff)).toBe(false);
  });

  it('never removes other kinds of documents, however old', () => {
    const cutoff = retentionCutoff(now, 1);
    for (const type of ['participant', 'session', 'attendance', 'goal', 'organisation']) {
      expect(isPastRetention({ type, createdAt: '2010-01-01T00:00:00.000Z', date: '2010-01-01' }, cutoff)).toBe(false);
    }
  });
});
