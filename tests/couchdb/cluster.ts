import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

/**
 * The 3-node cluster of the `couchdb` projects (tests/support/couchdb-global-setup.ts):
 * each node's own URL, and a node stopped and started as a crash and a repair would.
 */
export function testCluster() {
  const provided = inject('polkuCouchDb');
  const cluster = provided.cluster;
  if (!cluster) throw new Error('These tests stop and start cluster nodes: they need the cluster POLKU_TEST_COUCHDB starts, not POLKU_TEST_COUCH_URL.');
  const url = new URL(provided.url);
  const base = Number(url.port);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  return {
    adminUrl: provided.url,
    /** Node i (1–3) without credentials. */
    node: (i: number) => `http://127.0.0.1:${base + i - 1}`,
    /** Node i with the server admin's credentials. */
    adminNode: (i: number) => `http://${url.username}:${url.password}@127.0.0.1:${base + i - 1}`,
    auth,
    stopNode: (i: number) => run('bash', [cluster.script, 'stop-node', cluster.dir, String(i)], { timeout: 90_000 }),
    startNode: (i: number) => run('bash', [cluster.script, 'start-node', cluster.dir, String(i)], { timeout: 90_000 }),
    script: cluster.script,
  };
}

/** A node's own view of a database: document ids and revisions, read from that node alone. */
export async function idsOn(nodeUrl: string, auth: string, db: string): Promise<Map<string, string>> {
  const r = await fetch(`${nodeUrl}/${db}/_all_docs`, { headers: { Authorization: auth } });
  if (!r.ok) throw new Error(`${nodeUrl}/${db}: ${r.status}`);
  const body = (await r.json()) as { rows: { id: string; value: { rev: string } }[] };
  return new Map(body.rows.filter((row) => !row.id.startsWith('_')).map((row) => [row.id, row.value.rev]));
}
