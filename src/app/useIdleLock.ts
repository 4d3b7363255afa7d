import { useEffect, useRef } from 'preact/hooks';

/** What counts as someone using the device. */
const USE = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/**
 * Calls `onLock` once the person has not used the app for `minutes`. A device asleep or a
 * tab in the background runs no timers: the time is checked again when the page is seen.
 */
export function useIdleLock(minutes: number, onLock: (() => void) | undefined, now: () => number = Date.now) {
  const lock = useRef(onLock);
  lock.current = onLock;
  const enabled = onLock !== undefined;
  useEffect(() => {
    if (!enabled) return;
    const limit = minutes * 60_000;
    let last = now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const idle = now() - last;
      if (idle >= limit) lock.current?.();
      else timer = setTimeout(check, limit - idle);
    };
    const used = () => {
      last = now();
    };
    // The window and document listened on, kept: a deferred cleanup may outlive the globals (see useRoute).
    const win = window;
    const doc = document;
    const seen = () => doc.visibilityState === 'visible' && check();
    for (const event of USE) win.addEventListener(event, used, { capture: true, passive: true });
    doc.addEventListener('visibilitychange', seen);
    timer = setTimeout(check, limit);
    return () => {
      clearTimeout(timer);
      for (const event of USE) win.removeEventListener?.(event, used, { capture: true });
      doc.removeEventListener?.('visibilitychange', seen);
    };
  }, [minutes, enabled]);
}
