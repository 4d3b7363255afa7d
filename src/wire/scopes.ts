/**
 * Scope databases: one CouchDB database per group (`polku-g-<key>`) and per participant
 * (`polku-p-<key>`). The only place those names are spelled; everything else asks here.
 */
export const KEY_SOURCE = '[a-z0-9]{4,32}';

const KINDS = { group: 'polku-g-', participant: 'polku-p-' } as const;
export type ScopeKind = keyof typeof KINDS;

/** Any scope database's name (the pattern CouchDB database names of scopes follow). */
export const SCOPE_PATTERN = new RegExp(`^polku-[gp]-${KEY_SOURCE}$`);
const PATTERNS = {
  group: new RegExp(`^${KINDS.group}(${KEY_SOURCE})$`),
  participant: new RegExp(`^${KINDS.participant}(${KEY_SOURCE})$`),
} as const;

export const groupScope = (groupKey: string) => `${KINDS.group}${groupKey}`;
export const participantScope = (participantKey: string) => `${KINDS.participant}${participantKey}`;

export const isScope = (db: string) => SCOPE_PATTERN.test(db);

/** The group's key of a group database's name; undefined for any other name. */
export const groupKeyOf = (db: string): string | undefined => PATTERNS.group.exec(db)?.[1];
/** The participant's key of a participant database's name; undefined for any other name. */
export const participantKeyOf = (db: string): string | undefined => PATTERNS.participant.exec(db)?.[1];

export const scopeKind = (db: string): ScopeKind | undefined =>
  groupKeyOf(db) !== undefined ? 'group' : participantKeyOf(db) !== undefined ? 'participant' : undefined;

/** Name prefix of every database of one kind (to list them with `_all_dbs`). */
export const scopePrefix = (kind: ScopeKind) => KINDS[kind];
