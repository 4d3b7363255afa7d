import { z } from 'zod';
import { mutableFields } from '../common.ts';
import { defineDocType, docHead, idNamesSessionAndPerson, sessionPersonFields, sessionPersonIdOf, STAFF } from './define.ts';

/** The online errands an instructor helps with during a session (Pitstoppi); no content is kept. */
export const ERRAND_KINDS = ['kela', 'employmentServices', 'municipality', 'healthServices', 'bankOrId', 'other'] as const;
export type ErrandKind = (typeof ERRAND_KINDS)[number];

const spec = { name: 'errand', id: 'perRefPerson' } as const;
export const errandId = sessionPersonIdOf(spec.name);

/** Which kinds of errand one participant was helped with at one session. */
export const errandSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    ...sessionPersonFields,
    kinds: z.array(z.enum(ERRAND_KINDS, 'v.choose')).max(ERRAND_KINDS.length, 'v.tooMany'),
  })
  .refine(...idNamesSessionAndPerson(spec.name));
export type Errand = z.infer<typeof errandSchema>;

export const errandType = defineDocType({
  ...spec,
  schema: errandSchema,
  writers: STAFF,
  reach: 'staff',
  ref: 'sessionId',
  labels: { kinds: ['errand.kind'] },
});
