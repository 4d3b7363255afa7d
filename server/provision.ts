import { groupScope, ROLE } from '../src/domain/index.ts';
import { Accounts } from './accounts.ts';
import type { CouchAdmin } from './couch-admin.ts';
import { DEMO_GROUP_KEY, DEMO_PASSWORD, DEMO_USERS, demoDocuments } from './demo-data.ts';
import { provisionGroup, putDesignDoc } from './design-docs.ts';

const SCOPE_DB = /^polku-[gp]-[a-z0-9]{4,32}$/;

/**
 * On every start: keep the write rules of every scope database up to date. These databases
 * are open already; a copy on a node that is down gets the new rules when it comes back.
 */
export async function updateDesignDocs(admin: CouchAdmin) {
  for (const db of await admin.allDbs()) {
    if (SCOPE_DB.test(db)) await putDesignDoc(admin, db);
  }
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
  await admin.putUser(DEMO_USERS.coordinator, DEMO_PASSWORD, [ROLE.coordinator, ROLE.group(DEMO_GROUP_KEY)]);
  for (const name of DEMO_USERS.instructors) {
    await admin.putUser(name, DEMO_PASSWORD, [ROLE.instructor, ROLE.group(DEMO_GROUP_KEY)]);
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
export async function provision(admin: CouchAdmin, opts: { demo: boolean; now?: Date }) {
  await admin.ensureDb('_users');
  await updateDesignDocs(admin);
  return opts.demo ? provisionDemo(admin, opts.now) : { created: false, signIns: [] };
}
