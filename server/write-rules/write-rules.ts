import { readFileSync } from 'node:fs';
import { DOC_TYPE_SPECS, ID_KEYS, membershipRole, ROLE, type DocType, type RoleKind } from '../../src/domain/index.ts';
import { groupKeyOf, KEY_SOURCE } from '../../src/wire/scopes.ts';

/** Raise when the rules change in a way the tables do not show (the file's logic). */
export const VALIDATE_VERSION = 5;

/** Per type: who writes it, the keys its id has, whether it is append-only, what a participant may set. */
export interface TypeRules {
  writers: string[];
  idKeys: number;
  appendOnly: boolean;
  participantValues: Record<string, readonly string[]>;
}

export interface RulesTable {
  /** The database the rules guard (each scope database has its own copy). */
  db: string;
  types: Record<DocType, TypeRules>;
  staffRoles: string[];
  selfRolePrefix: string;
  participantIdPrefix: string;
  keySource: string;
}

/** The tables `validate_doc_update.js` reads in database `db`, from the document-type registry. */
export function rulesTable(db: string): RulesTable {
  // In a group database staff write by their membership of that group (SECURITY.md), never
  // by a kind held in another; a participant database has no group of its own baked in.
  const group = groupKeyOf(db);
  const roleOf = (kind: RoleKind) => (group !== undefined && kind !== 'participant' ? membershipRole(kind, group) : ROLE[kind]);
  const types = Object.fromEntries(
    DOC_TYPE_SPECS.map((spec) => [
      spec.name,
      { writers: spec.writers.map(roleOf), idKeys: ID_KEYS[spec.id], appendOnly: spec.appendOnly === true, participantValues: spec.participantValues ?? {} },
    ]),
  ) as Record<DocType, TypeRules>;
  return { db, types, staffRoles: [roleOf('coordinator'), roleOf('instructor')], selfRolePrefix: ROLE.self(''), participantIdPrefix: 'participant:', keySource: KEY_SOURCE };
}

const SOURCE = readFileSync(new URL('./validate_doc_update.js', import.meta.url), 'utf8');

/** The function text CouchDB stores: the file, with its tables in front. */
export function validateSource(table: RulesTable): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {\nvar RULES = ${JSON.stringify(table)};\n${SOURCE}\nreturn validate(newDoc, oldDoc, userCtx, secObj);\n}`;
}

/** The design document of scope database `db`. */
export function designDocFor(db: string): { _id: string; [k: string]: unknown } {
  return { _id: '_design/polku', polkuVersion: VALIDATE_VERSION, language: 'javascript', validate_doc_update: validateSource(rulesTable(db)) };
}

/** Changes when the rules change, whichever database they guard (the deployment's fingerprint). */
export const rulesFingerprintSource = () => JSON.stringify(designDocFor(''));
