import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DOC_TYPE_SPECS, ID_KEYS, membershipRole, ROLE, type DocTypeSpec, type StaffKind } from '../../src/domain/index.ts';
import { groupKeyOf, groupScope, KEY_SOURCE, participantKeyOf, participantScope, scopeKind } from '../../src/wire/scopes.ts';

/** Raise when the rules change in a way the tables do not show (the file's logic). */
export const VALIDATE_VERSION = 7;

/** A JSON Schema as zod writes it, with each `pattern` replaced by its index in the table's `patterns`. */
type FieldSchema = { [keyword: string]: unknown };

/** Per type: who writes it here, the keys its id has, what a participant may set, and its fields' schema. */
export interface TypeRules {
  writers: string[];
  idKeys: number;
  /** The field the id names before its participant (`<type>:<key of this field>:<participant key>`), if it does. */
  pairRef: string | null;
  appendOnly: boolean;
  deletedByServerOnly: boolean;
  participantValues: Record<string, readonly string[]>;
  fields: FieldSchema;
}

export interface RulesTable {
  /** The database the rules guard, and its kind: each scope database has its own copy. */
  db: string;
  kind: 'group' | 'participant';
  /** In a participant's database: their role and their id (the only person who writes there, about themselves). */
  self?: string;
  participantId?: string;
  /** Every type Polku has (one not written here is refused as not the writer's, an unknown one as bad). */
  known: string[];
  /** The types written in this database by the people who may, with their rules. */
  types: Record<string, TypeRules>;
  patterns: string[];
  keySource: string;
}

/** zod's JSON Schema for a type (what the server can check: types, enums, lengths, patterns), its patterns shared. */
function fieldsOf(spec: DocTypeSpec, patterns: string[]): FieldSchema {
  const { $schema: _drop, ...schema } = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as FieldSchema;
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => {
    if (key !== 'pattern' || typeof value !== 'string') return value;
    if (!patterns.includes(value)) patterns.push(value);
    return patterns.indexOf(value);
  }) as FieldSchema;
}

/**
 * The tables `validate_doc_update.js` reads in database `db`, from the document-type
 * registry: in a group's database its staff write the staff's types; in a participant's
 * database the participant writes, about themselves, the types participants write —
 * everything else there comes from the relay (a server admin, whom no rule stops).
 */
export function rulesTable(db: string): RulesTable {
  const kind = scopeKind(db);
  if (!kind) throw new Error(`${db} is not a scope database`);
  const participantKey = participantKeyOf(db);
  const patterns: string[] = [];
  const group = groupKeyOf(db);
  const types: Record<string, TypeRules> = {};
  for (const spec of DOC_TYPE_SPECS) {
    // Staff write by their membership of this group (SECURITY.md), never by a kind held in another.
    const writers =
      group !== undefined
        ? spec.writers.filter((k): k is StaffKind => k !== 'participant').map((k) => membershipRole(k, group))
        : spec.writers.includes('participant')
          ? [ROLE.self(participantKey!)]
          : [];
    if (writers.length === 0) continue;
    types[spec.name] = {
      writers,
      idKeys: ID_KEYS[spec.id],
      pairRef: spec.id === 'perRefPerson' ? (spec.ref ?? null) : null,
      appendOnly: spec.appendOnly === true,
      deletedByServerOnly: spec.deletedByServerOnly === true,
      participantValues: kind === 'participant' ? (spec.participantValues ?? {}) : {},
      fields: fieldsOf(spec, patterns),
    };
  }
  return {
    db,
    kind,
    ...(participantKey ? { self: ROLE.self(participantKey), participantId: `participant:${participantKey}` } : {}),
    known: DOC_TYPE_SPECS.map((s) => s.name),
    types,
    patterns,
    keySource: KEY_SOURCE,
  };
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
export const rulesFingerprintSource = () => JSON.stringify([designDocFor(groupScope('0000')), designDocFor(participantScope('0000'))]);
