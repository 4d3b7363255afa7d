import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHandlers } from '../../server/admin-operations.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { ADMIN_OPERATIONS, isAdminOperation, type AdminInput, type AdminOperation } from '../../src/domain/index.ts';
import { basicAuth, startTestServer, type TestServer } from '../support/test-server.ts';

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
const steps: { [O in AdminOperation]: () => AdminInput<O> } = {
  createGroup: () => ({ name: 'Kolmas ryhmä', key: 'kolmas01' }),
  addInstructor: () => ({ groupKey: DEMO_GROUP_KEY, name: 'uusi.ohjaaja' }),
  addCoordinator: () => ({ groupKey: DEMO_GROUP_KEY, name: 'ohjaaja1' }),
  removeStaff: () => ({ groupKey: DEMO_GROUP_KEY, name: 'uusi.ohjaaja' }),
  enrol: () => ({ groupKey: DEMO_GROUP_KEY, username: 'liisa', displayName: 'Liisa', homeVillage: 'Hietala' }),
  move: () => ({ participantKey: enrolled, toGroup: 'kolmas01' }),
  end: () => ({ participantKey: enrolled }),
  resetPassword: () => ({ groupKey: DEMO_GROUP_KEY, name: 'aino' }),
};

describe('the admin operations map', () => {
  it('has a handler for every operation and no other', () => {
    expect(Object.keys(adminHandlers(server.server.accounts)).sort()).toEqual(Object.keys(ADMIN_OPERATIONS).sort());
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
});
