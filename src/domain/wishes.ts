/** The least of a wish and its support that ranking needs (a stored document has more). */
interface WishLike {
  id: string;
  participantId: string;
  createdAt: string;
  status?: string;
}
interface SupportLike {
  wishId: string;
  participantId: string;
  supported: boolean;
}

/**
 * How many participants want a wish: its author (who suggested it) and everyone whose
 * support says yes, each person once however many devices wrote for them.
 */
export function wantCount(wish: WishLike, supports: readonly SupportLike[]): number {
  const wanting = new Set([wish.participantId]);
  for (const s of supports) if (s.wishId === wish.id && s.supported) wanting.add(s.participantId);
  return wanting.size;
}

/**
 * The group's wishes with how many want each, most wanted first; of equals the older first, so
 * a new wish does not jump the queue. A hidden wish (staff hid it) is no wish of the group.
 */
export function rankWishes<W extends WishLike>(wishes: readonly W[], supports: readonly SupportLike[]): { wish: W; wanting: number }[] {
  const byWish = new Map<string, SupportLike[]>();
  for (const s of supports) {
    const list = byWish.get(s.wishId);
    if (list) list.push(s);
    else byWish.set(s.wishId, [s]);
  }
  return wishes
    .filter((wish) => wish.status !== 'hidden')
    .map((wish) => ({ wish, wanting: wantCount(wish, byWish.get(wish.id) ?? []) }))
    .sort((a, b) => b.wanting - a.wanting || a.wish.createdAt.localeCompare(b.wish.createdAt) || a.wish.id.localeCompare(b.wish.id));
}
