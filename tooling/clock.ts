/**
 * The moment a test run pretends it is. Tests never depend on the day or hour they run:
 * the e2e suites build the demo organisation around this moment and install it as the
 * browser's clock (time then flows on from it), and the unit suites fake `Date` with it
 * when `POLKU_TEST_NOW` is set. `npm test` repeats the date-sensitive suites at the
 * awkward moments below (tests/run-all.ts).
 */
export const MOMENTS = {
  /** Monday 12:00 in Helsinki: nothing special. */
  ordinary: '2027-01-11T10:00:00Z',
  /** Tuesday 23:30 in Helsinki, on a session day, after the session. */
  tuesdayNight: '2027-01-12T21:30:00Z',
  /** Wednesday 00:30 in Helsinki while it is still Tuesday 22:30 in UTC. */
  afterMidnight: '2027-01-12T22:30:00Z',
  /** 00:30 on New Year's Day in Helsinki, still New Year's Eve in UTC: another year. */
  newYear: '2026-12-31T22:30:00Z',
  /** 04:30 in Helsinki, an hour and a half after the clocks went forward (EET → EEST). */
  dstNight: '2027-03-28T01:30:00Z',
} as const;
export type Moment = keyof typeof MOMENTS;

/** `POLKU_TEST_NOW` as a moment's name or an ISO timestamp; undefined when not set. */
export function injectedNow(env = process.env.POLKU_TEST_NOW): Date | undefined {
  if (!env) return undefined;
  const iso = env in MOMENTS ? MOMENTS[env as Moment] : env;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`POLKU_TEST_NOW=${env} is neither a moment (${Object.keys(MOMENTS).join(', ')}) nor an ISO time`);
  return date;
}

/** The e2e suites' moment: the injected one, else an ordinary Monday noon. */
const e2eStart = injectedNow() ?? new Date(MOMENTS.ordinary);
const shift = e2eStart.getTime() - Date.now();
/** The pretended time now: the moment the run started at, plus the real time since. */
export const e2eNow = (): Date => new Date(Date.now() + shift);
