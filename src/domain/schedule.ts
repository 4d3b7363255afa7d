import { addWeeks, format, parseISO } from 'date-fns';

/**
 * The dates of a weekly series: `weeks` occurrences from `from` (a yyyy-mm-dd date), one a
 * week on the same weekday, leaving out the dates in `skip` (holidays). Skipped weeks are
 * not made up for: "every Tuesday for 8 weeks except the 24th" gives 7 sessions.
 */
export function weeklyDates(from: string, weeks: number, skip: readonly string[] = []): string[] {
  const start = parseISO(from);
  if (Number.isNaN(start.getTime()) || !Number.isInteger(weeks) || weeks < 1) return [];
  const skipped = new Set(skip);
  const dates: string[] = [];
  for (let i = 0; i < weeks; i++) {
    const date = format(addWeeks(start, i), 'yyyy-MM-dd');
    if (!skipped.has(date)) dates.push(date);
  }
  return dates;
}

/** Dates typed into one field, separated by commas, spaces or new lines. */
export const datesIn = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);
