/**
 * Whether an error from the local database means the device's storage is full (the
 * browser's quota for this site is reached). It comes in several wrappings: IndexedDB's own
 * `QuotaExceededError` (a DOMException) when a request fails, Dexie's `AbortError` carrying
 * it as `inner` when the transaction aborts at commit (Chromium's way), RxDB's errors
 * carrying the storage's error in `parameters`, or a `cause`. Followed a few levels deep.
 */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; parameters?: { error?: unknown; errors?: unknown } };
  if (e.name === 'QuotaExceededError') return true;
  // Dexie: `new AbortError(tx.error)` says "QuotaExceededError <message>".
  if (typeof e.message === 'string' && /QuotaExceeded|quota exceeded/i.test(e.message)) return true;
  const nested = [e.inner, e.cause, e.parameters?.error, ...(Array.isArray(e.parameters?.errors) ? e.parameters.errors : [])];
  return nested.some((n) => isStorageFull(n, depth + 1));
}
