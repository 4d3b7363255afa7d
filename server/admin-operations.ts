import { coordinatedGroups, ROLE, type AdminOperation, type AdminParsed, type AdminReply } from '../src/domain/index.ts';
import type { AccessLog } from './access-log.ts';
import { AccountError, type Accounts } from './accounts.ts';

/**
 * What each admin operation does, one handler per operation of the domain's map
 * (src/domain/admin.ts): the gateway's API and the admin CLI both run these, with input
 * already checked against the operation's schema.
 */

export interface Caller {
  name: string;
  roles: string[];
}

/**
 * Who may do what (SECURITY.md): a signed-in coordinator by their per-group roles — a
 * coordinator of one group is nothing in another; the machine's operator (the CLI) everything.
 */
export interface Authority {
  mayCreateGroups(caller: Caller): boolean;
  coordinates(caller: Caller, group: string): boolean;
}

export const BY_ROLES: Authority = {
  mayCreateGroups: (caller) => coordinatedGroups(caller.roles).length > 0,
  coordinates: (caller, group) => caller.roles.includes(ROLE.coordinatorOf(group)),
};

export const OPERATOR: Authority = { mayCreateGroups: () => true, coordinates: () => true };

export type AdminHandlers = { readonly [O in AdminOperation]: (input: AdminParsed<O>, caller: Caller) => Promise<AdminReply<O>> };

export function adminHandlers(accounts: Accounts, accessLog: AccessLog, authority: Authority = BY_ROLES): AdminHandlers {
  const need = (caller: Caller, group: string) => {
    if (!authority.coordinates(caller, group)) throw new AccountError(403, 'srv.notCoordinator');
  };
  /** The participant's group, when the caller coordinates it; one answer for another group's and for none. */
  const groupOf = async (participantKey: string, caller: Caller) => {
    const group = await accounts.groupOfParticipant(participantKey);
    if (!group || !authority.coordinates(caller, group)) throw new AccountError(404, 'srv.noSuchParticipant');
    return group;
  };
  const addStaff =
    (role: 'instructor' | 'coordinator') =>
    async ({ groupKey, name }: AdminParsed<'addInstructor'>, caller: Caller) => {
      need(caller, groupKey);
      return { code: await accounts.addStaff(groupKey, name, role) };
    };

  return {
    createGroup: async (input, caller) => {
      if (!authority.mayCreateGroups(caller)) throw new AccountError(403, 'srv.notCoordinator');
      return accounts.createGroup(input, caller.name);
    },
    addInstructor: addStaff('instructor'),
    addCoordinator: addStaff('coordinator'),
    removeStaff: async ({ groupKey, name }, caller) => {
      need(caller, groupKey);
      await accounts.removeStaff(groupKey, name);
      return {};
    },
    enrol: async (input, caller) => {
      need(caller, input.groupKey);
      return accounts.enrol(input.groupKey, input, caller.name);
    },
    move: async ({ participantKey, toGroup }, caller) => {
      const from = await groupOf(participantKey, caller);
      need(caller, toGroup);
      await accounts.move(participantKey, from, toGroup, caller.name);
      return {};
    },
    end: async ({ participantKey }, caller) => {
      const from = await groupOf(participantKey, caller);
      await accounts.end(participantKey, from, caller.name);
      return {};
    },
    erase: async ({ participantKey, groupKey }, caller) => {
      // Authorised like ending: their own group's coordinator. Someone who never had an
      // account has no group of their own: the roster's group, if they are on it.
      const group = (await accounts.groupOfParticipant(participantKey)) ?? groupKey;
      if (!group || !authority.coordinates(caller, group)) throw new AccountError(404, 'srv.noSuchParticipant');
      return { removed: await accounts.erase(participantKey, group, caller.name, (g) => authority.coordinates(caller, g)) };
    },
    resetPassword: async ({ groupKey, name }, caller) => {
      need(caller, groupKey);
      // A code takes the whole account: only for people all of whose groups the caller
      // coordinates. No account and an account elsewhere get the same answer.
      const groups = await accounts.groupsOf(name);
      if (!groups?.includes(groupKey)) throw new AccountError(404, 'srv.notInGroup');
      if (!groups.every((g) => authority.coordinates(caller, g))) throw new AccountError(403, 'srv.staffedElsewhere');
      return { code: await accounts.issueCode(name) };
    },
    cutOff: async ({ groupKey, name, reason, self, participantKey }, caller) => {
      need(caller, groupKey);
      // One's own lost tablet is a real case, but it signs one out everywhere: said, not slipped into.
      if (name === caller.name && !self) throw new AccountError(409, 'srv.cutOffSelf');
      // It takes the whole account (every session, every device), as a code does: only for
      // people all of whose groups the caller coordinates; no account and one elsewhere answer alike.
      const groups = await accounts.groupsOf(name);
      if (!groups?.includes(groupKey)) throw new AccountError(404, 'srv.notInGroup');
      if (!groups.every((g) => authority.coordinates(caller, g))) throw new AccountError(403, 'srv.cutOffElsewhere');
      // Chosen as a participant: a record's `username` pointed at a colleague cuts off nobody.
      if (participantKey && !(await accounts.user(name))?.roles.includes(ROLE.self(participantKey))) throw new AccountError(409, 'srv.notThatParticipant');
      return accounts.cutOff(name, groupKey, reason, caller.name);
    },
    accessLog: async ({ participantKey }, caller) => {
      // The participant's group's coordinators answer for the data; entries follow the person across groups.
      const group = await groupOf(participantKey, caller);
      return accessLog.concerning(participantKey, group);
    },
  };
}

/** One operation, its types kept: the handler for `op` takes `op`'s checked input. */
export function runAdmin<O extends AdminOperation>(handlers: AdminHandlers, op: O, input: AdminParsed<O>, caller: Caller): Promise<AdminReply<O>> {
  const handler: AdminHandlers[O] = handlers[op];
  return handler(input, caller);
}
