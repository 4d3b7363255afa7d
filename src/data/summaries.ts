import { debounceTime, filter, map, Subject, type Observable, type Subscription } from 'rxjs';
import { DOC_TYPE_SPECS, summarizeSession, type DocType, type SessionSummary } from '../domain/index.ts';
import type { PolkuDatabase } from './database.ts';
import { domainOf, pkOf, type StoredDoc } from './stored.ts';

/**
 * Per-session summaries for the coordinator's dashboard, kept up to date on the device:
 * every change to a session, an attendance mark, a ride or a check-in (typed here or
 * pulled by the sync) re-summarises that one session. The dashboard then reads one small
 * record per session instead of every record about it.
 */
const SUMMARISED: ReadonlySet<string> = new Set(DOC_TYPE_SPECS.filter((s) => s.summarised).map((s) => s.name));
/** Renamed whenever SessionSummary gains a field, so a device with older summaries builds them all again once (v2: rides by village). */
export const BUILT = 'summaries|built|v2';

export class Summaries {
  private readonly touched = new Set<string>();
  private readonly kick = new Subject<void>();
  private sub?: Subscription;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: PolkuDatabase) {}

  /** Follow changes; build everything once if that was never finished (first start, or an older app version). */
  async start() {
    if (this.sub) return;
    this.sub = this.db.docs.$.pipe(
      map((e): StoredDoc => e.documentData),
      filter((d) => SUMMARISED.has(d.type)),
    ).subscribe((d) => {
      this.touched.add(pkOf(d.scope, d.type === 'session' ? d.id : String(d.sessionId)));
      this.kick.next();
    });
    this.kick.pipe(debounceTime(100)).subscribe(() => void this.flush());
    // A marker, not a count: a build cut short (the app closed) is started again next time.
    if (!(await this.db.local.findOne(BUILT).exec())) this.built = this.rebuild().catch(() => undefined);
  }

  /** Resolves when a first full build (if one was needed) is done. */
  built: Promise<void> = Promise.resolve();

  stop() {
    this.sub?.unsubscribe();
    this.kick.complete();
  }

  /** Resolves once every change seen so far is summarised. */
  async flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const keys = [...this.touched];
      this.touched.clear();
      for (const key of keys) {
        // One failure (e.g. the database closing) must not stop later summaries.
        await this.summarise(key).catch(() => this.touched.add(key));
      }
    });
    return this.flushing;
  }

  /** Everything, scope by scope: four queries a scope rather than three a session. */
  async rebuild() {
    const sessions = await this.db.docs.find({ selector: { type: 'session' } }).exec();
    const scopes = [...new Set(sessions.map((s) => String(s.get('scope'))))];
    for (const scope of scopes) {
      const of = async <T extends DocType>(type: T) => (await this.db.docs.find({ selector: { type, scope } }).exec()).map((d) => domainOf<T>(d.toJSON()));
      const [list, attendance, rides, checkins] = await Promise.all([of('session'), of('attendance'), of('ride'), of('checkin')]);
      const bySession = <T extends { sessionId: string }>(items: T[]) => {
        const map = new Map<string, T[]>();
        for (const item of items) map.set(item.sessionId, [...(map.get(item.sessionId) ?? []), item]);
        return map;
      };
      const [a, r, c] = [bySession(attendance), bySession(rides), bySession(checkins)];
      await this.db.summaries.bulkUpsert(
        list.map((session) => {
          const summary = summarizeSession(scope, session, a.get(session.id) ?? [], r.get(session.id) ?? [], c.get(session.id) ?? []);
          return { id: pkOf(scope, session.id), scope, date: summary.date, summary };
        }),
      );
    }
    await this.db.local.upsert({ id: BUILT, kind: 'marker' });
  }

  private async summarise(key: string) {
    const [scope = '', sessionId = ''] = key.split('|');
    const session = await this.db.docs.findOne(key).exec();
    if (!session) {
      await this.db.summaries.findOne(key).remove().catch(() => undefined);
      return;
    }
    const of = async <T extends DocType>(type: T) => (await this.db.docs.find({ selector: { type, scope, ref: sessionId } }).exec()).map((d) => domainOf<T>(d.toJSON()));
    const summary = summarizeSession(scope, domainOf<'session'>(session.toJSON()), await of('attendance'), await of('ride'), await of('checkin'));
    await this.db.summaries.upsert({ id: key, scope, date: summary.date, summary });
  }

  watch(scopes: string[]): Observable<SessionSummary[]> {
    return this.db.summaries.find({ selector: { scope: { $in: scopes } } }).$.pipe(map((docs) => docs.map((d) => d.toJSON().summary as SessionSummary)));
  }
}
