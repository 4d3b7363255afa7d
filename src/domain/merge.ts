/**
 * Deterministic field-level merge for small mutable documents edited on two devices
 * offline. Each field carries a clock `${ISO time}|${deviceId}`; per field the greater
 * clock wins (ISO strings of equal length sort by time; the device id breaks ties).
 * The merge is commutative and idempotent, so every device and the server converge.
 */
export interface Clocked {
  updatedAt: string;
  updatedBy: string;
  createdAt: string;
  clock: Record<string, string>;
}

/** Fields that identify a document or are derived: never merged field by field. */
const FIXED = new Set(['id', 'type', 'scope', 'schemaVersion', 'createdAt', 'createdBy', 'clock', 'updatedAt', 'updatedBy']);

const clockOf = (doc: Clocked, field: string) => doc.clock[field] ?? `${doc.createdAt}|`;

export function mergeFields<T extends Clocked>(a: T, b: T): T {
  // Start from the side with the newer overall update so fixed fields are deterministic too.
  const [newer, older] = compareUpdate(a, b) >= 0 ? [a, b] : [b, a];
  const merged = { ...newer } as Record<string, unknown>;
  const clock: Record<string, string> = {};
  const fields = new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(a.clock), ...Object.keys(b.clock)]);
  for (const field of fields) {
    if (FIXED.has(field)) continue;
    const ca = clockOf(a, field);
    const cb = clockOf(b, field);
    const winner = ca > cb ? a : cb > ca ? b : newer;
    const value = (winner as Record<string, unknown>)[field];
    if (value === undefined) delete merged[field];
    else merged[field] = value;
    // Only fields someone edited carry a clock; the others keep none, so merging equal documents changes nothing.
    if (a.clock[field] !== undefined || b.clock[field] !== undefined) clock[field] = ca > cb ? ca : cb;
  }
  merged.clock = clock;
  return merged as T;
}

function compareUpdate(a: Clocked, b: Clocked): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? 1 : -1;
  const la = Object.values(a.clock).sort().at(-1) ?? '';
  const lb = Object.values(b.clock).sort().at(-1) ?? '';
  return la === lb ? 0 : la > lb ? 1 : -1;
}

/**
 * Apply a local edit: changed fields get a fresh clock; `updatedAt` never goes backwards
 * (a second edit within the same millisecond must still count as newer).
 */
export function applyEdit<T extends Clocked>(
  doc: T,
  changes: Partial<T>,
  by: { user: string; device: string; now: Date },
): T {
  const previous = Date.parse(doc.updatedAt);
  const at = new Date(Math.max(by.now.getTime(), previous + 1)).toISOString();
  const clock = { ...doc.clock };
  const next = { ...doc } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (FIXED.has(field)) continue;
    if (JSON.stringify(next[field]) === JSON.stringify(value)) continue;
    if (value === undefined) delete next[field];
    else next[field] = value;
    clock[field] = `${at}|${by.device}`;
  }
  return { ...(next as T), clock, updatedAt: at, updatedBy: by.user };
}
