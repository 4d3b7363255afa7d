/** One row of the bench table: a median over runs with its spread, against a budget where there is one. */
export interface Figure {
  what: string;
  median: number;
  min: number;
  max: number;
  unit: string;
  budget?: string;
  ok?: boolean;
  /** The database server behind the gateway, for figures measured against one. */
  server?: string;
  /** What was counted beside the time (requests, bytes), which may differ from server to server. */
  note?: string;
  /** The bench section that measured it (BENCH_ONLY's names): a part run alone replaces only its own rows. */
  section?: string;
}

export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

export const once = (what: string, value: number, unit: string, budget?: { max: number; text: string }): Figure => ({
  what,
  median: value,
  min: value,
  max: value,
  unit,
  ...(budget ? { budget: budget.text, ok: value <= budget.max } : {}),
});

/** Several runs of one timing. */
export const spread = (what: string, values: number[], unit: string, budget?: { text: string; ok: (median: number) => boolean }): Figure => ({
  what,
  median: round1(median(values)),
  min: round1(Math.min(...values)),
  max: round1(Math.max(...values)),
  unit,
  ...(budget ? { budget: budget.text, ok: budget.ok(median(values)) } : {}),
});

export function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}
