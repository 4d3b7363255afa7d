import { describe, expect, it } from 'vitest';
import { shown, shownRow } from './suppression.ts';

describe('small counts in reports', () => {
  it('shows 0 and counts at or above the threshold, and suppresses 1 to threshold − 1', () => {
    expect(shown(0, 5)).toEqual({ kind: 'count', value: 0 });
    expect(shown(1, 5)).toEqual({ kind: 'suppressed', below: 5 });
    expect(shown(4, 5)).toEqual({ kind: 'suppressed', below: 5 });
    expect(shown(5, 5)).toEqual({ kind: 'count', value: 5 });
    expect(shown(2, 2)).toEqual({ kind: 'count', value: 2 });
    expect(shown(1, 2)).toEqual({ kind: 'suppressed', below: 2 });
  });

  it('suppresses every cell of a small group, its zeros too', () => {
    expect(shownRow([3, 0, 1], 4, 5)).toEqual([
      { kind: 'suppressed', below: 5 },
      { kind: 'suppressed', below: 5 },
      { kind: 'suppressed', below: 5 },
    ]);
  });

  it('judges each cell of a large enough group on its own', () => {
    expect(shownRow([6, 0, 3], 9, 5)).toEqual([{ kind: 'count', value: 6 }, { kind: 'count', value: 0 }, { kind: 'suppressed', below: 5 }]);
  });

  it('shows a row of nobody as zeros', () => {
    expect(shownRow([0, 0], 0, 5)).toEqual([{ kind: 'count', value: 0 }, { kind: 'count', value: 0 }]);
  });
});
