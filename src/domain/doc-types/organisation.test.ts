import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../../tooling/doc-examples.ts';
import { checkDoc, DEFAULT_SMALL_COUNT_THRESHOLD, reportingOf, type Organisation } from './index.ts';

const withoutReporting = () => {
  const { reporting: _reporting, ...old } = exampleOf('organisation');
  return old;
};

describe("the organisation's reporting settings", () => {
  it('keeps a record made before reports had settings valid', () => {
    expect(checkDoc(withoutReporting())).toMatchObject({ ok: true });
  });

  it('fills the defaults: a threshold of 5 and no unit values', () => {
    expect(DEFAULT_SMALL_COUNT_THRESHOLD).toBe(5);
    expect(reportingOf(undefined)).toEqual({ smallCountThreshold: 5, unitValues: {} });
    expect(reportingOf(withoutReporting() as Organisation)).toEqual({ smallCountThreshold: 5, unitValues: {} });
  });

  it('gives the values set', () => {
    const org = { ...withoutReporting(), reporting: { smallCountThreshold: 10, unitValues: { subsidyMonthCents: 35000 } } } as Organisation;
    expect(reportingOf(org)).toEqual({ smallCountThreshold: 10, unitValues: { subsidyMonthCents: 35000 } });
  });
});
