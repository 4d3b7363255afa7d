/**
 * Vitest `globalSetup` of the `couchdb` project: one CouchDB for the whole run
 * (a cluster takes seconds to start; the test files reset it between them), handed to the
 * tests with `provide` so that only this project's files see it.
 */
import type { TestProject } from 'vitest/node';
import { couchFromEnv, CouchSetupError } from '../../tooling/couchdb-cluster.ts';

export default async function setup(project: TestProject) {
  let couch;
  try {
    couch = await couchFromEnv();
  } catch (error) {
    // Bad input stops the run at once, in one sentence rather than a stack trace.
    if (error instanceof CouchSetupError) {
      console.error(`\n✗ ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (!couch) throw new CouchSetupError('The couchdb project needs POLKU_TEST_COUCHDB or POLKU_TEST_COUCH_URL.');
  project.provide('polkuCouchDb', { url: couch.url, cluster: couch.cluster });
  return () => couch.stop();
}
