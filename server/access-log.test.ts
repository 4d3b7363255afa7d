import { describe, expect, it } from 'vitest';
import { AccessLog, cutoffOf, docsSent, docsWritten, DOCS_PER_ENTRY, entriesOf, type AccessRecord, type StoredEntry } from './access-log.ts';
import type { CouchAdmin } from './couch-admin.ts';

const note = { _id: 'note:abcd1234', _rev: '1-a', type: 'note', participantId: 'participant:aino0001', text: 'Salainen' };
const obs = { _id: 'observation:efgh5678', _rev: '1-b', type: 'observation', participantId: 'participant:eero0002', social: 3 };
const session = { _id: 'session:ijkl9012', _rev: '1-c', type: 'session', date: '2026-12-01' };

describe('which documents an answer sent', () => {
  it('reads ids, types and whom each is about from every kind of answer, never the content', () => {
    const expected = [
      { id: 'note:abcd1234', type: 'note', participant: 'aino0001' },
      { id: 'observation:efgh5678', type: 'observation', participant: 'eero0002' },
    ];
    expect(docsSent('changes', { results: [{ id: note._id, doc: note }, { id: obs._id, doc: obs }], last_seq: '2' })).toEqual(expected);
    expect(docsSent('allDocs', { rows: [{ id: note._id, doc: note }, { key: 'x', error: 'not_found' }, { id: obs._id, doc: obs }] })).toEqual(expected);
    expect(docsSent('bulkGet', { results: [{ id: note._id, docs: [{ ok: note }] }, { id: obs._id, docs: [{ ok: obs }, { error: { id: obs._id } }] }] })).toEqual(expected);
    expect(docsSent('doc', note)).toEqual([expected[0]]);
    expect(docsSent('doc', [{ ok: obs }, { missing: '2-x' }])).toEqual([expected[1]]);
    expect(JSON.stringify(docsSent('doc', note))).not.toContain('Salainen');
  });

  it('names documents sent without bodies by id, their type from the id', () => {
    expect(docsSent('changes', { results: [{ id: 'note:abcd1234', changes: [] }, { id: 'participant:aino0001', deleted: true }] })).toEqual([
      { id: 'note:abcd1234', type: 'note' },
      { id: 'participant:aino0001', type: 'participant', participant: 'aino0001' },
    ]);
  });

  it('says nothing was sent for an empty page or an answer of another shape', () => {
    expect(docsSent('changes', { results: [], last_seq: '9' })).toEqual([]);
    expect(docsSent('bulkGet', { rows: 'odd' })).toEqual([]);
    expect(docsSent('allDocs', null)).toEqual([]);
  });

  it('keeps what a stored document says about itself short, and takes no participant from an odd participantId', () => {
    const [logged] = docsSent('doc', { _id: 'x'.repeat(400), type: 't'.repeat(100), participantId: 'participant:../../x' });
    expect(logged!.id).toHaveLength(250);
    expect(logged!.type).toHaveLength(40);
    expect(logged).not.toHaveProperty('participant');
  });
});

describe('which documents a write stored', () => {
  it('lists only the rows CouchDB accepted', () => {
    const sent = { docs: [note, obs, session] };
    const rows = [{ id: note._id, rev: '2-a' }, { id: obs._id, error: 'forbidden', reason: 'v.x' }, { id: session._id, rev: '2-c' }];
    expect(docsWritten(sent, rows).map((d) => d.id)).toEqual([note._id, session._id]);
    // No answer (it was lost or too large): every document sent may have been stored.
    expect(docsWritten(sent).map((d) => d.id)).toEqual([note._id, obs._id, session._id]);
  });
});

const record = (over: Partial<AccessRecord> = {}): AccessRecord => ({ user: 'ohjaaja1', db: 'polku-g-pitstop1', action: 'read', kind: 'changes', method: 'GET', status: 200, docs: [], ...over });

