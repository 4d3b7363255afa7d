import { z } from 'zod';
import { DOC_TYPE_SPECS, type AnyDoc, type DocType, type Participant } from './doc-types/index.ts';

/**
 * Everything Polku holds about one participant (GDPR art. 15: the right of access), for a
 * coordinator to print and hand over. Which types are about a person is read from the
 * registry — those naming one by `participantId` — so a new type is in the report without
 * anyone remembering to add it.
 */
const namesParticipant = (schema: z.ZodType) => schema instanceof z.ZodObject && 'participantId' in schema.shape;

/** The types whose documents are about one participant, in the registry's order. */
export const PERSONAL_TYPES: readonly DocType[] = DOC_TYPE_SPECS.filter((s) => namesParticipant(s.schema)).map((s) => s.name);

export interface AccessEntry {
  doc: AnyDoc;
  /** When it happened: its own date, its start, its session's date, else when it was recorded. */
  date: string;
  /** Documents its fields name (its session, its partner, the wish it supports, the note it corrects), by field. */
  refs: Record<string, AnyDoc>;
  /** The later record that corrects it (an append-only note is corrected by a new one naming it in `supersedes`). */
  correctedBy?: AnyDoc;
}

export interface AccessSection {
  type: DocType;
  entries: AccessEntry[];
}

export interface SubjectAccess {
  person: Participant;
  /** One per type about a person, in the registry's order, each by date (empty ones too: "nothing recorded" is an answer). */
  sections: AccessSection[];
}

const field = (doc: AnyDoc, name: string): unknown => (doc as Record<string, unknown>)[name];
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The report for `participantId` from a group's documents of every type; undefined when the person is not among them. */
export function subjectAccess(participantId: string, docs: readonly AnyDoc[]): SubjectAccess | undefined {
  const person = docs.find((d): d is Participant & AnyDoc => d.type === 'participant' && d.id === participantId);
  if (!person) return undefined;
  const byId = new Map(docs.map((d) => [d.id, d]));
  const refsOf = (doc: AnyDoc) =>
    Object.fromEntries(
      Object.entries(doc).flatMap(([name, value]) => {
        const ref = name !== 'id' && name !== 'participantId' && typeof value === 'string' ? byId.get(value) : undefined;
        return ref ? [[name, ref]] : [];
      }),
    ) as Record<string, AnyDoc>;
  const correction = new Map(docs.flatMap((d) => (typeof field(d, 'supersedes') === 'string' ? [[field(d, 'supersedes') as string, d]] : [])));
  const entryOf = (doc: AnyDoc): AccessEntry => {
    const refs = refsOf(doc);
    const date = text(field(doc, 'date')) ?? text(field(doc, 'startDate')) ?? text(refs.sessionId && field(refs.sessionId, 'date')) ?? doc.createdAt;
    const correctedBy = correction.get(doc.id);
    return { doc, date, refs, ...(correctedBy ? { correctedBy } : {}) };
  };
  const sections = PERSONAL_TYPES.map((type) => ({
    type,
    entries: docs
      .filter((d) => d.type === type && field(d, 'participantId') === participantId)
      .map(entryOf)
      .sort((a, b) => a.date.slice(0, 10).localeCompare(b.date.slice(0, 10)) || a.doc.createdAt.localeCompare(b.doc.createdAt)),
  }));
  return { person, sections };
}
