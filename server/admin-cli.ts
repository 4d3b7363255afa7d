/**
 * `npm run admin -- <command>`: what a coordinator does in the app, from a terminal, with
 * the server-admin credentials of this machine (POLKU_COUCH_URL, or the embedded server's
 * data folder). Works whether `npm start` is running or not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADMIN_NAME, startPouchServer, type CouchProcess } from './couch-process.ts';
import { CouchAdmin } from './couch-admin.ts';
import { AccessLog } from './access-log.ts';
import { AccountError, Accounts } from './accounts.ts';
import { adminHandlers, OPERATOR, type AdminHandlers } from './admin-operations.ts';
import { ADMIN_OPERATIONS, userNameSchema, type AdminOperation, type AdminParsed, type OneTimeCode } from '../src/domain/index.ts';
import { NotOpenedError } from './design-docs.ts';
import { Relay } from './relay.ts';
import en from '../src/i18n/messages/en.json' with { type: 'json' };
import fi from '../src/i18n/messages/fi.json' with { type: 'json' };
import sv from '../src/i18n/messages/sv.json' with { type: 'json' };

const USAGE = `Usage: npm run admin -- <command> [arguments]

  create-group <name> [--key <key>] [--coordinator <user>]
  add-instructor <groupKey> <user>
  add-coordinator <groupKey> <user>
  enrol <groupKey> <user> <display name> <home village>
  move <participantKey> <toGroupKey>
  end <participantKey>
  erase <participantKey> [<groupKey>]   every document about them, their account and database: cannot be undone
  reset-password <user>
  cut-off <groupKey> <user> deviceLost|accessEnded
  access-log <participantKey>      who has seen or changed the participant's data (tab-separated)

New accounts and password resets print a one-time code; the person sets their own
password with it at the first sign-in. Uses POLKU_COUCH_URL when set, otherwise the
embedded server's data folder (POLKU_DATA_DIR, default ./.data).`;

const catalogue: Record<string, string> = (process.env.LANG ?? '').startsWith('fi') ? fi : (process.env.LANG ?? '').startsWith('sv') ? sv : en;
const say = (key: string) => catalogue[key] ?? key;

async function connect(): Promise<{ admin: CouchAdmin; embedded?: CouchProcess }> {
  if (process.env.POLKU_COUCH_URL) {
    const admin = CouchAdmin.fromUrl(process.env.POLKU_COUCH_URL);
    await admin.checkServerAdmin();
    return { admin };
  }
  const dir = resolve(process.env.POLKU_DATA_DIR ?? '.data');
  const secretFile = join(dir, 'admin-secret');
  const urlFile = join(dir, 'couch-url');
  if (existsSync(urlFile) && existsSync(secretFile)) {
    const url = readFileSync(urlFile, 'utf8').trim();
    if (await fetch(url).then((r) => r.ok, () => false)) return { admin: new CouchAdmin(url, ADMIN_NAME, readFileSync(secretFile, 'utf8').trim()) };
  }
  if (!existsSync(secretFile)) throw new Error(`No Polku data in ${dir}. Run \`npm start\` once first, or set POLKU_COUCH_URL.`);
  const embedded = await startPouchServer({ dir });
  return { admin: new CouchAdmin(embedded.url, embedded.adminName, embedded.adminPassword), embedded };
}

function printCode(code: OneTimeCode | undefined) {
  if (code) console.log(`One-time code for ${code.name}: ${code.code} (valid until ${code.expiresAt.slice(0, 10)})`);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

function parse<O extends AdminOperation>(op: O, input: Record<string, unknown>): AdminParsed<O> {
  const parsed = ADMIN_OPERATIONS[op].input.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${say(i.message.startsWith('v.') ? i.message : 'v.invalid')}`);
    throw new Error(`${say('srv.badRequest')}\n${lines.join('\n')}`);
  }
  return parsed.data;
}

// The operator may do what any coordinator may, in any group; `--coordinator` names who it is done for.
async function run(accounts: Accounts, handlers: AdminHandlers, command: string, args: string[]) {
  const caller = { name: option(args, 'coordinator') ?? 'admin', roles: [] };
  switch (command) {
    case 'create-group': {
      const key = option(args, 'key');
      const group = await handlers.createGroup(parse('createGroup', { name: args[0], ...(key ? { key } : {}) }), caller);
      return console.log(`Group ${group.key} created (database ${group.scope}).`);
    }
    case 'add-instructor':
    case 'add-coordinator': {
      const op = command === 'add-instructor' ? 'addInstructor' : 'addCoordinator';
      const input = parse(op, { groupKey: args[0], name: args[1] });
      printCode((await handlers[op](input, caller)).code);
      return console.log(`${input.name} now works in group ${input.groupKey}.`);
    }
    case 'enrol': {
      const input = parse('enrol', { groupKey: args[0], username: args[1], displayName: args[2], homeVillage: args[3] });
      const result = await handlers.enrol(input, caller);
      printCode(result.code);
      return console.log(`Enrolled as participant ${result.participantKey}.`);
    }
    case 'move': {
      const input = parse('move', { participantKey: args[0], toGroup: args[1] });
      // Looked up first for the message: afterwards the participant's home is the new group.
      const from = await accounts.groupOfParticipant(input.participantKey);
      await handlers.move(input, caller);
      return console.log(`Moved from ${from} to ${input.toGroup}.`);
    }
    case 'end': {
      await handlers.end(parse('end', { participantKey: args[0] }), caller);
      return console.log('Participation ended; the record stays in the group.');
    }
    case 'access-log': {
      const { entries, truncated } = await handlers.accessLog(parse('accessLog', { participantKey: args[0] }), caller);
      for (const e of entries) console.log([e.at, e.user ?? '?', e.action, e.db, e.kind, e.incomplete ? 'incomplete' : '', e.docs.map((d) => d.id).join(' ')].join('\t'));
      if (truncated) console.log(`Only the ${entries.length} newest entries are shown; the whole log is the database polku-access-log.`);
      return;
    }
    case 'erase': {
      const input = parse('erase', { participantKey: args[0], ...(args[1] ? { groupKey: args[1] } : {}) });
      const { removed } = await handlers.erase(input, caller);
      return console.log(`Erased: ${removed} documents deleted, their account and database removed.`);
    }
    case 'reset-password': {
      // Any user, no group needed: the operator's, unlike the coordinator's resetPassword.
      const name = userNameSchema.safeParse(args[0]);
      if (!name.success) throw new AccountError(400, 'v.userName');
      return printCode(await accounts.issueCode(name.data));
    }
    case 'cut-off': {
      const input = parse('cutOff', { groupKey: args[0], name: args[1], reason: args[2] });
      const { at } = await handlers.cutOff(input, caller);
      return console.log(`${input.name} cut off at ${at}: their sessions are refused, and their devices wipe their data at next contact.`);
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

const [command = 'help', ...args] = process.argv.slice(2);
if (command === 'help' || command === '--help') {
  console.log(USAGE);
} else {
  let embedded: CouchProcess | undefined;
  try {
    const connection = await connect();
    embedded = connection.embedded;
    const accounts = new Accounts(connection.admin, new Relay(connection.admin));
    await run(accounts, adminHandlers(accounts, new AccessLog(connection.admin), OPERATOR), command, args);
  } catch (error) {
    console.error(error instanceof AccountError || error instanceof NotOpenedError ? say(error.key) : (error as Error).message);
    process.exitCode = 1;
  } finally {
    await embedded?.stop();
  }
}
