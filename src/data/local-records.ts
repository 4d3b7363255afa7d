import type { RxJsonSchema } from 'rxdb';
import type { Problem, SessionSummary } from '../domain/index.ts';

/**
 * The device's own bookkeeping beside the documents, one kind a record (the `local`
 * collection), never sent anywhere:
 * - `checkpoint`: how far a scope's changes were pulled, at which version, and when it last synced;
 * - `quarantine`: a document from the server that failed validation, with its problems;
 * - `merge`: concurrent edits combined field by field here (shown in the timeline);
 * - `marker`: a fact about the device (the summaries were built once).
 */
export type CheckpointRecord = {
  id: string;
  kind: 'checkpoint';
  scope: string;
  since?: string;
  lastSyncAt?: string;
  /** The server's version of the scope (`/api/sync/check`) the last complete pull began at. */
  version?: string;
};
export type QuarantineRecord = { id: string; kind: 'quarantine'; scope: string; docId: string; rev: string; problems: Problem[]; raw: string; at: string };
export type MergeRecord = { id: string; kind: 'merge'; scope: string; docId: string; /** Whose edit was combined with ours. */ with: string; at: string };
export type MarkerRecord = { id: string; kind: 'marker' };
export type LocalRecord = CheckpointRecord | QuarantineRecord | MergeRecord | MarkerRecord;
export type LocalKind = LocalRecord['kind'];
export type RecordOf<K extends LocalKind> = Extract<LocalRecord, { kind: K }>;

export const checkpointId = (scope: string) => `checkpoint|${scope}`;
export const quarantineId = (scope: string, id: string) => `quarantine|${scope}|${id}`.slice(0, 300);
export const mergeId = (scope: string, docId: string, at: string) => `merge|${scope}|${docId}|${at}`.slice(0, 300);

/** RxDB stores the union in one collection: every kind's fields, each optional but `id` and `kind`. */
export const localSchema: RxJsonSchema<LocalRecord> = {
  // 1: quarantine problems as data (were one string re-parsed by the UI); merges say `with` (was `reason`).
  // 2: checkpoints keep the scope's version (nothing to convert).
  version: 2,
  type: 'object',
  primaryKey: 'id',
  properties: {
    id: { type: 'string', maxLength: 300 },
    kind: { type: 'string', maxLength: 20 },
    scope: { type: 'string' },
    since: { type: 'string' },
    lastSyncAt: { type: 'string' },
    version: { type: 'string' },
    docId: { type: 'string' },
    rev: { type: 'string' },
    problems: { type: 'array', items: { type: 'object' } },
    with: { type: 'string' },
    raw: { type: 'string' },
    at: { type: 'string' },
  },
  required: ['id', 'kind'],
  indexes: ['kind'],
} as RxJsonSchema<LocalRecord>;

/** A version-0 record (one `reason` string for two things) → this version's. */
export function upgradeLocalRecord(old: Record<string, unknown>): Record<string, unknown> {
  const { reason, ...rest } = old;
  const text = typeof reason === 'string' ? reason : '';
  if (old.kind === 'quarantine') {
    const problems = text.split('; ').filter(Boolean).map((part): Problem => {
      const [path = '', key = part] = part.split(': ');
      return { path: path === '-' ? '' : path, key };
    });
    return { ...rest, problems };
  }
  if (old.kind === 'merge') return { ...rest, with: text };
  if (old.kind === 'summaries') return { ...rest, kind: 'marker' };
  return rest;
}

/** Per-session summaries for the coordinator's dashboard (see summaries.ts). */
export type SummaryRecord = { id: string; scope: string; date: string; summary: SessionSummary };

export const summarySchema: RxJsonSchema<SummaryRecord> = {
  version: 0,
  type: 'object',
  primaryKey: 'id',
  properties: {
    id: { type: 'string', maxLength: 300 },
    scope: { type: 'string', maxLength: 50 },
    date: { type: 'string', maxLength: 10 },
    summary: { type: 'object' },
  },
  required: ['id', 'scope', 'date', 'summary'],
  indexes: [['scope', 'date']],
};

/** The record as its kind, or nothing if it is another kind (a query by kind returns the union). */
export const ofKind = <K extends LocalKind>(kind: K, record: LocalRecord): RecordOf<K>[] => (record.kind === kind ? [record as RecordOf<K>] : []);
