import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHandlers } from '../../server/admin-operations.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { ADMIN_OPERATIONS, checkDoc, isAdminOperation, type AdminInput, type AdminOperation } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.server.relay.settle();
});
afterAll(async () => {
  await server?.stop();
});

const coordinator = basicAuth('koordinaattori', DEMO_PASSWORD);
async function api(op: string, body: unknown) {
  const r = await fetch(`${server.url}/api/admin/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: coordinator }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

// One input per operation, run in the map's order; the type makes a new operation need one here.
let enrolled = '';
let toErase = '';
beforeAll(async () => {
  ({ participantKey: toErase } = await server.server.accounts.enrol(DEMO_GROUP_KEY, { username: 'poistettava', displayName: 'Poistettava', homeVillage: 'Hietala' }, 'koordinaattori'));
});
const steps: { [O in AdminOperation]: () => AdminInput<O> } = {
  createGroup: () => ({ name: 'Kolmas ryhmä', key: 'kolmas01' }),
  addInstructor: () => ({ groupKey: DEMO_GROUP_KEY, name: 'uusi.ohjaaja' }),
  addCoordinator: () => ({ groupKey: DEMO_GROUP_KEY, name: 'ohjaaja1' }),
  removeStaff: () => ({ groupKey: DEMO_GROUP_KEY, name: 'uusi.ohjaaja' }),
  enrol: () => ({ groupKey: DEMO_GROUP_KEY, username: 'liisa', displayName: 'Liisa', homeVillage: 'Hietala' }),
  move: () => ({ participantKey: enrolled, toGroup: 'kolmas01' }),
  end: () => ({ participantKey: enrolled }),
  erase: () => ({ participantKey: toErase }),
  resetPassword: () => ({ groupKey: DEMO_GROUP_KEY, name: 'aino' }),
  cutOff: () => ({ groupKey: DEMO_GROUP_KEY, name: 'ohjaaja2', reason: 'deviceLost' }),
  accessLog: () => ({ participantKey: enrolled }),
};

describe('the admin operations map', () => {
  it('has a handler for every operation and no other', () => {
    expect(Object.keys(adminHandlers(server.server.accounts, server.server.accessLog)).sort()).toEqual(Object.keys(ADMIN_OPERATIONS).sort());
  });

  it("answers every operation with exactly what its result schema describes", async () => {
    const run = async <O extends AdminOperation>(op: O) => {
      const r = await api(op, steps[op]());
      expect(r.status, op).toBe(200);
      const { ok, ...rest } = r.body;
      expect(ok).toBe(true);
      const result = ADMIN_OPERATIONS[op].result.safeParse(rest);
      expect(result.success, `${op}: ${JSON.stringify(rest)}`).toBe(true);
      // Nothing on the wire that the schema leaves out.
      expect(result.data, op).toEqual(rest);
      return result.data;
    };
    for (const op of Object.keys(ADMIN_OPERATIONS).filter(isAdminOperation)) {
      const value = await run(op);
      if (value && 'participantKey' in value) enrolled = value.participantKey;
    }
    expect(enrolled).not.toBe('');
  });

  it('ends a participation as an edit by the rules: a valid document, its changed fields clocked', async () => {
    const doc = await server.admin.ok<{ _id: string; _rev: string; clock: Record<string, string>; status: string; updatedBy: string }>('GET', `/polku-g-kolmas01/participant:${enrolled}`);
    const { _id, _rev, ...fields } = doc;
    expect(checkDoc({ ...fields, id: _id }).ok).toBe(true);
    expect(doc).toMatchObject({ status: 'ended', movedFrom: DEMO_GROUP_KEY, updatedBy: 'koordinaattori' });
    expect(doc.clock).toMatchObject({ status: expect.stringMatching(/\|server$/), endDate: expect.stringMatching(/\|server$/) });
  });

  it('moves a participant back into a group they were in: that record goes on, edited by the rules', async () => {
    // Consent to the sensitive items was given in the first group and withdrawn in the second;
    // the second group's record has a four-week answer of its own exit.
    const at = new Date().toISOString();
    const edit = async (db: string, changes: Record<string, unknown>) => {
      const doc = await server.admin.ok<Record<string, unknown>>('GET', `/${db}/participant:${enrolled}`);
      await server.admin.ok('PUT', `/${db}/participant:${enrolled}`, { ...doc, ...changes });
    };
    await edit(`polku-g-${DEMO_GROUP_KEY}`, { esfSensitive: { consentRecordedAt: at, disability: 'yes' } });
    await edit('polku-g-kolmas01', { esfExit: { date: '2026-01-01', situations: ['employed'], recordedAt: at } });
    expect((await api('move', { participantKey: enrolled, toGroup: DEMO_GROUP_KEY })).status).toBe(200);
    const doc = await server.admin.ok<{ _id: string; _rev: string; clock: Record<string, string> }>('GET', `/polku-g-${DEMO_GROUP_KEY}/participant:${enrolled}`);
    const { _id, _rev, ...fields } = doc;
    expect(checkDoc({ ...fields, id: _id }).ok).toBe(true);
    expect(doc).toMatchObject({ status: 'active', groupKey: DEMO_GROUP_KEY, movedFrom: 'kolmas01' });
    expect(doc).not.toHaveProperty('movedTo');
    expect(doc).not.toHaveProperty('endDate');
    // Withdrawn consent holds here too, and what followed the other record's end stays there.
    expect(doc).not.toHaveProperty('esfSensitive');
    expect(doc).not.toHaveProperty('esfExit');
    expect(doc.clock).toMatchObject({ status: expect.stringMatching(/\|server$/), movedTo: expect.stringMatching(/\|server$/) });
  });
});
