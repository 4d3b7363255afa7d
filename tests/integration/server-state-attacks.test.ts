import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision } from '../../server/provision.ts';
import { attack, trusted } from '../support/attacks.ts';
import { startTestServer, type TestServer } from '../../tooling/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await provision(server.admin, { demo: true }); // the server state database exists and holds the rules' record
  // Stopped, so that the relay's own (legitimate) writes to its saved place cannot hide or
  // pass for an attacker's.
  await server.server.relay.stop();
});
afterAll(async () => {
  await server?.stop();
});

describe('what the server trusts, attacked through the gateway with ordinary accounts', () => {
  for (const who of ['ohjaaja1', 'aino', 'koordinaattori']) {
    it(`refuses ${who} every step, and nothing changes`, async () => {
      const before = await trusted(server.admin);
      await attack(who, server.url, false);
      expect(await trusted(server.admin)).toEqual(before);
    });
  }
});
