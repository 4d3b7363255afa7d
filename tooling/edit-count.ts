/**
 * What the chaos scenarios (fault-scenario.ts, versions-scenario.ts) check after convergence:
 * every field edit made is on the server, or a later edit of the same field that the merge
 * rule (src/domain/merge.ts: the greater field clock wins) lets win is — anything else is lost;
 * and a device's copy of a document equals the server's.
 */

/** A field as a device stored it just after editing it: the value and its clock (when, which device). */
export interface FieldEdit {
  id: string;
  field: string;
  value: unknown;
  clock: string;
}

export type ServerDoc = Record<string, unknown> & { _id: string; _rev?: string; clock?: Record<string, string> };

export interface EditCount {
  present: number;
  superseded: number;
  lost: FieldEdit[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function countEdits(edits: readonly FieldEdit[], byId: ReadonlyMap<string, ServerDoc>): EditCount {
  const count: EditCount = { present: 0, superseded: 0, lost: [] };
  for (const e of edits) {
    const server = byId.get(e.id);
    const clock = server?.clock?.[e.field];
    if (clock === e.clock && same(server?.[e.field], e.value)) count.present++;
    // Superseded only by an edit that was really made and whose value the server holds.
    else if (clock !== undefined && clock > e.clock && edits.some((w) => w.id === e.id && w.field === e.field && w.clock === clock && same(server?.[e.field], w.value))) count.superseded++;
    else count.lost.push(e);
  }
  return count;
}

/** A document's content without its id and revision, keys in one order: the same on a device and on the server. */
export function contentOf(doc: Record<string, unknown>): string {
  const { _id, _rev, _revisions, id, ...rest } = doc;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
}
