import { describe, expect, it } from 'vitest';
import { rankWishes } from './wishes.ts';

const wish = (id: string, createdAt: string, status: 'open' | 'hidden' = 'open') => ({ id, status, createdAt });
const support = (wishId: string, participantId: string, supported = true) => ({ wishId, participantId, supported });

describe('rankWishes', () => {
  it('puts the most supported wish first, the oldest first among equals', () => {
    const wishes = [wish('wish:a', '2026-11-03T10:00:00.000Z'), wish('wish:b', '2026-11-02T10:00:00.000Z'), wish('wish:c', '2026-11-01T10:00:00.000Z')];
    const supports = [support('wish:a', 'participant:p1'), support('wish:a', 'participant:p2'), support('wish:b', 'participant:p1')];
    const ranked = rankWishes(wishes, supports);
    expect(ranked.map((r) => [r.wish.id, r.supporters])).toEqual([['wish:a', 2], ['wish:b', 1], ['wish:c', 0]]);

    const tied = rankWishes(wishes, []);
    expect(tied.map((r) => r.wish.id)).toEqual(['wish:c', 'wish:b', 'wish:a']);
  });

  it('counts a person once, not a support taken back, and leaves hidden wishes out', () => {
    const wishes = [wish('wish:a', '2026-11-01T10:00:00.000Z'), wish('wish:h', '2026-11-01T09:00:00.000Z', 'hidden')];
    const supports = [
      support('wish:a', 'participant:p1'),
      support('wish:a', 'participant:p1'),
      support('wish:a', 'participant:p2', false),
      support('wish:h', 'participant:p1'),
      support('wish:h', 'participant:p2'),
    ];
    expect(rankWishes(wishes, supports)).toEqual([{ wish: wishes[0], supporters: 1 }]);
  });
});
