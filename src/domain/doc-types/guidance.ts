import { z } from 'zod';
import { isoDate, mutableFields, optionalText, prefixedId, whenValid } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

/** Services a participant is guided on to (Pitstoppi's "channel", Satelliitti's service guidance). */
export const GUIDANCE_SERVICES = [
  'employmentServices',
  'socialWork',
  'healthServices',
  'mentalHealthServices',
  'education',
  'villageAssociation',
  'workPlacement',
  'other',
] as const;
/** Whether the guidance led anywhere, as followed up later. */
export const GUIDANCE_OUTCOMES = ['pending', 'happened', 'didNotHappen'] as const;

const service = z.enum(GUIDANCE_SERVICES, 'v.choose');
const description = optionalText(300);
const spec = { name: 'guidance', id: 'own' } as const;
export const guidanceId = newIdOf(spec.name);

export const guidanceSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    participantId: prefixedId('participant'),
    sessionId: prefixedId('session').optional(),
    date: isoDate,
    service,
    /** Which service, when it is none on the list; a detail otherwise. */
    description,
    outcome: z.enum(GUIDANCE_OUTCOMES, 'v.choose'),
    followedUpOn: isoDate.optional(),
  })
  .refine((g) => g.service !== 'other' || !!g.description, {
    path: ['description'],
    error: 'v.describeOther',
    ...whenValid({ service, description }),
  });
export type Guidance = z.infer<typeof guidanceSchema>;

export const guidanceType = defineDocType({
  ...spec,
  schema: guidanceSchema,
  writers: STAFF,
  reach: 'staff',
  ref: 'participantId',
  labels: { service: ['guidance.service'], outcome: ['guidance.outcome'] },
});
