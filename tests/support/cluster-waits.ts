import { expect, vi } from 'vitest';
import { basicAuth } from '../../tooling/test-server.ts';

/**
 * A cluster's nodes learn of an account's changed roles a moment after they are written:
 * wait until CouchDB answers the account's read of `db` as `ready` says (PouchDB Server at once).
 */
export async function untilReadAnswers(couchUrl: string, user: string, password: string, db: string, ready: (status: number) => boolean) {
  await vi.waitFor(async () => {
    const r = await fetch(`${couchUrl}/${db}`, { headers: { Authorization: basicAuth(user, password) } });
    await r.body?.cancel();
    expect(ready(r.status)).toBe(true);
  }, { timeout: 10_000, interval: 100 });
}

/**
 * `read` until three reads 200 ms apart agree, and that answer: a cluster's copy a moment
 * behind (a plain `_all_docs` reads one copy) has caught up with what was just written.
 */
export async function readUntilSteady<T>(read: () => Promise<T>): Promise<T> {
  const seen = [JSON.stringify(await read())];
  while (seen.length < 3 || new Set(seen.slice(-3)).size > 1) {
    if (seen.length > 50) throw new Error('the server\'s answer kept changing for 10 s');
    await new Promise((r) => setTimeout(r, 200));
    seen.push(JSON.stringify(await read()));
  }
  return JSON.parse(seen.at(-1)!) as T;
}
