import { useMemo, useState } from 'preact/hooks';
import { combineLatest, map, of } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { metricsFromSummaries, monthOf, PLAN_STAGES, type GroupPeople, type Period, type SessionSummary } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { BarChart } from './BarChart.tsx';
import { Exports } from './Exports.tsx';
import { scopeKind } from '../../wire/scopes.ts';

/** The coordinator's picture of a period, across their groups or for one, from the data on this device. */
export function Dashboard() {
  const { t, tKey, lang, plural, date } = useT();
  const api = useData();
  const { store, scopes$ } = api;
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]).filter((s) => scopeKind(s) === 'group');
  const groups = useObservable(() => store.groups(), [], [store]);
  const summaries = useObservable(() => api.summaries.watch(scopes), [] as SessionSummary[], [api, scopes.join()]);
  const people = useObservable(
    () => (scopes.length ? combineLatest(scopes.map((scope) => store.groupPeople(scope).pipe(map((data) => ({ scope, data }))))) : of([])),
    [] as { scope: string; data: GroupPeople }[],
    [store, scopes.join()],
  );
  const [month] = useState(() => monthOf(new Date()));
  const [from, setFrom] = useState(month.from);
  const [to, setTo] = useState(month.to);
  const [scope, setScope] = useState('all');
  const badPeriod = !from || !to || to < from;
  const chosenScopes = scope === 'all' ? scopes : [scope];
  const period: Period = { from, to };
  const m = useMemo(
    () =>
      badPeriod
        ? null
        : metricsFromSummaries(
            summaries.filter((s) => chosenScopes.includes(s.scope)),
            people.filter((p) => chosenScopes.includes(p.scope)).map((p) => p.data),
            period,
          ),
    [summaries, people, scope, from, to, badPeriod],
  );
  const number = (n: number | null, digits = 1) => (n === null ? '–' : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n));
  const euros = (cents: number | null) => (cents === null ? '–' : new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(cents / 100));
  const percent = (r: number | null) => (r === null ? '–' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(r));
  const nameOf = (s: string) => groups.find((g) => g.scope === s)?.name ?? s;

  return (
    <section aria-labelledby="dash-title" class="dashboard">
      <h1 id="dash-title">{t('dash.title')}</h1>
      <div class="field-row no-print">
        <div class="field">
          <label for="dash-from">{t('dash.from')}</label>
          <input id="dash-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class={`field${badPeriod ? ' field-invalid' : ''}`}>
          <label for="dash-to">{t('dash.to')}</label>
          <input id="dash-to" type="date" value={to} aria-invalid={badPeriod} aria-describedby={badPeriod ? 'dash-to-error' : undefined} onInput={(e) => setTo(e.currentTarget.value)} />
          {badPeriod && (
            <p class="field-error" id="dash-to-error">
              {t('v.periodEnd')}
            </p>
          )}
        </div>
        <div class="field">
          <label for="dash-group">{t('dash.group')}</label>
          <select id="dash-group" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
            <option value="all">{t('dash.allGroups', { count: scopes.length })}</option>
            {scopes.map((s) => (
              <option key={s} value={s}>
                {nameOf(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {m && (
        <>
          <p class="print-only">{t('dash.reportFor', { from: date(from), to: date(to), groups: scope === 'all' ? t('dash.allGroups', { count: scopes.length }) : nameOf(scope) })}</p>
          {m.sessions.held + m.sessions.planned + m.sessions.cancelled === 0 && <p class="notice">{t('dash.empty')}</p>}
          <dl class="figures" data-testid="figures">
            <Figure label={t('dash.sessions')} value={t('dash.sessionsValue', { held: m.sessions.held, planned: m.sessions.planned, cancelled: m.sessions.cancelled })} />
            <Figure label={t('dash.visits')} value={number(m.visits, 0)} />
            <Figure label={t('dash.unique')} value={number(m.uniqueParticipants, 0)} />
            <Figure label={t('dash.rate')} value={percent(m.attendanceRate)} />
            <Figure label={t('dash.groupSize')} value={t('dash.groupSizeValue', { size: number(m.averageGroupSize), capacity: number(m.averageCapacity) })} />
            <Figure label={t('dash.cost')} value={euros(m.costCents)} />
            <Figure label={t('dash.costPerVisit')} value={euros(m.costPerVisitCents)} />
            <Figure label={t('dash.costPerParticipant')} value={euros(m.costPerParticipantCents)} />
            <Figure label={t('dash.rides')} value={t('dash.ridesValue', { requested: m.rides.requested, confirmed: m.rides.confirmed })} />
            <Figure label={t('dash.goals')} value={number(m.goalsReached, 0)} />
            <Figure label={t('dash.checkins')} value={plural('dash.checkinsValue', m.checkins.count, { mood: number(m.checkins.mood), useful: number(m.checkins.useful) })} />
          </dl>
          <BarChart
            id="chart-attendance"
            title={t('dash.overTime')}
            summary={m.series.length ? plural('dash.overTimeSummary', m.series.length, { max: Math.max(...m.series.map((x) => x.present)), min: Math.min(...m.series.map((x) => x.present)) }) : t('dash.noData')}
            columns={[t('dash.date'), t('dash.present'), t('dash.capacity')]}
            rows={m.series.map((x) => ({ label: date(x.date), value: x.present, extra: x.capacity }))}
          />
          <BarChart
            id="chart-stages"
            title={t('dash.byStage')}
            summary={Object.keys(m.byStage).length ? plural('dash.byStageSummary', Object.values(m.byStage).reduce((a, b) => a + b, 0)) : t('dash.noData')}
            columns={[t('path.stage'), t('dash.people')]}
            rows={PLAN_STAGES.filter((s) => m.byStage[s]).map((s) => ({ label: tKey(`path.stage.${s}`), value: m.byStage[s]! }))}
          />
          <BarChart
            id="chart-transitions"
            title={t('dash.transitions')}
            summary={Object.keys(m.transitions).length ? plural('dash.transitionsSummary', Object.values(m.transitions).reduce((a, b) => a + b, 0)) : t('dash.noData')}
            columns={[t('path.stage'), t('dash.people')]}
            rows={PLAN_STAGES.filter((s) => m.transitions[s]).map((s) => ({ label: tKey(`path.stage.${s}`), value: m.transitions[s]! }))}
          />
          <BarChart
            id="chart-rides"
            title={t('dash.seatsByVillage')}
            summary={Object.keys(m.rides.seatsByVillage).length ? plural('dash.seatsSummary', Object.values(m.rides.seatsByVillage).reduce((a, b) => a + b, 0)) : t('dash.noData')}
            columns={[t('my.village'), t('rides.seatsLabel')]}
            rows={Object.entries(m.rides.seatsByVillage)
              .sort((a, b) => b[1] - a[1])
              .map(([village, seats]) => ({ label: village, value: seats }))}
          />
          <h2>{t('dash.esf')}</h2>
          <EsfTable caption={t('dash.esfCaption')} counts={m.esf} />
          <EsfTable caption={t('dash.esfExitCaption')} counts={m.esfExit} />
          <Exports scopes={chosenScopes} period={period} nameOf={nameOf} />
          <button type="button" class="no-print" onClick={() => window.print()}>
            {t('dash.print')}
          </button>
        </>
      )}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function EsfTable({ caption, counts }: { caption: string; counts: Record<string, Record<string, number>> }) {
  const { t, tKey } = useT();
  const rows = Object.entries(counts).flatMap(([item, values]) => Object.entries(values).map(([value, count]) => ({ item, value, count })));
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dash.esfItem')}</th>
          <th scope="col">{t('dash.esfValue')}</th>
          <th scope="col">{t('dash.people')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={3}>{t('dash.noData')}</td>
          </tr>
        )}
        {rows.map(({ item, value, count }) => (
          <tr key={`${item}-${value}`}>
            <th scope="row">{tKey(`participant.${item}`)}</th>
            <td>{value === 'notGiven' ? t('participant.notGiven') : tKey(`participant.${item}.${value}`)}</td>
            <td>{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
