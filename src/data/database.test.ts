import { createRxDatabase } from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { docsSchema, localSchema } from './rx-schema.ts';
import { summarySchema } from './summaries.ts';

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
});
