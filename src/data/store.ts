import { combineLatest, map, type Observable } from 'rxjs';
import {
  isAppendOnly,
  applyEdit,
  attendanceId,
  checkDoc,
  checkDocOf,
  SCHEMA_VERSION,
  type AttendanceStatus,
  type Checked,
  type DocOf,
  type DocType,
  type Problem,
} from '../domain/index.ts';
import type { ImpactData } from '../domain/impact.ts';
import type { PolkuDatabase } from './database.ts';
import { ofKind, type MergeRecord, type QuarantineRecord } from './local-records.ts';
import { isStorageFull } from './storage-full.ts';
import { domainOf, editableOf, pkOf, toRow, viewOf, type LocalDoc, type StoredDoc } from './stored.ts';

export type { LocalDoc };

/** Fields the store fills in itself on create. */
type Managed = 'type' | 'schemaVersion' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'clock';
export type NewDoc<T extends DocType> = Omit<DocOf<T>, Managed>;

export interface WriteContext {
  user: string;
  device: string;
  now?: () => Date;
  /** Called after every successful local write (the sync scheduler listens). */
  onWrite?: () => void;
}

const storageProblem = (error: unknown): Problem[] => [{ path: '', key: isStorageFull(error) ? 'storage.quotaFull' : 'storage.writeFailed' }];

const rowsOf = <T extends DocType>(docs: { toJSON(): StoredDoc }[]) => docs.map((d) => viewOf<T>(d.toJSON()));

export class Store {
  constructor(
    private readonly db: PolkuDatabase,
    private readonly ctx: WriteContext,
  ) {}

  private now() {
    return (this.ctx.now ?? (() => new Date()))();
  }

  /** Validate and store a new document. Nothing invalid reaches the database. */
  async create<T extends DocType>(type: T, fields: NewDoc<T>): Promise<Checked<DocOf<T>>> {
    const result = await this.createAll(type, [fields]);
    return result.ok ? { ok: true, value: result.value[0]! } : result;
  }

  /** Several new documents, all or none: nothing is stored unless every one is valid. */
  async createAll<T extends DocType>(type: T, list: NewDoc<T>[]): Promise<Checked<DocOf<T>[]>> {
    const at = this.now().toISOString();
    const values: StoredDoc[] = [];
    for (const fields of list) {
      const doc: Record<string, unknown> = { ...fields, type, schemaVersion: SCHEMA_VERSION, createdAt: at, updatedAt: at, createdBy: this.ctx.user, updatedBy: this.ctx.user };
      if (!isAppendOnly(type)) doc.clock = {};
      const checked = checkDoc(doc);
      if (!checked.ok) return checked;
      values.push(toRow(checked.value, { syncState: 'pending' }));
    }
    try {
      const { error } = await this.db.docs.bulkInsert(values);
      if (error.length) return { ok: false, problems: storageProblem(error[0]) };
    } catch (error) {
      return { ok: false, problems: storageProblem(error) };
    }
    this.ctx.onWrite?.();
    return { ok: true, value: values.map((v) => domainOf<T>(v)) };
  }

  /**
   * Validate and apply an edit with per-field clocks (see domain/merge.ts). The edit is
   * applied to the newest stored copy, so a merge the sync made meanwhile is kept.
   */
  async edit<T extends DocType>(type: T, scope: string, id: string, changes: Partial<DocOf<T>>): Promise<Checked<DocOf<T>>> {
    if (isAppendOnly(type)) return { ok: false, problems: [{ path: '', key: 'srv.appendOnly' }] };
    const rxDoc = await this.db.docs.findOne(pkOf(scope, id)).exec();
    if (!rxDoc || rxDoc.get('type') !== type) return { ok: false, problems: [{ path: 'id', key: 'v.id' }] };
    const by = { user: this.ctx.user, device: this.ctx.device, now: this.now() };
    const editOf = (stored: StoredDoc) => checkDocOf(type, applyEdit(editableOf<T>(stored), changes, by));
    const first = editOf(rxDoc.toMutableJSON());
    if (!first.ok) return first;
    let result: Checked<DocOf<T>> = first;
    try {
      await rxDoc.incrementalModify((stored) => {
        const checked = editOf(stored);
        if (!checked.ok) {
          result = checked;
          return stored;
        }
        result = checked;
        return toRow(checked.value, { syncState: 'pending', couchRev: stored.couchRev }, stored.pk);
      });
    } catch (error) {
      return { ok: false, problems: storageProblem(error) };
    }
    if (result.ok) this.ctx.onWrite?.();
    return result;
  }

  /** One attendance document per (session, participant): create or change its status. */
  async markAttendance(scope: string, sessionId: string, participantId: string, status: AttendanceStatus) {
    const id = attendanceId(sessionId, participantId);
    const existing = await this.db.docs.findOne(pkOf(scope, id)).exec();
    if (existing) return this.edit('attendance', scope, id, { status });
    return this.create('attendance', { id, scope, sessionId, participantId, status });
  }

  async get<T extends DocType>(type: T, scope: string, id: string): Promise<LocalDoc<T> | undefined> {
    const doc = await this.db.docs.findOne(pkOf(scope, id)).exec();
    return doc && doc.get('type') === type ? viewOf<T>(doc.toJSON()) : undefined;
  }

