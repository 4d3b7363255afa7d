import type { Wish } from './doc-types/wish.ts';
import type { WishSupport } from './doc-types/wishsupport.ts';

type RankedWish = Pick<Wish, 'id' | 'status' | 'createdAt'>;
type Support = Pick<WishSupport, 'wishId' | 'participantId' | 'supported'>;

/**
 * The group's visible wishes, most supported first (ties: the oldest first, as it has waited
 * longest). A supporter is a participant whose support stands; hidden wishes are left out.
 */
export function rankWishes<W extends RankedWish>(wishes: readonly W[], supports: readonly Support[]): { wish: W; supporters: number }[] {
  const supporters = new Map<string, Set<string>>();
  for (const s of supports) {
    if (!s.supported) continue;
    const people = supporters.get(s.wishId) ?? new Set<string>();
    people.add(s.participantId);
    supporters.set(s.wishId, people);
  }
  return wishes
    .filter((wish) => wish.status !== 'hidden')
    .map((wish) => ({ wish, supporters: supporters.get(wish.id)?.size ?? 0 }))
    .sort((a, b) => b.supporters - a.supporters || a.wish.createdAt.localeCompare(b.wish.createdAt));
}
