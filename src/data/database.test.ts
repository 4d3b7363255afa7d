import { createRxDatabase } from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { localSchema, summarySchema } from './local-records.ts';
import { docsSchema } from './rx-schema.ts';

describe('local database upgrades', () => {
  it('gives documents stored by the previous version their new index fields, and keeps them', async () => {
    const storage = getRxStorageMemory();
    const name = `upgrade${Date.now().toString(36)}`;
    // The schema as version 0 had it: no `person` and no index on it.
    const { person: _person, ...properties } = docsSchema.properties as Record<string, unknown>;
    const v0 = {
      ...docsSchema,
      version: 0,
      properties,
      required: (docsSchema.required as string[]).filter((f) => f !== 'person'),
      indexes: [['type', 'scope', 'ref'], ['syncState', 'scope']],
    };
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ docs: { schema: v0 as never }, local: { schema: localSchema as never }, summaries: { schema: summarySchema as never } });
    await old.collections.docs!.insert({
      pk: 'polku-g-abcd|attendance:s1:p1', id: 'attendance:s1:p1', type: 'attendance', scope: 'polku-g-abcd', ref: 'session:s1', syncState: 'synced',
      sessionId: 'session:s1', participantId: 'participant:p1', status: 'present',
    });
    await old.close();

    const db = await openDatabase(name, storage);
    const found = await db.docs.find({ selector: { type: 'attendance', scope: 'polku-g-abcd', person: 'participant:p1' } }).exec();
    expect(found.map((d) => [d.get('id'), d.get('status'), d.get('syncState')])).toEqual([['attendance:s1:p1', 'present', 'synced']]);
    await db.close();
  });

  it('turns the bookkeeping of the previous version into typed records: problems as data, merges saying with whom', async () => {
    const storage = getRxStorageMemory();
    const name = `records${Date.now().toString(36)}`;
    // The local records as version 0 had them: one `reason` string for two different things.
    const { problems: _p, with: _w, ...properties } = localSchema.properties as Record<string, unknown>;
    const v0 = { ...localSchema, version: 0, properties: { ...properties, reason: { type: 'string' } } };
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ docs: { schema: docsSchema as never }, local: { schema: v0 as never }, summaries: { schema: summarySchema as never } });
    await old.collections.local!.bulkInsert([
      { id: 'quarantine|polku-g-abcd|session:bad1', kind: 'quarantine', scope: 'polku-g-abcd', docId: 'session:bad1', rev: '1-a', raw: '{}', reason: 'startTime: v.time; -: v.unknownType', at: 'x' },
      { id: 'merge|polku-g-abcd|session:s1|x', kind: 'merge', scope: 'polku-g-abcd', docId: 'session:s1', reason: 'ohjaaja2', at: 'x' },
      { id: 'summaries|built', kind: 'summaries' },
    ]);
    await old.close();

    const db = await openDatabase(name, storage);
    const records = (await db.local.find().exec()).map((r) => r.toMutableJSON());
    expect(records).toContainEqual(expect.objectContaining({ kind: 'quarantine', problems: [{ path: 'startTime', key: 'v.time' }, { path: '', key: 'v.unknownType' }] }));
    expect(records).toContainEqual(expect.objectContaining({ kind: 'merge', docId: 'session:s1', with: 'ohjaaja2' }));
    expect(records).toContainEqual({ id: 'summaries|built', kind: 'marker' });
    expect(records.some((r) => 'reason' in r)).toBe(false);
    await db.close();
  });
});
