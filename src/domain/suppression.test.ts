import { describe, expect, it } from 'vitest';
import { shown, shownRow, shownSplit } from './suppression.ts';

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

  it('hides every part of a split when one would be small, so none can be worked out from the total', () => {
    const hidden = { kind: 'suppressed', below: 5 };
    // 5 women and 1 man of 6: shown alone, "5 of 6" would name the one man.
    expect(shownSplit([5, 1, 0, 0], 6, 5)).toEqual([hidden, hidden, hidden, hidden, { kind: 'count', value: 6 }]);
    expect(shownSplit([5, 0, 0, 5], 10, 5)).toEqual([{ kind: 'count', value: 5 }, { kind: 'count', value: 0 }, { kind: 'count', value: 0 }, { kind: 'count', value: 5 }, { kind: 'count', value: 10 }]);
    expect(shownSplit([1, 2, 0, 0], 3, 5)).toEqual([hidden, hidden, hidden, hidden, hidden]);
    expect(shownSplit([0, 0], 0, 5)).toEqual([{ kind: 'count', value: 0 }, { kind: 'count', value: 0 }, { kind: 'count', value: 0 }]);
  });
});
