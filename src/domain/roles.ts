import { groupScope, KEY_SOURCE, participantScope } from '../wire/scopes.ts';

/**
 * CouchDB `_users` roles. Kind roles say what a person is; scope roles say which
 * databases they may read (`_security` members) — so the device can derive the list of
 * databases to sync from the session alone, and the server enforces the same list.
 */
export const ROLE = {
  coordinator: 'polku:coordinator',
  instructor: 'polku:instructor',
  participant: 'polku:participant',
  group: (groupKey: string) => `polku:group:${groupKey}`,
  self: (participantKey: string) => `polku:self:${participantKey}`,
} as const;

/** What a person is: the kind roles, each spelled `polku:<kind>` (ROLE above). */
export type RoleKind = 'coordinator' | 'instructor' | 'participant';

const GROUP_ROLE = new RegExp(`^polku:group:(${KEY_SOURCE})$`);
const SELF_ROLE = new RegExp(`^polku:self:(${KEY_SOURCE})$`);

/** The participant key a user's roles make them (`polku:self:<key>`), if any. */
export const selfKeyOf = (roles: readonly string[]): string | undefined =>
  roles.map((r) => SELF_ROLE.exec(r)?.[1]).find((k) => k !== undefined);

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
