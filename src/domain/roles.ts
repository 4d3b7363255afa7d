import { groupScope, KEY_SOURCE, participantScope } from '../wire/scopes.ts';

/**
 * CouchDB `_users` roles, all derived from an account's memberships (SECURITY.md):
 *
 * - `polku:coordinator:<group>` / `polku:instructor:<group>`: a staff membership, granted
 *   and revoked per group — the only thing the server's authority checks read.
 * - `polku:group:<group>`: one per staff membership; the group database's `_security`
 *   members, and the device's list of databases to sync.
 * - `polku:self:<participant>` with `polku:participant`: a participant's own database.
 * - `polku:coordinator` / `polku:instructor`: "holds this kind in some group", recomputed
 *   with every membership change; the app's navigation reads them, no authority does.
 */
export const ROLE = {
  coordinator: 'polku:coordinator',
  instructor: 'polku:instructor',
  participant: 'polku:participant',
  group: (groupKey: string) => `polku:group:${groupKey}`,
  self: (participantKey: string) => `polku:self:${participantKey}`,
  coordinatorOf: (groupKey: string) => `polku:coordinator:${groupKey}`,
  instructorOf: (groupKey: string) => `polku:instructor:${groupKey}`,
} as const;

/** What a person is: the kind roles, each spelled `polku:<kind>`. */
export const ROLE_KINDS = ['coordinator', 'instructor', 'participant'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export type StaffKind = Exclude<RoleKind, 'participant'>;

/** A staff membership: what the account is in one group. */
export interface Membership {
  group: string;
  kind: StaffKind;
}

const GROUP_ROLE = new RegExp(`^polku:group:(${KEY_SOURCE})$`);
const SELF_ROLE = new RegExp(`^polku:self:(${KEY_SOURCE})$`);
const MEMBERSHIP_ROLE = new RegExp(`^polku:(coordinator|instructor):(${KEY_SOURCE})$`);

/** The participant key a user's roles make them (`polku:self:<key>`), if any. */
export const selfKeyOf = (roles: readonly string[]): string | undefined =>
  roles.map((r) => SELF_ROLE.exec(r)?.[1]).find((k) => k !== undefined);

/** The role naming `kind` in `groupKey`. */
export const membershipRole = (kind: StaffKind, groupKey: string) => (kind === 'coordinator' ? ROLE.coordinatorOf(groupKey) : ROLE.instructorOf(groupKey));

/** Staff memberships, one per group (coordinator where both are named: it includes the instructor's powers). */
export function membershipsOf(roles: readonly string[]): Membership[] {
  const byGroup = new Map<string, StaffKind>();
  for (const role of roles) {
    const m = MEMBERSHIP_ROLE.exec(role);
    if (m && byGroup.get(m[2]!) !== 'coordinator') byGroup.set(m[2]!, m[1] as StaffKind);
  }
  return [...byGroup].map(([group, kind]) => ({ group, kind })).sort((a, b) => a.group.localeCompare(b.group));
}

/** The groups these roles make one coordinator of. */
export const coordinatedGroups = (roles: readonly string[]) => membershipsOf(roles).filter((m) => m.kind === 'coordinator').map((m) => m.group);

const staffDerived = (role: string) => role === ROLE.coordinator || role === ROLE.instructor || GROUP_ROLE.test(role) || MEMBERSHIP_ROLE.test(role);

/** An account's roles with its staff memberships replaced by `memberships`, every derived role recomputed. */
export function withMemberships(roles: readonly string[], memberships: readonly Membership[]): string[] {
  const kept = roles.filter((r) => !staffDerived(r));
  const derived = memberships.flatMap((m) => [membershipRole(m.kind, m.group), ROLE.group(m.group), ROLE[m.kind]]);
  return [...new Set([...kept, ...derived])];
}

/** The roles of a staff account of one kind in these groups (provisioning, tests, benchmarks). */
export const staffRoles = (kind: StaffKind, ...groups: string[]) => withMemberships([], groups.map((group) => ({ group, kind })));

/** The remote databases a user syncs, derived from their roles. */
export function scopesOf(user: { roles: string[] }): string[] {
  const scopes: string[] = [];
  for (const role of user.roles) {
    const group = GROUP_ROLE.exec(role)?.[1];
    if (group) scopes.push(groupScope(group));
    const self = SELF_ROLE.exec(role)?.[1];
    if (self) scopes.push(participantScope(self));
  }
  return [...new Set(scopes)].sort();
}
