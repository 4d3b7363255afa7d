/**
 * A PIN opens a locked device (SECURITY.md, "Lock and PIN"). It is the person's own, at
 * least six digits and not one anybody would try first. Wrong tries slow down and, after
 * too many, the PIN stops working until a full sign-in with the password.
 */
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

/** Tries that may fail before waits begin, and the wait after each further failure. */
const FREE_TRIES = 3;
const WAITS_SECONDS = [30, 60, 120, 300, 600];
/** After this many failures in a row the PIN no longer opens the device. */
export const PIN_MAX_FAILURES = FREE_TRIES + WAITS_SECONDS.length;

export type PinProblem = 'v.pinDigits' | 'v.pinShort' | 'v.pinLong' | 'v.pinObvious';

const ascending = '01234567890123456789';
const descending = '98765432109876543210';

/** Why a PIN will not do, or null when it will. */
export function pinProblem(pin: string): PinProblem | null {
  if (!/^\d*$/.test(pin)) return 'v.pinDigits';
  if (pin.length < PIN_MIN_LENGTH) return 'v.pinShort';
  if (pin.length > PIN_MAX_LENGTH) return 'v.pinLong';
  return obvious(pin) ? 'v.pinObvious' : null;
}

function obvious(pin: string): boolean {
  if (ascending.includes(pin) || descending.includes(pin)) return true;
  // A short pattern repeated: 000000, 121212, 123123, 112112.
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) return true;
  }
  // Doubled digits in a run: 112233, 998877.
  const pairs = pin.length % 2 === 0 && [...pin].every((d, i) => i % 2 === 0 || d === pin[i - 1]);
  if (pairs) {
    const halves = [...pin].filter((_, i) => i % 2 === 0).join('');
    if (ascending.includes(halves) || descending.includes(halves)) return true;
  }
  // Two or fewer different digits are guessed early: 111222, 100000.
  return new Set(pin).size <= 2;
}

/** After `failures` wrong PINs in a row: seconds to wait before the next try, or `exhausted` (password needed). */
export function pinWait(failures: number): { exhausted: true } | { exhausted: false; waitSeconds: number; triesBeforeWait: number } {
  if (failures >= PIN_MAX_FAILURES) return { exhausted: true };
  if (failures < FREE_TRIES) return { exhausted: false, waitSeconds: 0, triesBeforeWait: FREE_TRIES - failures };
  return { exhausted: false, waitSeconds: WAITS_SECONDS[failures - FREE_TRIES]!, triesBeforeWait: 0 };
}
