import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';
import { baseFields } from '../domain/index.ts';

type JsonSchemaObject = { properties: Record<string, Record<string, unknown>>; required?: string[] };

// The fields every document shares come from the zod schemas (src/domain/common.ts).
const shared = z.toJSONSchema(z.object(baseFields), { io: 'input', unrepresentable: 'any' }) as unknown as JsonSchemaObject;

/**
 * All domain documents live in one RxDB collection. RxDB open core allows 13 open
 * collections per page *in total*, so a collection per type would leave room for one
 * user's database only. Documents carry `type` and `scope`; `ref` is the value of each
 * type's main reference (its descriptor's `ref`) and `person` whom it is about, derived on
 * every write (stored.ts), so the common queries hit an index.
 */
export const docsSchema: RxJsonSchema<Record<string, unknown>> = {
  // 1: `person` and its index (a participant's timeline without scanning the group).
  version: 1,
  type: 'object',
  primaryKey: 'pk',
  properties: {
    ...shared.properties,
    pk: { type: 'string', maxLength: 300 },
    id: { type: 'string', maxLength: 200 },
    type: { type: 'string', maxLength: 20 },
    scope: { type: 'string', maxLength: 50 },
    ref: { type: 'string', maxLength: 100 },
    person: { type: 'string', maxLength: 100 },
    syncState: { type: 'string', maxLength: 10 },
    couchRev: { type: 'string' },
    syncError: { type: 'string' },
  },
  required: ['pk', 'id', 'type', 'scope', 'ref', 'person', 'syncState'],
  indexes: [
    ['type', 'scope', 'ref'],
    ['type', 'scope', 'person'],
    ['syncState', 'scope'],
  ],
  // Domain fields are validated by zod, not by RxDB (no validator plugin); unknown fields
  // written by newer app versions are kept, so nothing is lost on a round trip.
  additionalProperties: false,
} as RxJsonSchema<Record<string, unknown>>;
