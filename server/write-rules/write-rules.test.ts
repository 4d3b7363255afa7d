import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DATABASES, PEOPLE, WRITE_CASES } from '../../tests/support/write-rule-cases.ts';
import { DOC_TYPE_SPECS } from '../../src/domain/index.ts';
import { designDocFor, rulesTable } from './write-rules.ts';

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;

/** A database's design document function, evaluated as CouchDB does: the stored text, in a context with no Node in it. */
const validateIn = (db: string) => runInNewContext(`(${String(designDocFor(db).validate_doc_update)})`, {}) as Validate;

function answer(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (thrown) {
    return (thrown as { forbidden?: string }).forbidden ?? `threw ${String(thrown)}`;
  }
}

describe('the write rules as stored in every scope database', () => {
  for (const c of WRITE_CASES) {
    it(`${c.story}: ${c.expect}`, () => {
      const old = c.before ? { ...c.before, _rev: '1-a' } : null;
      const newDoc = c.delete ? { _id: c.write._id, _rev: '1-a', _deleted: true } : { ...c.write, ...(old ? { _rev: '1-a' } : {}) };
      // Without `userCtx.db`, as PouchDB Server calls it: the rules know their database themselves.
      const userCtx = { name: c.as, roles: [...PEOPLE[c.as]] };
      expect(answer(() => validateIn(DATABASES[c.db])(newDoc, old, userCtx, {}))).toBe(c.expect);
    });
  }

  it('lets a server admin write anything', () => {
    expect(answer(() => validateIn(DATABASES.group)({ _id: '_design/polku' }, null, { name: 'admin', roles: ['_admin'] }, {}))).toBe('ok');
  });

  it("writes every type of the registry somewhere: the staff's in a group's database, the participants' in their own", () => {
    const group = Object.keys(rulesTable(DATABASES.group).types);
    const own = Object.keys(rulesTable(DATABASES.aino).types);
    expect([...new Set([...group, ...own])].sort()).toEqual(DOC_TYPE_SPECS.map((s) => s.name).sort());
    expect(own.sort()).toEqual(DOC_TYPE_SPECS.filter((s) => s.writers.includes('participant')).map((s) => s.name).sort());
    expect(group).not.toContain('checkin');
  });
});
