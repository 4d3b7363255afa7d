import { localDate } from '../domain/time.ts';

/** Today in the organisation's zone (Finland), whatever zone the device is set to. Dates are shown with useT's date/day/moment. */
export const todayIso = (now = new Date()) => localDate(now);
