import { z } from 'zod';
import { mutableFields, optionalText, text, whenValid } from '../common.ts';
import { defineDocType, docHead } from './define.ts';
import { groupSettings } from './group.ts';

const spec = { name: 'organisation', id: 'single' } as const;

/** A report that leaves the organisation shows no count below this (a small group, a sensitive item) unless set otherwise. */
export const DEFAULT_SMALL_COUNT_THRESHOLD = 5;

const monthCents = z.int('v.wholeNumber').min(0, 'v.tooSmall').max(10_000_000, 'v.tooBig').optional();
const otherLabel = optionalText(80);

/**
 * The values per person-month the impact report's savings estimate multiplies with, as the
 * organisation enters them (none entered: that part of the estimate is left out, never guessed).
 */
export const unitValues = z
  .object({
    /** The municipality's share of the labour-market subsidy per person-month. */
    subsidyMonthCents: monthCents,
    /** Any further saving per person-month the organisation wants to count… */
    otherMonthCents: monthCents,
    /** …and what it is, which the report prints beside it. */
    otherLabel,
  })
  // A saving the report cannot name is no saving a funder can check.
  .refine((u) => u.otherMonthCents === undefined || !!u.otherLabel, {
    path: ['otherLabel'],
    error: 'v.required',
    ...whenValid({ otherMonthCents: monthCents, otherLabel }),
  });
export type UnitValues = z.infer<typeof unitValues>;

export const reportingSettings = z.object({
  smallCountThreshold: z.int('v.wholeNumber').min(2, 'v.tooSmall').max(50, 'v.tooBig').optional(),
  unitValues: unitValues.optional(),
});
export type ReportingSettings = z.infer<typeof reportingSettings>;

/** A device locks after this long without use unless set otherwise. */
export const DEFAULT_LOCK_AFTER_MINUTES = 5;
/** Notes and observations older than this leave the devices (the server keeps them under the controller's rules). */
export const DEFAULT_RETENTION_MONTHS = 24;

export const privacySettings = z.object({
  lockAfterMinutes: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(60, 'v.tooBig').optional(),
  retentionMonths: z.int('v.wholeNumber').min(1, 'v.tooSmall').max(240, 'v.tooBig').optional(),
});
export type PrivacySettings = z.infer<typeof privacySettings>;

export const organisationSchema = z.looseObject({
  ...docHead(spec),
  ...mutableFields,
  name: text(120),
  defaults: groupSettings,
  /** How its reports count: absent on records made before reports had settings (then the defaults hold). */
  reporting: reportingSettings.optional(),
  /** How long a device stays open unused and keeps notes: absent on older records (then the defaults hold). */
  privacy: privacySettings.optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** The organisation's reporting settings with the defaults filled in (no record, or none set yet: threshold 5, no unit values). */
export function reportingOf(org?: Organisation): { smallCountThreshold: number; unitValues: UnitValues } {
  return {
    smallCountThreshold: org?.reporting?.smallCountThreshold ?? DEFAULT_SMALL_COUNT_THRESHOLD,
    unitValues: { ...org?.reporting?.unitValues },
  };
}

/** The organisation's privacy settings with the defaults filled in. */
export function privacyOf(org?: Organisation): Required<PrivacySettings> {
  return {
    lockAfterMinutes: org?.privacy?.lockAfterMinutes ?? DEFAULT_LOCK_AFTER_MINUTES,
    retentionMonths: org?.privacy?.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
  };
}

export const organisationType = defineDocType({ ...spec, schema: organisationSchema, writers: ['coordinator'], reach: 'staff' });
