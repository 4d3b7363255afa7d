import type { SyncSnapshot } from '../data/sync/scheduler.ts';
import { useData } from './useData.ts';
import { useObservable } from './useObservable.ts';

/** The one sync-state hook every screen reads. */
export function useSyncState(): SyncSnapshot {
  const { sync } = useData();
  return useObservable(() => sync.state$, sync.state$.value, [sync]);
}
