import { describe, expect, it } from 'vitest';
import { datesIn, weeklyDates } from './schedule.ts';

describe('weekly schedule', () => {
  it('gives one date a week on the same weekday, across a month and a year end', () => {
    expect(weeklyDates('2026-12-15', 4)).toEqual(['2026-12-15', '2026-12-22', '2026-12-29', '2027-01-05']);
  });

  it('leaves out the skipped dates without making up for them', () => {
    expect(weeklyDates('2026-12-15', 4, ['2026-12-22', '2026-12-29'])).toEqual(['2026-12-15', '2027-01-05']);
  });

  it('keeps the weekday over the change to summer time', () => {
    expect(weeklyDates('2027-03-23', 2)).toEqual(['2027-03-23', '2027-03-30']);
  });

  it('gives nothing for a bad start or count', () => {
    expect(weeklyDates('not a date', 3)).toEqual([]);
    expect(weeklyDates('2026-12-15', 0)).toEqual([]);
    expect(weeklyDates('2026-12-15', 2.5)).toEqual([]);
  });

  it('reads skipped dates typed with commas, spaces or lines', () => {
    expect(datesIn('2026-12-22, 2026-12-29\n2027-01-05 ')).toEqual(['2026-12-22', '2026-12-29', '2027-01-05']);
  });
});
