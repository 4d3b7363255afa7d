import type { SyncChangesPart } from './sync-changes.ts';

/** The gateway's one-request sync check (server/sync-check.ts): asked at the start of each sync round. */
export const SYNC_CHECK_PATH = '/api/sync/check';

/**
 * Asked with `POST` by a device that has pulled scopes before: each with where its changes
 * were read to and the version it was read at. The answer then carries the next changes of
 * each of them whose version differs (a week's back in range in one round trip, not two).
 * `GET` asks the same without any.
 */
export interface SyncCheckRequest {
  pulled: Record<string, { since: string; version?: string }>;
  limit: number;
}

/** Its answer: whose session it is, and a version of every scope they may read (null: no such database). */
export interface SyncCheckAnswer {
  name: string;
  roles: string[];
  versions: Record<string, string | null>;
  /** The changes of the scopes asked about whose version differs, each as the many-scope read's part (sync-changes.ts). */
  changes?: Record<string, SyncChangesPart>;
}

/** A version as the gateway makes them (server/scope-versions.ts): `<epoch>.<n>` or a database's `update_seq`. */
export const VERSION_MAX_LENGTH = 200;

/** Sent with a scope's `_changes` answer: the scope's version as of just before it was read. */
export const VERSION_HEADER = 'X-Polku-Version';
