/**
 * Sessions, dates and "today" are the organisation's wall-clock time, whatever zone a
 * device or the server happens to run in: a session "Tuesday 10:00" is Tuesday 10:00 in
 * Finland, and at 00:30 on Wednesday in Helsinki it is Wednesday for everyone, even on a
 * server whose clock says Tuesday 22:30 UTC.
 *
 * Built on Intl's time-zone data (the platform has Finland's rules) and plain calendar
 * arithmetic on yyyy-mm-dd dates, so no Date subclass is involved: it works the same under
 * a test's faked clock.
 */
export const ORGANISATION_TIME_ZONE = 'Europe/Helsinki';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ORGANISATION_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The organisation's wall clock at an instant, as numbers. */
function wallClock(at: Date) {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour!, mm: p.minute!, ss: p.second! };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const fields = (date: string) => date.split('-').map(Number) as [number, number, number];

/** The organisation's calendar date at `now`, as yyyy-mm-dd. */
export function localDate(now: Date): string {
  const { y, m, d } = wallClock(now);
  return ymd(y, m, d);
}

/** A calendar date `days` later (or earlier), as yyyy-mm-dd: plain calendar arithmetic, no zone involved. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = fields(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = fields(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** The instant a wall-clock date and time (hh:mm) happens in the organisation's zone. */
export function localInstant(date: string, time: string): Date {
  const [y, m, d] = fields(date);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offset at a guess, then at the corrected guess (it differs across a clock change).
  const offsetAt = (t: number) => {
    const w = wallClock(new Date(t));
    return Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss) - t;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

export const hasStarted = (s: { date: string; startTime: string }, now: Date) => now >= localInstant(s.date, s.startTime);
export const hasEnded = (s: { date: string; endTime: string }, now: Date) => now >= localInstant(s.date, s.endTime);

/** Monday to Sunday of the week `offset` weeks from the one `now` is in, as yyyy-mm-dd. */
export function weekDates(now: Date, offset = 0): string[] {
  const today = localDate(now);
  const monday = shiftDate(today, 1 - weekday(today) + 7 * offset);
  return Array.from({ length: 7 }, (_, i) => shiftDate(monday, i));
}

/** The first and last date of the month `now` is in. */
export function monthOf(now: Date): { from: string; to: string } {
  const { y, m } = wallClock(now);
  return { from: ymd(y, m, 1), to: shiftDate(ymd(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1) };
}
