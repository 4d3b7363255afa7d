/**
 * Small counts in reports that leave the organisation: a count of 1 up to the threshold − 1
 * could point at a person in a village of a few hundred, so it is not shown; the cell says a
 * count was suppressed and below what. 0 names nobody and is shown.
 */
export type Shown = { kind: 'count'; value: number } | { kind: 'suppressed'; below: number };

/** One count: shown when 0 or at least `threshold`, suppressed otherwise. */
export function shown(count: number, threshold: number): Shown {
  return count === 0 || count >= threshold ? { kind: 'count', value: count } : { kind: 'suppressed', below: threshold };
}

/**
 * The cells of one row (a group, a village, a split by gender). A small group (its total 1 up
 * to threshold − 1) suppresses the whole row, zeros too: with the total hidden a zero beside
 * other hidden cells still tells something of the few. Otherwise each cell on its own, with
 * `shown`.
 */
export function shownRow(counts: number[], rowTotal: number, threshold: number): Shown[] {
  const small = rowTotal > 0 && rowTotal < threshold;
  return counts.map((count) => (small ? { kind: 'suppressed', below: threshold } : shown(count, threshold)));
}

/**
 * A total and its parts (a split by gender), as one row: when any part would be suppressed,
 * every part is, and only the total shows, so no hidden part can be worked out by taking
 * the others from the total; when the total itself is small, everything is hidden.
 * Returns the parts' cells, then the total's.
 */
export function shownSplit(parts: number[], total: number, threshold: number): Shown[] {
  const hidden: Shown = { kind: 'suppressed', below: threshold };
  const totalShown = shown(total, threshold);
  if (totalShown.kind === 'suppressed') return [...parts.map(() => hidden), hidden];
  const cells = parts.map((part) => shown(part, threshold));
  return cells.some((c) => c.kind === 'suppressed') ? [...parts.map(() => hidden), totalShown] : [...cells, totalShown];
}
