import { describe, expect, it } from 'vitest';
import { hasEnded, hasStarted, localDate, localInstant, monthOf, shiftDate, weekDates } from './time.ts';

// Whatever zone the process runs in (npm test repeats the unit suite in UTC at these moments),
// the organisation's calendar is Finland's.
describe("the organisation's clock (Europe/Helsinki)", () => {
  it("gives Finland's date where UTC is still on the day before", () => {
    expect(localDate(new Date('2027-01-12T21:30:00Z'))).toBe('2027-01-12'); // Tue 23:30
    expect(localDate(new Date('2027-01-12T22:30:00Z'))).toBe('2027-01-13'); // Wed 00:30
    expect(localDate(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01'); // New Year
  });

  it('places session times on the right instant on both sides of a clock change', () => {
    expect(localInstant('2027-03-27', '10:00').toISOString()).toBe('2027-03-27T08:00:00.000Z'); // EET
    expect(localInstant('2027-03-28', '10:00').toISOString()).toBe('2027-03-28T07:00:00.000Z'); // EEST
    expect(localInstant('2027-10-31', '10:00').toISOString()).toBe('2027-10-31T08:00:00.000Z'); // EET again
  });

  it('tells when a session has started and ended, to the minute', () => {
    const session = { date: '2027-01-12', startTime: '10:00', endTime: '13:00' };
    expect(hasStarted(session, new Date('2027-01-12T07:59:00Z'))).toBe(false);
    expect(hasStarted(session, new Date('2027-01-12T08:00:00Z'))).toBe(true);
    expect(hasEnded(session, new Date('2027-01-12T10:59:00Z'))).toBe(false);
    expect(hasEnded(session, new Date('2027-01-12T11:00:00Z'))).toBe(true);
  });

  it("builds Finland's week (Monday first) and month around a moment", () => {
    expect(weekDates(new Date('2026-12-31T22:30:00Z'))).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weekDates(new Date('2027-03-28T01:30:00Z'), 1)[0]).toBe('2027-03-29');
    expect(monthOf(new Date('2026-12-31T22:30:00Z'))).toEqual({ from: '2027-01-01', to: '2027-01-31' });
  });

  it('counts calendar days across month, year and leap day', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2027-03-01', -1)).toBe('2027-02-28');
  });
});
