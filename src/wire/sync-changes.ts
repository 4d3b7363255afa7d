import type { ChangesPage } from './couch.ts';

/**
 * The gateway's many-scope read (server/sync-changes.ts): one request for the changes of
 * every scope a round found changed, instead of one `_changes` request a scope. Each scope's
 * part is what `GET /{db}/_changes?since=…&limit=…&include_docs=true` would answer the same
 * caller, or that request's refusal.
 */
export const SYNC_CHANGES_PATH = '/api/sync/changes';

/** Scopes one request may name: a coordinator with more sends several. */
export const SYNC_CHANGES_MAX_SCOPES = 100;
/** Changes a scope's part may hold: a scope with more goes on with its own `_changes`. */
export const SYNC_CHANGES_MAX_LIMIT = 1000;

export interface SyncChangesRequest {
  /** Each scope and the `since` its last stored page ended at. */
  scopes: Record<string, string>;
  limit: number;
}

export type SyncChangesPart = ChangesPage | { error: string; reason: string; status: number };

export interface SyncChangesAnswer {
  results: Record<string, SyncChangesPart>;
}
