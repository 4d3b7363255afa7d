import { isPastRetention, privacyOf, RETAINED_DAY, RETAINED_TYPES, retentionCutoff, type Organisation } from '../domain/index.ts';
import type { PolkuDatabase } from './database.ts';
import { domainOf } from './stored.ts';

/**
 * Retention and erasure on the device: documents that leave this device only. Nothing here
 * reaches the server — the sync engine pushes pending rows, and a removed row is no row — so
 * the server keeps what retention removes here (under the controller's rules).
 */

/** The organisation's settings as this device holds them (the newest copy of any group's); undefined before the first sync. */
export async function localOrganisation(db: PolkuDatabase): Promise<Organisation | undefined> {
  const copies = await db.docs.find({ selector: { type: 'organisation' } }).exec();
  const newest = copies.map((c) => domainOf<'organisation'>(c.toJSON())).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return newest;
}

/** The first day still kept here, by the organisation's retention period (the default when none is held yet). */
export async function localCutoff(db: PolkuDatabase, now: Date): Promise<string> {
  return retentionCutoff(now, privacyOf(await localOrganisation(db)).retentionMonths);
}

/**
 * Remove these rows from the device for good: RxDB keeps a removed row as a tombstone with
 * all its fields until a cleanup, so the cleanup runs at once (no note text stays behind).
 */
export async function removeLocally(db: PolkuDatabase, pks: string[]) {
  if (pks.length === 0) return;
  await db.docs.bulkRemove(pks);
  await db.docs.storageInstance.cleanup(0);
}

/**
 * Notes and observations past the retention period leave the device. Only synced ones: a
 * pending or refused one has not reached the server, and nothing typed is lost — it goes
 * once it is on the server, at the first purge after.
 */
export async function purgeExpired(db: PolkuDatabase, now: Date): Promise<number> {
  return purgeBefore(db, await localCutoff(db, now));
}

async function purgeBefore(db: PolkuDatabase, cutoff: string): Promise<number> {
  // One query per type, on its day's field kept in clear: the index on the type reads that
  // type's rows only, and only those near or past the cutoff are unsealed (one `$or` over
  // both types read every row of the database). A creation's day in Finland is never before
  // its UTC date, so the ISO time before the cutoff's midnight holds them all; isPastRetention decides.
  const before = { date: cutoff, createdAt: `${cutoff}T00:00:00.000Z` };
  const rows = (await Promise.all(RETAINED_TYPES.map((type) => db.docs.find({ selector: { type, [RETAINED_DAY[type]]: { $lt: before[RETAINED_DAY[type]] } } }).exec()))).flat();
  const due = rows.filter((row) => row.get('syncState') === 'synced' && isPastRetention(row.toJSON(), cutoff)).map((row) => row.primary);
  await removeLocally(db, due);
  return due.length;
}

/**
 * purgeExpired for the app, called after every sync round: it reads the database only when
 * it could find something new to remove — the first time, once the cutoff has moved (a new
 * day, or the organisation's period changed), or after a round that sent something (a note
 * typed long ago may reach the server only now). A round that only read brings nothing past
 * the cutoff (the sync does not store it). One purge at a time.
 */
export function expiryPurger(db: PolkuDatabase, now: () => Date): (sent?: boolean) => Promise<number> {
  let purgedTo: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return (sent = false) => {
    const run = queue.then(async () => {
      const cutoff = await localCutoff(db, now());
      if (!sent && cutoff === purgedTo) return 0;
      const removed = await purgeBefore(db, cutoff);
      purgedTo = cutoff;
      return removed;
    });
    queue = run.catch(() => undefined);
    return run;
  };
}

/**
 * When the app purges besides after its rounds: a while after opening (a device opened
 * offline for weeks; not at once, where the first screen's reads wait behind it), then every
 * hour, so an app kept open offline for days still lets a note go on the day it expires. Each
 * costs a read of the organisation's record unless the cutoff moved (expiryPurger). Returns
 * the stop.
 */
export function schedulePurges(purge: () => void, { firstAfterMs = 20_000, everyMs = 3_600_000 } = {}): () => void {
  const first = setTimeout(purge, firstAfterMs);
  const every = setInterval(purge, everyMs);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
