import { createHash } from 'node:crypto';
import { groupScope, ROLE, staffRoles } from '../src/domain/index.ts';
import { groupKeyOf, scopePrefix } from '../src/wire/scopes.ts';
import { Accounts, migrateToPerGroupRoles } from './accounts.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { SESSION_SECONDS } from './couch-process.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS, demoDocuments } from './demo-data.ts';
import { ensureSecurity, groupSecurity, provisionGroup, putDesignDoc } from './design-docs.ts';
import { rulesFingerprintSource } from './write-rules/write-rules.ts';
import { carryOverLocalState, ensureServerDb, readState, writeState } from './server-state.ts';

const RULES = 'write-rules';

/**
 * On every start: keep the write rules of every scope database up to date, and every group
 * database's members (a group database restored from a backup gets them back: replication
 * does not copy `_security`). Participant databases — one a person, 100,000 at a country's
 * scale — are visited only when the rules changed since they were last deployed everywhere,
 * not at every start. A copy on a node that is down gets new rules when it comes back; the
 * deployment is then recorded as incomplete and tried again at the next start.
 */
export async function updateDesignDocs(admin: CouchAdmin) {
  await ensureServerDb(admin);
  const fingerprint = createHash('sha256').update(rulesFingerprintSource()).digest('hex');
  const deployed = (await readState<{ fingerprint: string }>(admin, RULES)).fingerprint === fingerprint;
  let everywhere = true;
  for (const db of await admin.allDbs(scopePrefix('group'))) {
    everywhere = (await putDesignDoc(admin, db)) && everywhere;
    await ensureSecurity(admin, db, groupSecurity(groupKeyOf(db)!));
  }
  if (!deployed) for (const db of await admin.allDbs(scopePrefix('participant'))) everywhere = (await putDesignDoc(admin, db)) && everywhere;
  if (everywhere && !deployed) await writeState(admin, RULES, { fingerprint });
}

export interface DemoSignIn {
  name: string;
  password: string;
  role: string;
}

/** The demo organisation, created once (when its group database does not exist yet). */
export async function provisionDemo(admin: CouchAdmin, now = new Date()): Promise<{ created: boolean; signIns: DemoSignIn[] }> {
  const signIns: DemoSignIn[] = [
    { name: DEMO_USERS.coordinator, password: DEMO_PASSWORD, role: 'coordinator' },
    ...DEMO_USERS.instructors.map((name) => ({ name, password: DEMO_PASSWORD, role: 'instructor' })),
    ...Object.keys(DEMO_USERS.participants).map((name) => ({ name, password: DEMO_PASSWORD, role: 'participant' })),
  ];
  const exists = (await admin.allDbs()).includes(groupScope(DEMO_GROUP_KEY));
  if (exists) return { created: false, signIns };
  await admin.putUser(DEMO_USERS.coordinator, DEMO_PASSWORD, staffRoles('coordinator', DEMO_GROUP_KEY));
  for (const name of DEMO_USERS.instructors) {
    await admin.putUser(name, DEMO_PASSWORD, staffRoles('instructor', DEMO_GROUP_KEY));
  }
  const db = await provisionGroup(admin, DEMO_GROUP_KEY);
  const docs = demoDocuments(now).map(({ id, ...rest }) => ({ _id: id, ...rest }));
  await admin.ok('POST', `/${db}/_bulk_docs`, { docs });
  // Two participants with phones: their databases fill through the relay when the server starts.
  const accounts = new Accounts(admin);
  for (const [name, key] of Object.entries(DEMO_USERS.participants)) {
    await accounts.openParticipantDb(key, DEMO_GROUP_KEY);
    await admin.putUser(name, DEMO_PASSWORD, [ROLE.participant, ROLE.self(key)]);
  }
  return { created: true, signIns };
}

/** `now` builds the demo's calendar around another moment (the tests' injected clock). */
/**
 * Apache CouchDB's own settings that Polku relies on, on every node of a cluster (the
 * config API is per node): its default session of 10 minutes would sign a tablet out
 * during every session in a village hall. Its lockout (five failures a name and peer
 * address lock the name for five minutes) only warns: every browser's request reaches
 * CouchDB from the gateway's address, so enforced it would let anyone lock anyone out —
 * the gateway's own admin name included; the gateway throttles guesses per client instead.
 * PouchDB Server's settings are in its config file (couch-process.ts).
 */
export const COUCHDB_SETTINGS: [section: string, key: string, value: string][] = [
  ['chttpd_auth', 'timeout', String(SESSION_SECONDS)],
  ['chttpd_auth_lockout', 'mode', 'warn'],
];

async function configureCouchDb(admin: CouchAdmin) {
  // PouchDB Server answers `_membership` too, but has no per-node config API.
  if ((await admin.request('GET', '/_node/_local/_config/chttpd_auth')).status !== 200) return;
  const membership = await admin.request<{ all_nodes?: string[] }>('GET', '/_membership');
  if (membership.status !== 200 || !membership.body.all_nodes) return;
  for (const node of membership.body.all_nodes) {
    for (const [section, key, value] of COUCHDB_SETTINGS) await admin.ok('PUT', `/_node/${encodeURIComponent(node)}/_config/${section}/${key}`, value);
  }
}

export async function provision(admin: CouchAdmin, opts: { demo: boolean; now?: Date }) {
  await configureCouchDb(admin);
  await admin.ensureDb('_users');
  await updateDesignDocs(admin);
  // Once, on data from before: per-group roles, and the relay's state out of `_local` documents.
  await migrateToPerGroupRoles(admin);
  await carryOverLocalState(admin);
  return opts.demo ? provisionDemo(admin, opts.now) : { created: false, signIns: [] };
}