describe('entries', () => {
  const at = new Date('2026-12-02T10:00:00.000Z');

  it('have ids that sort by time, and name every participant touched (the database owner too)', () => {
    const [entry] = entriesOf(record({ db: 'polku-p-aino0001', docs: [{ id: obs._id, participant: 'eero0002' }, { id: session._id }] }), at);
    expect(entry!._id).toMatch(/^2026-12-02T10:00:00\.000Z~[0-9a-f]{12}$/);
    expect(entry!.participants).toEqual(['aino0001', 'eero0002']);
    expect(entriesOf(record(), new Date('2026-12-02T09:59:59.999Z'))[0]!._id < entry!._id).toBe(true);
  });

  it('split a large answer into parts, none over the limit, no document left out', () => {
    const docs = Array.from({ length: DOCS_PER_ENTRY * 2 + 3 }, (_, i) => ({ id: `note:n${String(i).padStart(6, '0')}` }));
    const entries = entriesOf(record({ docs }), at);
    expect(entries.map((e) => [e.part, e.docs.length])).toEqual([[1, DOCS_PER_ENTRY], [2, DOCS_PER_ENTRY], [3, 3]]);
    expect(entries.flatMap((e) => e.docs)).toEqual(docs);
    expect(new Set(entries.map((e) => e._id)).size).toBe(3);
  });

  it('mark a read whose answer was not all seen', () => {
    expect(entriesOf(record({ incomplete: true }), at)[0]).toMatchObject({ incomplete: true, docs: [] });
  });
});

describe('the retention cut-off', () => {
  it('is whole calendar months back', () => {
    expect(cutoffOf(new Date('2026-12-02T10:00:00.000Z'), 24).toISOString()).toBe('2024-12-02T10:00:00.000Z');
    expect(cutoffOf(new Date('2026-03-15T00:00:00.000Z'), 1).toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });
});

/** A CouchDB for the log whose writes fail while `down` is set. */
function fakeCouch() {
  const stored: StoredEntry[] = [];
  const state = { down: false, writes: 0 };
  const admin = {
    async request(_method: string, _path: string, body?: { docs: StoredEntry[] }) {
      state.writes++;
      if (state.down) throw new Error('ECONNREFUSED');
      stored.push(...body!.docs);
      return { status: 201, body: body!.docs.map((d) => ({ id: d._id, rev: '1-x' })) };
    },
  } as unknown as CouchAdmin;
  return { admin, stored, state };
}

describe('writing the log', () => {
  it('writes in batches: at once when enough wait, else after the interval', async () => {
    const couch = fakeCouch();
    const log = new AccessLog(couch.admin, { flushEntries: 3, flushMs: 20 });
    log.record(record());
    log.record(record());
    expect(couch.state.writes).toBe(0);
    log.record(record());
    await log.flush();
    expect(couch.state.writes).toBe(1);
    expect(couch.stored).toHaveLength(3);
    log.record(record());
    await new Promise((r) => setTimeout(r, 60));
    expect(couch.stored).toHaveLength(4);
    await log.close();
  });

  it('keeps every entry through a failing write and writes it once the database answers', async () => {
    const couch = fakeCouch();
    const log = new AccessLog(couch.admin, { flushMs: 10_000, maxPending: 2 });
    couch.state.down = true;
    log.record(record({ user: 'a' }));
    await log.flush();
    expect(log.accepting()).toBe(true);
    log.record(Promise.resolve(record({ user: 'b' })));
    await log.flush();
    // Too much unwritten: the gateway stops serving scope databases rather than serve them unlogged.
    expect(log.accepting()).toBe(false);
    couch.state.down = false;
    await log.close();
    expect(couch.stored.map((e) => e.user)).toEqual(['a', 'b']);
    expect(log.accepting()).toBe(true);
  });

  it('waits for records still arriving (the gateway learns who asked while it answers)', async () => {
    const couch = fakeCouch();
    const log = new AccessLog(couch.admin);
    let arrive!: (r: AccessRecord) => void;
    log.record(new Promise<AccessRecord>((ok) => (arrive = ok)));
    log.record(Promise.resolve(undefined));
    const flushed = log.close();
    arrive(record({ user: 'myöhässä' }));
    await flushed;
    expect(couch.stored.map((e) => e.user)).toEqual(['myöhässä']);
  });
});
