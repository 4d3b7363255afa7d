import { tz, TZDate } from '@date-fns/tz';
import { addDays, addWeeks, endOfMonth, format, startOfMonth, startOfWeek } from 'date-fns';

/**
 * Sessions, dates and "today" are the organisation's wall-clock time, whatever zone a
 * device or the server happens to run in: a session "Tuesday 10:00" is Tuesday 10:00 in
 * Finland, and at 00:30 on Wednesday in Helsinki it is Wednesday for everyone, even on a
 * server whose clock says Tuesday 22:30 UTC.
 */
export const ORGANISATION_TIME_ZONE = 'Europe/Helsinki';
const inOrganisation = tz(ORGANISATION_TIME_ZONE);

/** The organisation's calendar date at `now`, as yyyy-mm-dd. */
export const localDate = (now: Date): string => format(now, 'yyyy-MM-dd', { in: inOrganisation });

/** The instant a session's wall-clock date and time (hh:mm) happens in the organisation's zone. */
export function localInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, ORGANISATION_TIME_ZONE).getTime());
}

export const hasStarted = (s: { date: string; startTime: string }, now: Date) => now >= localInstant(s.date, s.startTime);
export const hasEnded = (s: { date: string; endTime: string }, now: Date) => now >= localInstant(s.date, s.endTime);

/** Monday to Sunday of the week `offset` weeks from the one `now` is in, as yyyy-mm-dd. */
export function weekDates(now: Date, offset = 0): string[] {
  const monday = addWeeks(startOfWeek(now, { weekStartsOn: 1, in: inOrganisation }), offset);
  return Array.from({ length: 7 }, (_, i) => localDate(addDays(monday, i, { in: inOrganisation })));
}

/** The first and last date of the month `now` is in. */
export const monthOf = (now: Date) => ({
  from: localDate(startOfMonth(now, { in: inOrganisation })),
  to: localDate(endOfMonth(now, { in: inOrganisation })),
});

/** A calendar date `days` later (or earlier), as yyyy-mm-dd: plain calendar arithmetic, no zone involved. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
