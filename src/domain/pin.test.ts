import { describe, expect, it } from 'vitest';
import { PIN_MAX_FAILURES, pinProblem, pinWait } from './pin.ts';

describe('a PIN', () => {
  it('is refused with a reason when too short, not digits or too obvious', () => {
    expect(pinProblem('12345')).toBe('v.pinShort');
    expect(pinProblem('12a456')).toBe('v.pinDigits');
    expect(pinProblem('1234567890123')).toBe('v.pinLong');
    for (const pin of ['123456', '000000', '654321', '121212', '123123', '112233', '111222', '0123456789', '998877']) expect(pinProblem(pin), pin).toBe('v.pinObvious');
  });

  it('of six or more digits without a pattern is accepted', () => {
    for (const pin of ['482915', '730164', '25081937']) expect(pinProblem(pin), pin).toBeNull();
  });
});

describe('wrong PINs', () => {
  it('cost nothing for three tries, then wait longer each time, then need the password', () => {
    expect(pinWait(0)).toEqual({ exhausted: false, waitSeconds: 0, triesBeforeWait: 3 });
    expect(pinWait(2)).toEqual({ exhausted: false, waitSeconds: 0, triesBeforeWait: 1 });
    const waits = Array.from({ length: PIN_MAX_FAILURES - 3 }, (_, i) => pinWait(3 + i)).map((w) => (w.exhausted ? -1 : w.waitSeconds));
    expect(waits.every((w, i) => w > 0 && (i === 0 || w > waits[i - 1]!))).toBe(true);
    expect(pinWait(PIN_MAX_FAILURES)).toEqual({ exhausted: true });
  });
});
