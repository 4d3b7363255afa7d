import type { SessionUser } from '../../wire/couch.ts';
import type { SyncCheckAnswer, SyncCheckRequest } from '../../wire/sync-check.ts';
import type { CouchClient } from './couch-client.ts';

/** Whose session this is, with each of their scopes' version when the server gave them, and the changes it carried. */
export type SessionNow = SessionUser & Partial<Pick<SyncCheckAnswer, 'versions' | 'changes'>>;

/**
 * A sync round's first question, through the gateway's sync check: one request whatever the
 * number of scopes, and an "unchanged" (304) when nothing is new answers with the last answer.
 * With `ask` (the scopes pulled here before), the changes of those that changed come with it.
 * Where there is no check to go by (an older gateway, no answer), `session` is asked instead
 * and every scope is pulled. Null: the session is gone.
 */
export function sessionCheck(client: CouchClient, session: () => Promise<SessionUser | null | undefined>): (ask?: SyncCheckRequest) => Promise<SessionNow | null | undefined> {
  let last: { answer: SyncCheckAnswer; etag?: string } | undefined;
  return async (ask) => {
    const result = await client.check(last?.etag, ask);
    if (result.status === 'signedOut') return null;
    if (result.status === 'answer') {
      const { changes, ...answer } = result.answer;
      // What is kept answers the next "unchanged": the changes were this answer's alone.
      last = { answer, etag: result.etag };
      if (changes) return { ...answer, changes };
    }
    if (result.status !== 'unavailable' && last) return last.answer;
    last = undefined;
    return session();
  };
}
