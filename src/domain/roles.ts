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

/** The remote databases a user syncs, derived from their roles. */
export function scopesOf(user: { roles: string[] }): string[] {
  const scopes: string[] = [];
  for (const role of user.roles) {
    const group = /^polku:group:([a-z0-9]{4,32})$/.exec(role);
    if (group) scopes.push(`polku-g-${group[1]}`);
    const self = /^polku:self:([a-z0-9]{4,32})$/.exec(role);
    if (self) scopes.push(`polku-p-${self[1]}`);
  }
  return [...new Set(scopes)].sort();
}
