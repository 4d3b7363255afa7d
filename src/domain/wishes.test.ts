import { describe, expect, it } from 'vitest';
import { rankWishes, wantCount } from './wishes.ts';

const wish = (id: string, participantId: string, createdAt = '2026-11-01T10:00:00.000Z', status = 'open') => ({ id, participantId, createdAt, status });
const support = (wishId: string, participantId: string, supported = true) => ({ wishId, participantId, supported });

describe('wishes and their support', () => {
  it('counts the author and each supporter once; a support taken back does not count', () => {
    const w = wish('wish:a', 'participant:author');
    expect(wantCount(w, [])).toBe(1);
    expect(
      wantCount(w, [
        support('wish:a', 'participant:p1'),
        support('wish:a', 'participant:p1'),
        support('wish:a', 'participant:p2', false),
        support('wish:a', 'participant:author'),
        support('wish:other', 'participant:p3'),
      ]),
    ).toBe(2);
  });

  it('ranks the most wanted first, equals by age', () => {
    const wishes = [wish('wish:new', 'participant:x', '2026-11-03T10:00:00.000Z'), wish('wish:old', 'participant:y', '2026-11-01T10:00:00.000Z'), wish('wish:top', 'participant:z', '2026-11-04T10:00:00.000Z')];
    const ranked = rankWishes(wishes, [support('wish:top', 'participant:p1'), support('wish:top', 'participant:p2'), support('wish:new', 'participant:p1', false)]);
    expect(ranked.map((r) => [r.wish.id, r.wanting])).toEqual([
      ['wish:top', 3],
      ['wish:old', 1],
      ['wish:new', 1],
    ]);
  });

  it('leaves a hidden wish out, however many want it', () => {
    const wishes = [wish('wish:a', 'participant:x'), wish('wish:h', 'participant:y', '2026-10-01T10:00:00.000Z', 'hidden')];
    const ranked = rankWishes(wishes, [support('wish:h', 'participant:p1'), support('wish:h', 'participant:p2')]);
    expect(ranked.map((r) => r.wish.id)).toEqual(['wish:a']);
  });
});
