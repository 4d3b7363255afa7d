import { localDate, localInstant, shiftDate, weekday } from '../src/domain/index.ts';
import { e2eNow } from './clock.ts';

// Apart from clock.ts: the unit tests' setup imports that before faking `Date`, and the domain
// must not be loaded before then.

/**
 * Half an hour into the demo's next session (server/demo-data.ts: Tuesdays 10–13, the next
 * one today if today is Tuesday), or the run's moment if that session has already started:
 * attendance can be marked only once a session has started.
 */
export function duringNextSession(now: Date = e2eNow()): Date {
  const today = localDate(now);
  const start = localInstant(shiftDate(today, (2 - weekday(today) + 7) % 7), '10:30');
  return start > now ? start : now;
}
