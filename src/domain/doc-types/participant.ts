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

/**
 * ESF+ 2021–2027 participant data (Regulation (EU) 2021/1057, Annex I); every item optional,
 * "prefers not to say" always an answer. Legacy values stay valid so documents written with
 * the 2014–2020 categories are never quarantined: `ageBand` (shown read-only, not counted)
 * and the labour-market status `student` (counted as inactive, as the ESF guidance counts
 * people in education).
 */
export const GENDERS = ['woman', 'man', 'nonBinary', 'preferNot'] as const;
export const AGE_GROUPS = ['under18', '18to29', '30to54', '55plus', 'preferNot'] as const;
/** The statuses the form offers; `student` below is legacy only. */
export const LABOUR_MARKET_STATUSES = ['unemployed', 'longTermUnemployed', 'inactive', 'employed', 'preferNot'] as const;
const LEGACY_LABOUR_MARKET_STATUSES = ['student'] as const;
/** Legacy (2014–2020) age bands, never offered. */
export const AGE_BANDS = ['under25', '25to54', '55plus'] as const;
/** ISCED 0–2, 3–4 and 5–8. */
export const EDUCATION_LEVELS = ['basic', 'upperSecondary', 'tertiary', 'preferNot'] as const;
export const SENSITIVE_ANSWERS = ['yes', 'no', 'preferNot'] as const;
/** The special-category entry items, kept only with the person's consent: the one list the form, the report and the export derive from. */
export const SENSITIVE_ITEMS = ['disability', 'thirdCountNational', 'foreignBackground', 'minority', 'homeless', 'rural'] as const;
export type SensitiveItem = (typeof SENSITIVE_ITEMS)[number];
/** The person's situation within four weeks of leaving (result indicators EECR01–EECR04). */
export const EXIT_SITUATIONS = ['jobSearching', 'education', 'qualification', 'employed'] as const;
export const FOLLOW_UP_ANSWERS = ['yes', 'no', 'unknown'] as const;

const sensitiveAnswer = z.enum(SENSITIVE_ANSWERS, 'v.choose').optional();
const followUpAnswer = z.enum(FOLLOW_UP_ANSWERS, 'v.choose');

export const esfEntry = z
  .object({
    gender: z.enum(GENDERS, 'v.choose').optional(),
    ageGroup: z.enum(AGE_GROUPS, 'v.choose').optional(),
    labourMarketStatus: z.enum([...LABOUR_MARKET_STATUSES, ...LEGACY_LABOUR_MARKET_STATUSES], 'v.choose').optional(),
    ageBand: z.enum(AGE_BANDS, 'v.choose').optional(),
    educationLevel: z.enum(EDUCATION_LEVELS, 'v.choose').optional(),
    /** The day the person entered the operation (a move copies it, so it survives moves). */
    entryDate: isoDate.optional(),
    recordedAt: isoDateTime,
  })
  .optional();
export type EsfEntry = NonNullable<z.infer<typeof esfEntry>>;

/**
 * The special-category entry items, kept only with the time the person consented. A field of
 * its own beside `esf`: withdrawing consent removes it as a whole, and the sync merges it apart
 * from a correction of the other entry items made elsewhere.
 */
export const esfSensitive = z
  .object({
    consentRecordedAt: isoDateTime,
    ...(Object.fromEntries(SENSITIVE_ITEMS.map((item) => [item, sensitiveAnswer])) as Record<SensitiveItem, typeof sensitiveAnswer>),
  })
  .optional();
export type EsfSensitive = NonNullable<z.infer<typeof esfSensitive>>;

/**
 * The situation within four weeks of the exit dated `date` (the participation's endDate it
 * answers for); none of them: an empty list. A field of its own beside `esf`, as is the
 * follow-up: the sync merges a document field by field, so an exit answer recorded on one
 * device and the entry data corrected on another at the same time both stay.
 */
export const esfExit = z
  .object({
    date: isoDate,
    situations: z.array(z.enum(EXIT_SITUATIONS, 'v.choose')).max(EXIT_SITUATIONS.length, 'v.tooMany'),
    recordedAt: isoDateTime,
  })
  .optional();
export type EsfExit = NonNullable<z.infer<typeof esfExit>>;

/** Six months after the exit. */
export const esfFollowUp = z.object({ employed: followUpAnswer, improved: followUpAnswer, recordedAt: isoDateTime }).optional();
export type EsfFollowUp = NonNullable<z.infer<typeof esfFollowUp>>;

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
  esfSensitive,
  esfExit,
  esfFollowUp,
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
  // Its deletion is the controller's erasure: every device then removes everything about the person.
  deletedByServerOnly: true,
  ref: 'groupKey',
  labels: {
    language: ['participant.language'],
    status: ['participant.status'],
    'esf.labourMarketStatus': ['participant.labourMarketStatus'],
    'esf.ageBand': ['participant.ageBand'],
    'esf.educationLevel': ['participant.educationLevel'],
    'esf.gender': ['participant.gender'],
    'esf.ageGroup': ['participant.ageGroup'],
    ...Object.fromEntries(SENSITIVE_ITEMS.map((item) => [`esfSensitive.${item}`, ['participant.answer']])),
    'esfExit.situations': ['participant.exitSituation'],
    'esfFollowUp.employed': ['participant.followUpAnswer'],
    'esfFollowUp.improved': ['participant.followUpAnswer'],
    referral: ['participant.referral'],
  },
});

/** Same name in the same village: most likely the same person entered twice. */
export const isDuplicateParticipant = (others: { id: string; displayName: string; homeVillage: string }[], id: string, name: string, village: string) =>
  others.some((o) => o.id !== id && o.displayName.trim().toLowerCase() === name.trim().toLowerCase() && o.homeVillage.trim().toLowerCase() === village.trim().toLowerCase());