  watchOne<T extends DocType>(type: T, scope: string, id: string): Observable<LocalDoc<T> | undefined> {
    return this.db.docs
      .findOne(pkOf(scope, id))
      .$.pipe(map((d) => (d && d.get('type') === type ? viewOf<T>(d.toJSON()) : undefined)));
  }

  /** Documents of one type, optionally in one scope and with one `ref` (see rx-schema.ts). */
  watch<T extends DocType>(type: T, scope?: string, ref?: string): Observable<LocalDoc<T>[]> {
    const selector: Record<string, string> = { type };
    if (scope !== undefined) selector.scope = scope;
    if (ref !== undefined) selector.ref = ref;
    return this.db.docs
      .find({ selector, sort: [{ type: 'asc' }, { scope: 'asc' }, { ref: 'asc' }] })
      .$.pipe(map((docs) => rowsOf<T>(docs)));
  }

  /** Sessions of a group, by date. */
  sessionsOf(scope: string) {
    return this.watch('session', scope).pipe(
      map((list) => list.sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime))),
    );
  }

  attendanceOf(scope: string, sessionId: string) {
    return this.watch('attendance', scope, sessionId);
  }

  participantsOf(scope: string) {
    return this.watch('participant', scope).pipe(
      map((list) => list.sort((a, b) => a.displayName.localeCompare(b.displayName))),
    );
  }

  groups() {
    return this.watch('group');
  }

  /** A group's people, path stages and goals (the dashboard's slow-moving part). */
  groupPeople(scope: string) {
    return combineLatest({ participants: this.watch('participant', scope), steps: this.watch('planstep', scope), goals: this.watch('goal', scope) });
  }

  /** Every record of a group the exports need. */
  groupData(scope: string) {
    return combineLatest({
      sessions: this.watch('session', scope),
      attendance: this.watch('attendance', scope),
      rides: this.watch('ride', scope),
      participants: this.watch('participant', scope),
      steps: this.watch('planstep', scope),
      goals: this.watch('goal', scope),
      checkins: this.watch('checkin', scope),
    });
  }

  /**
   * A group's records the working models' figures are computed from. Read only while the
   * dashboard is open: nothing subscribes otherwise.
   */
  workingModels(scope: string) {
    return combineLatest({
      group: this.watch('group', scope).pipe(map((list) => list[0])),
      wishes: this.watch('wish', scope),
      supports: this.watch('wishsupport', scope),
      sessions: this.watch('session', scope),
      errands: this.watch('errand', scope),
      guidance: this.watch('guidance', scope),
      coaching: this.watch('coaching', scope),
      partners: this.watch('partner', scope),
      placements: this.watch('placement', scope),
      participants: this.watch('participant', scope),
    }).pipe(map((data) => ({ scope, ...data })));
  }

  /** A group's records the impact report is computed from (join several groups' with `joinImpactData`). Read only while the report is open. */
  impactData(scope: string): Observable<ImpactData> {
    return combineLatest({
      groups: this.watch('group', scope),
      sessions: this.watch('session', scope),
      attendance: this.watch('attendance', scope),
      participants: this.watch('participant', scope),
      steps: this.watch('planstep', scope),
      goals: this.watch('goal', scope),
      checkins: this.watch('checkin', scope),
      observations: this.watch('observation', scope),
      placements: this.watch('placement', scope),
      partners: this.watch('partner', scope),
      guidance: this.watch('guidance', scope),
    });
  }

  /** Everything about one participant, for the timeline. */
  aboutParticipant(scope: string, participantId: string) {
    return combineLatest({
      notes: this.watch('note', scope, participantId),
      steps: this.watch('planstep', scope, participantId),
      goals: this.watch('goal', scope, participantId),
      checkins: this.db.docs.find({ selector: { type: 'checkin', scope, person: participantId } }).$.pipe(map((docs) => rowsOf<'checkin'>(docs))),
      attendance: this.db.docs.find({ selector: { type: 'attendance', scope, person: participantId } }).$.pipe(map((docs) => rowsOf<'attendance'>(docs))),
    });
  }

  /** Documents the server refused: kept here with the reason until fixed or retried. */
  refused(): Observable<LocalDoc<DocType>[]> {
    return this.db.docs.find({ selector: { syncState: 'refused' } }).$.pipe(map((docs) => rowsOf(docs)));
  }

  /** Field merges of concurrent edits made on this device, for the timeline. */
  merges(scope: string): Observable<MergeRecord[]> {
    return this.db.local.find({ selector: { kind: 'merge', scope } }).$.pipe(map((docs) => docs.flatMap((d) => ofKind('merge', d.toMutableJSON()))));
  }

  /** When any scope last synced, as the checkpoints keep it ('' never): known offline after a reload too. */
  lastSyncAt(): Observable<string> {
    return this.db.local
      .find({ selector: { kind: 'checkpoint' } })
      .$.pipe(map((docs) => docs.flatMap((d) => ofKind('checkpoint', d.toMutableJSON())).reduce((latest, c) => ((c.lastSyncAt ?? '') > latest ? (c.lastSyncAt ?? '') : latest), '')));
  }

  /** Documents from the server that failed validation and were not used. */
  quarantined(): Observable<QuarantineRecord[]> {
    return this.db.local.find({ selector: { kind: 'quarantine' } }).$.pipe(map((docs) => docs.flatMap((d) => ofKind('quarantine', d.toMutableJSON()))));
  }
}
