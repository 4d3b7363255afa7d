import type { SyncSnapshot } from '../data/sync/scheduler.ts';
import { useData } from './useData.ts';
import { useObservable } from './useObservable.ts';

/**
 * The one sync-state hook every screen reads. The last sync time falls back to the one the
 * checkpoints keep, so a reload (offline) still knows when the device last synced.
 */
export function useSyncState(): SyncSnapshot {
  const { sync, store } = useData();
  const state = useObservable(() => sync.state$, sync.state$.value, [sync]);
  const stored = useObservable(() => store.lastSyncAt(), '', [store]);
  const last = [state.lastSyncAt ?? '', stored].reduce((a, b) => (a > b ? a : b));
  return last && last !== state.lastSyncAt ? { ...state, lastSyncAt: last } : state;
}
