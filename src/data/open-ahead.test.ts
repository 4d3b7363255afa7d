import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { GROUP_KEY, offlineEnv, ok, SCOPE } from '../test-support.tsx';
import { participantId, ROLE } from '../domain/index.ts';
import { openData } from './api.ts';
import { databaseNameFor } from './database.ts';
import { newDataKey } from './device-keys.ts';
import { closeAhead, openAhead, takeAhead } from './open-ahead.ts';
import { domainOf } from './stored.ts';
import { wipePersonData } from './wipe.ts';

let counter = 0;
/** A staff member of the test group, with a name of their own per test (one database each). */
const someone = () => ({ name: `ahead${++counter}`, roles: [ROLE.instructor, ROLE.group(GROUP_KEY)] });

/** Their device as they left it: a participant's phone number, stored sealed under their data key. */
async function deviceOf(user: { name: string; roles: string[] }) {
  const key = await newDataKey();
  const api = await openData(user, { key, env: offlineEnv });
  const person = participantId();
  await ok(api.store.create('participant', {
    id: person, scope: SCOPE, groupKey: GROUP_KEY, displayName: 'Aino Virtanen', homeVillage: 'Kylmälä', language: 'fi', status: 'active', startDate: '2026-09-01',
    contact: { phone: '+358 40 765 4321', consentRecordedAt: '2026-09-01T10:00:00.000Z' },
  }));
  await api.close();
  return { key, person };
}

const dexieDatabases = async (name: string) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(`rxdb-dexie-${databaseNameFor(name)}--`));
const tick = () => new Promise((r) => setTimeout(r, 50));

afterEach(() => closeAhead());

describe('a database opened while the lock screen waits for the PIN', () => {
  it('opens without the key, unseals nothing until the key comes, then reads what was stored sealed', async () => {
    const user = someone();
    const { key, person } = await deviceOf(user);
    openAhead(user.name);
    const db = await takeAhead(user.name, key);
    expect(db).toBeDefined();
    const row = await db!.docs.findOne(`${SCOPE}|${person}`).exec();
    expect(domainOf<'participant'>(row!.toJSON()).contact?.phone).toBe('+358 40 765 4321');
    await db!.close();
  });

  it('closes without a key when nobody opens the device, and leaves what it holds as it was', async () => {
    const user = someone();
    const { key, person } = await deviceOf(user);
    openAhead(user.name);
    await tick();
    await closeAhead();
    expect(await takeAhead(user.name, key)).toBeUndefined();
    const api = await openData(user, { key, env: offlineEnv });
    const [participant] = await firstValueFrom(api.store.watch('participant', SCOPE));
    expect([participant?.id, participant?.contact?.phone]).toEqual([person, '+358 40 765 4321']);
    await api.close();
  });

  it('is taken by the opening after the PIN: the app reads its sealed data through it', async () => {
    const user = someone();
    const { key, person } = await deviceOf(user);
    openAhead(user.name);
    const api = await openData(user, { key, env: offlineEnv });
    // Taken: nothing is left open ahead for this person.
    expect(await takeAhead(user.name, key)).toBeUndefined();
    const [participant] = await firstValueFrom(api.store.watch('participant', SCOPE));
    expect(participant?.id).toBe(person);
    expect(participant?.contact?.phone).toBe('+358 40 765 4321');
    await api.close();
  });

  it("is closed before the person's data is wiped, and not opened again for them", async () => {
    const user = someone();
    await deviceOf(user);
    openAhead(user.name);
    await tick();
    await wipePersonData(user.name);
    expect(await dexieDatabases(user.name)).toEqual([]);
    openAhead(user.name);
    await tick();
    expect(await takeAhead(user.name, await newDataKey())).toBeUndefined();
    expect(await dexieDatabases(user.name)).toEqual([]);
  });

  it('is closed when another person opens the device instead', async () => {
    const first = someone();
    const { key } = await deviceOf(first);
    openAhead(first.name);
    const other = someone();
    const theirs = await deviceOf(other);
    const api = await openData(other, { key: theirs.key, env: offlineEnv });
    await api.close();
    expect(await takeAhead(first.name, key)).toBeUndefined();
  });
});
