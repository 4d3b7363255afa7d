import { z } from 'zod';
import { mutableFields, optionalText, text } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

export const PARTNER_KINDS = ['villageAssociation', 'company', 'workshop', 'municipality', 'other'] as const;

const spec = { name: 'partner', id: 'own' } as const;
export const partnerId = newIdOf(spec.name);

/**
 * A partner organisation near the group (Laavu: village associations as employers;
 * Satelliitti: the intermediate labour market): where placements happen, and who may
 * produce sessions as a purchased service.
 */
export const partnerSchema = z.looseObject({
  ...docHead(spec),
  ...mutableFields,
  name: text(120),
  kind: z.enum(PARTNER_KINDS, 'v.choose'),
  /** The kinds of work or activity it offers. */
  work: optionalText(200),
  contact: optionalText(200),
  /** How many placements it can take at once. */
  capacity: z.int('v.wholeNumber').min(0, 'v.tooSmall').max(100, 'v.tooBig').optional(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const partnerType = defineDocType({
  ...spec,
  schema: partnerSchema,
  writers: STAFF,
  reach: 'staff',
  labels: { kind: ['partner.kind'] },
});
