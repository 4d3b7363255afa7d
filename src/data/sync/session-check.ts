import type { SessionUser } from '../../wire/couch.ts';
import type { SyncCheckAnswer } from '../../wire/sync-check.ts';
import type { CouchClient } from './couch-client.ts';

/** Whose session this is, with each of their scopes' version when the server gave them. */
export type SessionNow = SessionUser & { versions?: SyncCheckAnswer['versions'] };

/**
 * A sync round's first question, through the gateway's sync check: one request whatever the
 * number of scopes, and an "unchanged" (304) when nothing is new answers with the last answer.
 * Where there is no check to go by (an older gateway, no answer), `session` is asked instead
 * and every scope is pulled. Null: the session is gone.
 */
export function sessionCheck(client: CouchClient, session: () => Promise<SessionUser | null | undefined>): () => Promise<SessionNow | null | undefined> {
  let last: { answer: SyncCheckAnswer; etag?: string } | undefined;
  return async () => {
    const result = await client.check(last?.etag);
    if (result.status === 'signedOut') return null;
    if (result.status === 'answer') last = { answer: result.answer, etag: result.etag };
    if (result.status !== 'unavailable' && last) return last.answer;
    last = undefined;
    return session();
  };
}
