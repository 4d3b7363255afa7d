import { map } from 'rxjs';
import type { SyncSnapshot } from '../data/sync/scheduler.ts';
import { useData } from './useData.ts';
import { useObservable } from './useObservable.ts';

/**
 * The one sync-state hook every screen reads. The last sync time falls back to the one the
 * checkpoints keep, so a reload (offline) still knows when the device last synced.
 */
export function useSyncState(): SyncSnapshot {
  const { sync, db } = useData();
  const state = useObservable(() => sync.state$, sync.state$.value, [sync]);
  const stored = useObservable(
    () => db.local.find({ selector: { kind: 'checkpoint' } }).$.pipe(map((docs) => docs.map((d) => d.lastSyncAt ?? '').reduce((a, b) => (a > b ? a : b), ''))),
    '',
    [db],
  );
  const last = [state.lastSyncAt ?? '', stored].reduce((a, b) => (a > b ? a : b));
  return last && last !== state.lastSyncAt ? { ...state, lastSyncAt: last } : state;
}
