import { fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleLock } from './useIdleLock.ts';

function Probe({ onLock }: { onLock: () => void }) {
  useIdleLock(5, onLock);
  return <button type="button">x</button>;
}

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2027-01-12T10:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('locking after a time without use', () => {
  it('locks five minutes after the last touch or key, not before', () => {
    const onLock = vi.fn();
    const { unmount } = render(<Probe onLock={onLock} />);
    vi.advanceTimersByTime(4 * 60_000);
    fireEvent.pointerDown(document.body);
    vi.advanceTimersByTime(4 * 60_000);
    fireEvent.keyDown(document.body, { key: 'a' });
    vi.advanceTimersByTime(4 * 60_000 + 59_000);
    expect(onLock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    unmount();
  });

  it('locks at once when the page is seen again after the device slept longer than that', () => {
    const onLock = vi.fn();
    const { unmount } = render(<Probe onLock={onLock} />);
    // Asleep: the clock moves on but no timer runs.
    vi.setSystemTime(Date.now() + 6 * 60_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(onLock).toHaveBeenCalledTimes(1);
    unmount();
  });
});
