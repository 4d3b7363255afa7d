import { z } from 'zod';
import { isoDate, isoDateTime, key, mutableFields, optionalText, text } from '../common.ts';
import { defineDocType, docHead, newIdOf, STAFF } from './define.ts';

export const PARTICIPANT_STATUSES = ['active', 'paused', 'ended'] as const;
export const LANGUAGES = ['fi', 'sv', 'en', 'ru', 'uk', 'ar', 'so', 'other'] as const;

/** Contact details are kept only together with the time consent was recorded. */
export const contact = z
  .object({
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'v.phone').optional(),
    email: z.email('v.email').optional(),
    consentRecordedAt: isoDateTime,
  })
  .optional();

/** ESF-style entry record; every item optional. Sensitive items are marked so in the UI. */
export const LABOUR_MARKET_STATUSES = ['unemployed', 'longTermUnemployed', 'inactive', 'employed', 'student'] as const;
export const AGE_BANDS = ['under25', '25to54', '55plus'] as const;
export const EDUCATION_LEVELS = ['basic', 'upperSecondary', 'tertiary'] as const;
export const esfEntry = z
  .object({
    labourMarketStatus: z.enum(LABOUR_MARKET_STATUSES, 'v.choose').optional(),
    ageBand: z.enum(AGE_BANDS, 'v.choose').optional(),
    educationLevel: z.enum(EDUCATION_LEVELS, 'v.choose').optional(),
    recordedAt: isoDateTime,
  })
  .optional();

/** How a participant found the group (Laavu: by themselves or through the network). */
export const REFERRAL_SOURCES = ['self', 'employmentOffice', 'kela', 'municipalEmployment', 'socialHealth', 'villageAssociation', 'other'] as const;

const spec = { name: 'participant', id: 'own' } as const;
export const participantId = newIdOf(spec.name);

export const participantSchema = z.looseObject({
  ...docHead(spec),
  ...mutableFields,
  groupKey: key,
  displayName: text(80),
  homeVillage: text(80),
  language: z.enum(LANGUAGES, 'v.choose'),
  status: z.enum(PARTICIPANT_STATUSES, 'v.choose'),
  startDate: isoDate,
  /** When the participation ended (set when the status becomes "ended"). */
  endDate: isoDate.optional(),
  /** A move to another group ends this record and starts one there: the group moved to… */
  movedTo: key.optional(),
  /** …and, on the record in the new group, the group moved from. */
  movedFrom: key.optional(),
  username: z.string().max(60).optional(),
  contact,
  walkIn: z.boolean().optional(),
  esf: esfEntry,
  /** Where they came from, asked at enrolment. */
  referral: z.enum(REFERRAL_SOURCES, 'v.choose').optional(),
  info: optionalText(500),
});
export type Participant = z.infer<typeof participantSchema>;

export const participantType = defineDocType({
  ...spec,
  schema: participantSchema,
  writers: STAFF,
  // A participant's own record stays with the staff (it holds the entry data and notes on contact).
  reach: 'staff',
  ref: 'groupKey',
  labels: {
    language: ['participant.language'],
    status: ['participant.status'],
    'esf.labourMarketStatus': ['participant.labourMarketStatus'],
    'esf.ageBand': ['participant.ageBand'],
    'esf.educationLevel': ['participant.educationLevel'],
    referral: ['participant.referral'],
  },
});

/** Same name in the same village: most likely the same person entered twice. */
export const isDuplicateParticipant = (others: { id: string; displayName: string; homeVillage: string }[], id: string, name: string, village: string) =>
  others.some((o) => o.id !== id && o.displayName.trim().toLowerCase() === name.trim().toLowerCase() && o.homeVillage.trim().toLowerCase() === village.trim().toLowerCase());
