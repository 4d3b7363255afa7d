import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo-data.ts';
import { DATABASES, PEOPLE, WRITE_CASES } from '../support/write-rule-cases.ts';
import { basicAuth, startTestServer, type TestServer } from '../../tooling/test-server.ts';

/** The cases the write rules' unit test evaluates, sent to the real server as each person. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const asPerson = (who: string) => ({ Authorization: basicAuth(who, DEMO_PASSWORD), 'Content-Type': 'application/json' });

describe(`the write rules on the server`, () => {
  it('know each person by the roles the cases assume', async () => {
    for (const [who, roles] of Object.entries(PEOPLE)) {
      const session = (await (await fetch(`${server.couch.url}/_session`, { headers: asPerson(who) })).json()) as { userCtx: { roles: string[] } };
      expect(session.userCtx.roles.sort(), who).toEqual([...roles].sort());
    }
  });

  for (const c of WRITE_CASES) {
    it(`${c.story}: ${c.expect}`, async () => {
      const db = DATABASES[c.db];
      const path = `/${db}/${encodeURIComponent(c.write._id)}`;
      if (c.before) await server.admin.put(db, c.before);
      const heldRev = async () => {
        const held = await server.admin.request<{ _rev?: string }>('GET', path);
        return held.status === 200 ? held.body._rev : undefined;
      };
      let rev: string | undefined;
      let r: Response;
      let answer: { ok?: boolean; reason?: string };
      // On a cluster a revision read right after a write may not be on every node yet: a
      // conflict is then the cluster's timing, not the rules, and the write is tried again.
      for (let attempt = 0; ; attempt++) {
        rev = await heldRev();
        const body = c.delete ? { _id: c.write._id, _rev: rev, _deleted: true } : { ...c.write, ...(rev ? { _rev: rev } : {}) };
        r = await fetch(`${server.couch.url}${path}`, { method: 'PUT', headers: asPerson(c.as), body: JSON.stringify(body) });
        answer = (await r.json()) as { ok?: boolean; reason?: string };
        if (r.status !== 409 || attempt === 4) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (c.refusedBeforeRules) expect([401, 403]).toContain(r.status);
      else expect(answer.ok ? 'ok' : answer.reason).toBe(c.expect);
      // A refused write changed nothing, as a server admin sees it.
      if (c.expect !== 'ok') expect(await heldRev()).toBe(rev);
    });
  }
});
