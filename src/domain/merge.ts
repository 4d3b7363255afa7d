/**
 * Deterministic field-level merge for small mutable documents edited on two devices
 * offline. Each field carries a clock `${ISO time}|${deviceId}`; per field the greater
 * clock wins (ISO strings of equal length sort by time; the device id breaks ties).
 * The merge is commutative and idempotent, so every device and the server converge.
 *
 * A list of items with ids (a goal's steps) is merged item by item, with a clock per item
 * (`steps[s1]`): one person ticking a step and another adding a step both count.
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

type Item = { id: string };
const isItemList = (v: unknown): v is Item[] =>
  Array.isArray(v) && v.every((x) => !!x && typeof x === 'object' && typeof (x as Item).id === 'string');
const itemKey = (field: string, id: string) => `${field}[${id}]`;
const listOf = (doc: Clocked, field: string) => ((doc as unknown as Record<string, unknown>)[field] ?? []) as Item[];

function mergeList(field: string, a: Clocked, b: Clocked, newer: Clocked, clock: Record<string, string>): Item[] {
  const [first, second] = newer === a ? [listOf(a, field), listOf(b, field)] : [listOf(b, field), listOf(a, field)];
  const ids = [...new Set([...first, ...second].map((i) => i.id))];
  const out: Item[] = [];
  for (const id of ids) {
    const key = itemKey(field, id);
    const ca = clockOf(a, key);
    const cb = clockOf(b, key);
    const fromA = listOf(a, field).find((i) => i.id === id);
    const fromB = listOf(b, field).find((i) => i.id === id);
    const item = ca > cb ? fromA : cb > ca ? fromB : newer === a ? fromA : fromB;
    if (a.clock[key] !== undefined || b.clock[key] !== undefined) clock[key] = ca > cb ? ca : cb;
    if (item) out.push(item);
  }
  return out;
}

export function mergeFields<T extends Clocked>(a: T, b: T): T {
  // Start from the side with the newer overall update so fixed fields are deterministic too.
  const newer = compareUpdate(a, b) >= 0 ? a : b;
  const merged = { ...newer } as Record<string, unknown>;
  const clock: Record<string, string> = {};
  const fields = new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(a.clock), ...Object.keys(b.clock)]);
  for (const field of fields) {
    if (FIXED.has(field) || field.includes('[')) continue;
    const va = (a as Record<string, unknown>)[field];
    const vb = (b as Record<string, unknown>)[field];
    if ((isItemList(va) || va === undefined) && (isItemList(vb) || vb === undefined) && (va !== undefined || vb !== undefined)) {
      merged[field] = mergeList(field, a, b, newer, clock);
      continue;
    }
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

/** A value with its object keys in one order, so a form that rebuilds an object in its own order writes no change. */
const ordered = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(ordered) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, ordered((v as Record<string, unknown>)[k])])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(ordered(a)) === JSON.stringify(ordered(b));

/**
 * Apply a local edit: changed fields get a fresh clock (a value equal to the stored one is no
 * change, whatever order its keys come in: a clock on it would let it overwrite an edit made
 * on another device meanwhile); `updatedAt` never goes backwards
 * (a second edit within the same millisecond must still count as newer).
 */
export function applyEdit<T extends Clocked>(
  doc: T,
  changes: { readonly [K in keyof T]?: unknown },
  by: { user: string; device: string; now: Date },
): T {
  const previous = Date.parse(doc.updatedAt);
  const at = new Date(Math.max(by.now.getTime(), previous + 1)).toISOString();
  const clock = { ...doc.clock };
  const next = { ...doc } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (FIXED.has(field)) continue;
    if (same(next[field], value)) continue;
    const before = next[field];
    if (value === undefined) delete next[field];
    else next[field] = value;
    if (isItemList(before) && isItemList(value)) {
      // Clock only the items that changed, appeared or went away.
      for (const id of new Set([...before, ...value].map((i) => i.id))) {
        const was = before.find((i) => i.id === id);
        const now = value.find((i) => i.id === id);
        if (!same(was, now)) clock[itemKey(field, id)] = `${at}|${by.device}`;
      }
    } else {
      clock[field] = `${at}|${by.device}`;
    }
  }
  return { ...(next as T), clock, updatedAt: at, updatedBy: by.user };
}
