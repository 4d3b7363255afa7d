import { describe, expect, it } from 'vitest';
import { checkDoc } from '../src/domain/index.ts';
import { demoDocuments } from './demo-data.ts';

describe('the demo organisation', () => {
  it('is made of documents the app accepts, whatever the day it is built around', () => {
    for (const now of [new Date('2026-12-02T10:00:00Z'), new Date('2027-03-28T23:30:00Z'), new Date('2026-12-31T22:30:00Z')]) {
      const refused = demoDocuments(now).flatMap((doc) => {
        const checked = checkDoc(doc);
        return checked.ok ? [] : [{ id: doc.id, problems: checked.problems }];
      });
      expect(refused).toEqual([]);
    }
  });
});
