import { useState } from 'preact/hooks';
import { firstValueFrom } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { inPeriod, toCsv, type Cell, type GroupData, type Period, type Separator } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { downloadFile } from '../../ui/download.ts';

type Kind = 'sessions' | 'attendance' | 'rides' | 'transitions';

/** CSV downloads of the period's records, for Excel (with a semicolon option for Finnish Excel). */
export function Exports({ scopes, period, nameOf }: { scopes: string[]; period: Period; nameOf: (scope: string) => string }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const [semicolon, setSemicolon] = useState(true);
  const [empty, setEmpty] = useState<Kind | null>(null);

  // Full records are read only when an export is asked for; the dashboard itself reads summaries.
  const build = async (kind: Kind): Promise<{ header: string[]; rows: Cell[][] }> => {
    const groups = await Promise.all(scopes.map(async (scope) => ({ scope, data: (await firstValueFrom(store.groupData(scope))) as GroupData })));
    const rows: Cell[][] = [];
    for (const { scope, data } of groups) {
      const sessions = data.sessions.filter((s) => inPeriod(s.date, period));
      const dateOf = new Map(sessions.map((s) => [s.id, s.date]));
      const nameOfPerson = new Map(data.participants.map((p) => [p.id, p.displayName]));
      const group = nameOf(scope);
      if (kind === 'sessions') {
        for (const s of sessions) rows.push([group, s.date, s.startTime, s.endTime, s.village, s.theme ?? '', tKey(`session.status.${s.status}`), s.capacity, s.costCents / 100, s.cancelReason ?? '']);
      } else if (kind === 'attendance') {
        for (const a of data.attendance.filter((a) => dateOf.has(a.sessionId))) rows.push([group, dateOf.get(a.sessionId), nameOfPerson.get(a.participantId) ?? a.participantId, tKey(`attendance.${a.status}`)]);
      } else if (kind === 'rides') {
        for (const r of data.rides.filter((r) => dateOf.has(r.sessionId))) rows.push([group, dateOf.get(r.sessionId), nameOfPerson.get(r.participantId) ?? r.participantId, r.village, r.pickupPoint, r.seats, tKey(`rides.status.${r.status}`), r.needs ?? '']);
      } else {
        for (const s of data.steps.filter((s) => inPeriod(s.startDate, period))) rows.push([group, s.startDate, nameOfPerson.get(s.participantId) ?? s.participantId, tKey(`path.stage.${s.stage}`), tKey(`path.status.${s.status}`), s.updatedBy]);
      }
    }
    rows.sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
    const header = {
      sessions: [t('dash.group'), t('dash.date'), t('session.startTime'), t('session.endTime'), t('session.village'), t('session.theme'), t('session.status'), t('session.capacity'), t('session.cost'), t('session.cancelReason')],
      attendance: [t('dash.group'), t('dash.date'), t('rides.participant'), t('attendance.title')],
      rides: [t('dash.group'), t('dash.date'), t('rides.participant'), t('my.village'), t('rides.pickupPoint'), t('rides.seatsLabel'), t('session.status'), t('rides.needs')],
      transitions: [t('dash.group'), t('path.start'), t('rides.participant'), t('path.stage'), t('path.statusLabel'), t('dash.recordedBy')],
    }[kind];
    return { header, rows };
  };

  const download = async (kind: Kind) => {
    const { header, rows } = await build(kind);
    if (rows.length === 0) return setEmpty(kind);
    setEmpty(null);
    const separator: Separator = semicolon ? ';' : ',';
    downloadFile(toCsv(header, rows, separator), 'text/csv;charset=utf-8', `polku-${kind}-${period.from}-${period.to}.csv`);
  };

  return (
    <section class="card no-print" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('dash.exports')}</h2>
      <div class="field field-check">
        <input id="csv-semicolon" type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.currentTarget.checked)} />
        <label for="csv-semicolon">{t('dash.semicolon')}</label>
      </div>
      <div class="actions">
        {(['sessions', 'attendance', 'rides', 'transitions'] as const).map((kind) => (
          <button key={kind} type="button" class="secondary" onClick={() => void download(kind)}>
            {tKey(`dash.export.${kind}`)}
          </button>
        ))}
      </div>
      {empty && <p role="status">{t('dash.exportEmpty')}</p>}
    </section>
  );
}
