import { localDate } from './time.ts';

/**
 * Which documents leave the devices once they are older than the organisation's retention
 * period (`privacyOf(org).retentionMonths`). Only notes and functional-capacity observations
 * (GDPR art. 9 data) do; the server keeps them under the controller's rules.
 */
export const RETAINED_TYPES = ['note', 'observation'] as const;

/**
 * The field that tells a retained document's day: an observation's `date` (the day it was
 * observed); a note's `createdAt` (a note has no date field and is never edited, so the day
 * it was written is its day, as the organisation's calendar reads it).
 */
export const RETAINED_DAY: Record<(typeof RETAINED_TYPES)[number], 'date' | 'createdAt'> = { note: 'createdAt', observation: 'date' };

/**
 * The first day still kept on the device: today in the organisation's calendar, `months`
 * earlier (the 31st of a shorter month is that month's last day).
 */
export function retentionCutoff(now: Date, months: number): string {
  const [y, m, d] = localDate(now).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** A retained document's own day (RETAINED_DAY), by which its age is told. */
function dayOf(doc: Readonly<Record<string, unknown>>): string | undefined {
  const field = RETAINED_DAY[doc.type as keyof typeof RETAINED_DAY];
  if (field === 'date') return typeof doc.date === 'string' ? doc.date : undefined;
  return typeof doc.createdAt === 'string' && !Number.isNaN(Date.parse(doc.createdAt)) ? localDate(new Date(doc.createdAt)) : undefined;
}

/** True when this document is of a retained type and its day lies before `cutoff` (retentionCutoff). */
export function isPastRetention(doc: Readonly<Record<string, unknown>>, cutoff: string): boolean {
  if (!(RETAINED_TYPES as readonly unknown[]).includes(doc.type)) return false;
  const day = dayOf(doc);
  return day !== undefined && day < cutoff;
}
