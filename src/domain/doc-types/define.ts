import { z } from 'zod';
import { KEY_SOURCE } from '../../wire/scopes.ts';
import { prefixedId } from '../common.ts';
import { newKey, keyOf } from '../ids.ts';
import type { RoleKind } from '../roles.ts';

/**
 * What a document type is, beside its schema: the descriptor everything type-aware derives
 * from — the local indexes, the write rules CouchDB enforces, the relay's routing, the
 * dashboard's summaries and the catalogue's key families.
 */

/**
 * How its id is made:
 * - `single`: one per organisation, the id is the type's name;
 * - `own`: `<type>:<key>`, a random key of its own;
 * - `perRefPerson`: `<type>:<key of its ref>:<participant key>` (the ref is a session, or a
 *   wish), so two devices recording the same person for the same session write one document.
 */
export type IdKind = 'single' | 'own' | 'perRefPerson';

/**
 * What of it reaches a participant's own database (their phone):
 * - `all`: every participant of the group (the schedule, the group's villages);
 * - `own`: the participant it is about;
 * - `ownWhenVisible`: the participant it is about, while `visibleToParticipant` is set;
 * - `staff`: no participant.
 */
export type Reach = 'all' | 'own' | 'ownWhenVisible' | 'staff';

export interface DocTypeSpec<N extends string = string, S extends z.ZodType = z.ZodType> {
  name: N;
  schema: S;
  id: IdKind;
  /** The kinds of account that may write it. A participant writes only about themselves. */
  writers: readonly RoleKind[];
  reach: Reach;
  /** Field → the only values a participant may give it (a participant asks for a ride; staff confirm it). */
  participantValues?: Readonly<Record<string, readonly string[]>>;
  /** Never changed or deleted once written; a correction is a new document. */
  appendOnly?: boolean;
  /**
   * Deleted only by the server (the controller's erasure): every device takes its deletion as
   * the end of everything about the person, so no member may delete it.
   */
  deletedByServerOnly?: boolean;
  /** Feeds the coordinator's per-session summaries. */
  summarised?: boolean;
  /** What the staff's start screen shows: a group's first sync brings these before the rest of its history. */
  startScreen?: boolean;
  /** The field local queries select by (its main reference), indexed on the device; a `perRefPerson` id names it. */
  ref?: string;
  /** Enum field → the catalogue key prefixes its values are shown with (`${prefix}.${value}`). */
  labels?: Readonly<Record<string, readonly string[]>>;
}

export const STAFF: readonly RoleKind[] = ['coordinator', 'instructor'];

/** How many keys follow the type in an id of this kind. */
export const ID_KEYS: Readonly<Record<IdKind, number>> = { single: 0, own: 1, perRefPerson: 2 };

export const idPattern = (name: string, kind: IdKind) => new RegExp(`^${name}(:${KEY_SOURCE}){${ID_KEYS[kind]}}$`);

/** The `id` and `type` fields every document of a type starts with, shaped by its id kind. */
export function docHead<const N extends string>(spec: { name: N; id: IdKind }) {
  return {
    id: z.string().max(200, 'v.tooLong').regex(idPattern(spec.name, spec.id), 'v.id'),
    type: z.literal(spec.name),
  };
}

/** A new id of its own for a type whose documents have one (`own`). */
export const newIdOf = (name: string) => (key = newKey()) => `${name}:${key}`;

/** The deterministic id of a `perRefPerson` document: by its ref (a session, a wish) and its person. */
export const sessionPersonIdOf = (name: string) => (ref: string, participant: string) =>
  `${name}:${keyOf(ref)}:${keyOf(participant)}`;

/** The participant key a `perRefPerson` id names (its third part). */
export const personOfId = (id: string): string | undefined => id.split(':')[2];

/** The fields a per-session-per-person document names its session and its participant with. */
export const sessionPersonFields = { sessionId: prefixedId('session'), participantId: prefixedId('participant') };

/** The refinement every `perRefPerson` schema carries: its id names its ref (default: its session) and its participant. */
export const idNamesSessionAndPerson = (
  name: string,
  ref = 'sessionId',
): [(d: { id: string; participantId: string }) => boolean, { path: string[]; error: string }] => [
  (d) => d.id === sessionPersonIdOf(name)(String((d as Record<string, unknown>)[ref]), d.participantId),
  { path: ['id'], error: 'v.id' },
];

/** Through optionals and lists to what they hold (a list of choices labels like one choice). */
const unwrap = (node: unknown) => {
  while (node instanceof z.ZodOptional || node instanceof z.ZodArray) node = node instanceof z.ZodArray ? node.element : node.unwrap();
  return node;
};

/** The values an enum field may take, by its dotted path through nested (optional) objects; none if it is no enum. */
export function enumValuesAt(schema: z.ZodType, path: string): readonly string[] {
  let node: unknown = schema;
  for (const part of path.split('.')) {
    node = unwrap(node);
    if (!(node instanceof z.ZodObject)) return [];
    node = (node.shape as Record<string, unknown>)[part];
  }
  node = unwrap(node);
  return node instanceof z.ZodEnum ? node.options.map(String) : [];
}

/** The catalogue keys a type's choices are shown with (`labels`: prefix × value). */
export const labelKeysOf = (spec: Pick<DocTypeSpec, 'schema' | 'labels'>): string[] =>
  Object.entries(spec.labels ?? {}).flatMap(([path, prefixes]) => prefixes.flatMap((p) => enumValuesAt(spec.schema, path).map((v) => `${p}.${v}`)));

export const defineDocType = <const N extends string, S extends z.ZodType>(spec: DocTypeSpec<N, S>) => spec;
