/** The gateway's one-request sync check (server/sync-check.ts): asked at the start of each sync round. */
export const SYNC_CHECK_PATH = '/api/sync/check';

/** Its answer: whose session it is, and a version of every scope they may read (null: no such database). */
export interface SyncCheckAnswer {
  name: string;
  roles: string[];
  versions: Record<string, string | null>;
}

/** Sent with a scope's `_changes` answer: the scope's version as of just before it was read. */
export const VERSION_HEADER = 'X-Polku-Version';
