import { combineLatest, debounceTime, map, of, switchMap, type BehaviorSubject, type Subscription } from 'rxjs';
import { ROLE } from '../domain/roles.ts';
import { localDate } from '../domain/time.ts';
import { forgetStartSnapshots, keptForStart, saveStartSnapshot, type StartSession, type StartSnapshot } from './start-snapshot.ts';
import type { LocalDoc, Store } from './store.ts';

/** How long a burst of changes (a sync page) may run before the snapshot is written once. */
const QUIET_MS = 250;

const startSessionOf = (s: LocalDoc<'session'>): StartSession => ({
  id: s.id,
  date: s.date,
  startTime: s.startTime,
  endTime: s.endTime,
  village: s.village,
  ...(s.theme ? { theme: s.theme } : {}),
  instructors: s.instructors,
  status: s.status,
  syncState: s.syncState,
});

/**
 * Keeps the user's last known start screen (start-snapshot.ts) in step with the local
 * database: whenever a group or its sessions change, for staff (a participant's start screen
 * is their own schedule: nothing of it is kept). `flush()` writes a change still waiting;
 * `stop()` ends it without writing (sign-out forgets it right after).
 */
export function keepStartSnapshot(user: string, store: Store, scopes$: BehaviorSubject<string[]>, roles$: BehaviorSubject<string[]>): { flush(): void; stop(): void } {
  let waiting: StartSnapshot | null = null;
  const write = () => {
    if (waiting) saveStartSnapshot(waiting);
    waiting = null;
  };
  const staff = (roles: string[]) => roles.includes(ROLE.instructor) || roles.includes(ROLE.coordinator);
  const subscription: Subscription = combineLatest([scopes$, roles$])
    .pipe(
      switchMap(([scopes, roles]) => {
        if (!staff(roles)) return of(null);
        const sessions = scopes.length ? combineLatest(scopes.map((scope) => store.sessionsOf(scope))) : of([]);
        return combineLatest([store.groups(), sessions]).pipe(
          map(([groups, lists]): StartSnapshot => ({
            user,
            groups: scopes.map((scope, i) => {
              const name = groups.find((g) => g.scope === scope)?.name;
              return { scope, ...(name !== undefined ? { name } : {}), sessions: keptForStart(lists[i]!, localDate(new Date())).map(startSessionOf) };
            }),
          })),
        );
      }),
    )
    .pipe(
      map((snapshot) => {
        if (snapshot === null) forgetStartSnapshots();
        waiting = snapshot;
        return snapshot;
      }),
      debounceTime(QUIET_MS),
    )
    .subscribe(write);
  const onHide = () => write();
  globalThis.addEventListener?.('pagehide', onHide);
  return {
    flush: write,
    stop() {
      waiting = null;
      subscription.unsubscribe();
      globalThis.removeEventListener?.('pagehide', onHide);
    },
  };
}
