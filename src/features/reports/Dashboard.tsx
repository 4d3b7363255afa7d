import { useMemo, useState } from 'preact/hooks';
import { combineLatest, map, of } from 'rxjs';
import { hrefOf } from '../../app/routes.ts';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import {
  attendanceOverTime,
  compareMetrics,
  COMPARED,
  lastFullMonth,
  metricsByGroup,
  metricsFromSummaries,
  pathFunnel,
  previousPeriod,
  shiftDate,
  type Change,
  type Compared,
  type Funnel,
  type GroupPeople,
  type GroupRow,
  type Metrics,
  type Period,
  type SessionSummary,
  type TimeBucket,
} from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { PeriodFields } from './PeriodFields.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { BarChart } from './BarChart.tsx';
import { Exports } from './Exports.tsx';
import { WorkingModelFigures } from './WorkingModelFigures.tsx';
import { scopeKind } from '../../wire/scopes.ts';

/**
 * The coordinator's picture of a period, across their groups or for one, from the data on
 * this device: figures, charts a report can use as they are (each with its table and a
 * sentence), and the comparison with the previous period of the same length. `now` is
 * injectable; the period opens on the last full calendar month before it.
 */
export function Dashboard({ now }: { now?: Date } = {}) {
  const { t, lang, plural, date, money } = useT();
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
  const [initial] = useState(() => lastFullMonth(now ?? new Date()));
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [scope, setScope] = useState('all');
  const badPeriod = !from || !to || to < from;
  const chosenScopes = scope === 'all' ? scopes : [scope];
  const period: Period = { from, to };
  const report = useMemo(() => {
    if (badPeriod) return null;
    const chosen = summaries.filter((s) => chosenScopes.includes(s.scope));
    const chosenPeople = people.filter((p) => chosenScopes.includes(p.scope));
    const groupPeople = chosenPeople.map((p) => p.data);
    const m = metricsFromSummaries(chosen, groupPeople, period);
    const previous = previousPeriod(period);
    const before = metricsFromSummaries(chosen, groupPeople, previous);
    return {
      m,
      previous,
      previousHadSessions: before.sessions.held + before.sessions.planned + before.sessions.cancelled > 0,
      change: compareMetrics(m, before),
      overTime: attendanceOverTime(chosen, period),
      funnel: pathFunnel(groupPeople, period),
      byGroup: scope === 'all' ? metricsByGroup(chosen, chosenPeople, chosenScopes, period) : [],
    };
  }, [summaries, people, scope, scopes.join(), from, to, badPeriod]);
  const number = (n: number | null, digits = 1) => (n === null ? '–' : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n));
  const euros = (cents: number | null) => (cents === null ? '–' : money(cents));
  /** A comparison in whole euros: the figures above carry the cents. */
  const wholeEuros = (cents: number | null, signDisplay: 'auto' | 'exceptZero' = 'auto') =>
    cents === null ? '–' : new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay }).format(cents / 100);
  const percent = (r: number | null) => (r === null ? '–' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(r));
  const signed = (n: number, style: 'decimal' | 'percent' = 'decimal') => new Intl.NumberFormat(lang, { style, signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(n);
  const nameOf = (s: string) => groups.find((g) => g.scope === s)?.name ?? s;
  const locale = t('fmt.locale');
  const month = (style: 'short' | 'long', y: number, m: number) => new Intl.DateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  const periodText = (p: Period) => t('dash.periodRange', { from: date(p.from), to: date(p.to) });

  /** A change in words and numbers: "+12 % (+5)", a rate's in points, a cost in euros. */
  const changeText = (key: Compared, c: Change) => {
    if (c.difference === null) return '–';
    if (c.difference === 0) return t('dash.noChange');
    if (key === 'attendanceRate') return t('dash.points', { points: signed(c.difference * 100) });
    const difference = key === 'costCents' ? wholeEuros(c.difference, 'exceptZero') : signed(c.difference);
    return c.relative === null ? difference : t('dash.changeValue', { relative: signed(c.relative, 'percent'), difference });
  };
  const valueText = (key: Compared, n: number | null) => (key === 'attendanceRate' ? percent(n) : key === 'costCents' ? wholeEuros(n) : number(n, 0));
  /** "+12 % vs previous period" under a figure. */
  const changeNote = (key: Compared) =>
    report?.previousHadSessions && report.change[key].difference !== null ? t(key === 'held' ? 'dash.vsPreviousHeld' : 'dash.vsPrevious', { change: changeText(key, report.change[key]) }) : undefined;

  return (
    <section aria-labelledby="dash-title" class="dashboard">
      <h1 id="dash-title">{t('dash.title')}</h1>
      <div class="field-row no-print">
        <PeriodFields id="dash" from={from} to={to} setFrom={setFrom} setTo={setTo} />
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
      {report && (
        <>
          {/* The working models' figures come after the attendance charts: one tap there, focus and all. */}
          <p class="no-print actions jump-links">
            <button type="button" class="secondary" onClick={() => toWorkingModels()}>
              {t('dash.toWorkingModels')}
            </button>
            <a href={hrefOf({ name: 'funderReport' })}>{t('dash.toFunderReport')}</a>
          </p>
          <p class="print-only">{t('dash.reportFor', { from: date(from), to: date(to), groups: scope === 'all' ? t('dash.allGroups', { count: scopes.length }) : nameOf(scope) })}</p>
          {report.m.sessions.held + report.m.sessions.planned + report.m.sessions.cancelled === 0 && <p class="notice">{t('dash.empty')}</p>}
          <dl class="figures" data-testid="figures">
            <Figure label={t('dash.sessions')} value={t('dash.sessionsValue', { held: report.m.sessions.held, planned: report.m.sessions.planned, cancelled: report.m.sessions.cancelled })} note={changeNote('held')} />
            <Figure label={t('dash.visits')} value={number(report.m.visits, 0)} note={changeNote('visits')} />
            <Figure label={t('dash.unique')} value={number(report.m.uniqueParticipants, 0)} note={changeNote('uniqueParticipants')} />
            <Figure label={t('dash.rate')} value={percent(report.m.attendanceRate)} note={changeNote('attendanceRate')} />
            <Figure label={t('dash.groupSize')} value={t('dash.groupSizeValue', { size: number(report.m.averageGroupSize), capacity: number(report.m.averageCapacity) })} />
            <Figure label={t('dash.cost')} value={euros(report.m.costCents)} note={changeNote('costCents')} />
            <Figure label={t('dash.costPerVisit')} value={euros(report.m.costPerVisitCents)} />
            <Figure label={t('dash.costPerParticipant')} value={euros(report.m.costPerParticipantCents)} />
            <Figure label={t('dash.rides')} value={t('dash.ridesValue', { requested: report.m.rides.requested, confirmed: report.m.rides.confirmed })} />
            <Figure label={t('dash.goals')} value={number(report.m.goalsReached, 0)} />
            <Figure label={t('dash.checkins')} value={plural('dash.checkinsValue', report.m.checkins.count, { mood: number(report.m.checkins.mood), useful: number(report.m.checkins.useful) })} />
          </dl>
          <Comparison report={report} percent={percent} periodText={periodText} changeText={changeText} valueText={valueText} />
          <OverTime report={report} number={number} percent={percent} month={month} periodText={periodText} />
          <FunnelChart report={report} number={number} percent={percent} />
          <RidesChart report={report} number={number} />
          {scope === 'all' && <GroupsChart report={report} nameOf={nameOf} number={number} percent={percent} euros={euros} />}
          <WorkingModelFigures scopes={chosenScopes} period={period} nameOf={nameOf} />
          <Exports scopes={chosenScopes} period={period} nameOf={nameOf} />
          <button type="button" class="no-print" onClick={() => window.print()}>
            {t('dash.print')}
          </button>
        </>
      )}
    </section>
  );
}

/** Focus scrolls the heading into view too. */
function toWorkingModels() {
  document.getElementById('wm-wishes-title')?.focus();
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note && <dd class="figure-change">{note}</dd>}
    </div>
  );
}

type Report = {
  m: Metrics;
  previous: Period;
  previousHadSessions: boolean;
  change: Record<Compared, Change>;
  overTime: TimeBucket[];
  funnel: Funnel;
  byGroup: GroupRow[];
};
type Num = (n: number | null, digits?: number) => string;
type Fmt = (n: number | null) => string;

/** The period beside the previous one of the same length: a sentence and a table. */
function Comparison({ report, percent, periodText, changeText, valueText }: { report: Report; percent: Fmt; periodText: (p: Period) => string; changeText: (key: Compared, c: Change) => string; valueText: (key: Compared, n: number | null) => string }) {
  const { t } = useT();
  const labels: Record<Compared, string> = {
    held: t('dash.held'),
    visits: t('dash.visits'),
    uniqueParticipants: t('dash.unique'),
    attendanceRate: t('dash.rate'),
    ridesConfirmed: t('dash.ridesConfirmed'),
    costCents: t('dash.cost'),
  };
  const visits = report.change.visits;
  const params = { current: valueText('visits', visits.current), previous: valueText('visits', visits.previous), period: periodText(report.previous) };
  const magnitude = { relative: percent(Math.abs(visits.relative ?? 0)), difference: valueText('visits', Math.abs(visits.difference ?? 0)) };
  const summary = !visits.previous
    ? t('dash.compareNone', params)
    : visits.difference === 0
      ? t('dash.compareSame', params)
      : t(visits.difference! > 0 ? 'dash.compareMore' : 'dash.compareFewer', { ...params, ...magnitude });
  const title = t('dash.compareTitle');
  return (
    <figure class="chart comparison" aria-labelledby="compare-title" aria-describedby="compare-summary" data-testid="comparison">
      <h2 id="compare-title">{title}</h2>
      <p id="compare-summary" class="chart-summary">
        {summary}
      </p>
      <TableScroll labelledBy="compare-caption">
        <table class="data-table">
          <caption id="compare-caption">{t('dash.compareCaption', { period: periodText(report.previous) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.measure')}</th>
              <th scope="col">{t('dash.thisPeriod')}</th>
              <th scope="col">{t('dash.previousPeriod')}</th>
              <th scope="col">{t('dash.change')}</th>
            </tr>
          </thead>
          <tbody>
            {COMPARED.map((key) => (
              <tr key={key}>
                <th scope="row">{labels[key]}</th>
                <td>{valueText(key, report.change[key].current)}</td>
                <td>{valueText(key, report.change[key].previous)}</td>
                <td>{changeText(key, report.change[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}

/** Visits in held sessions week by week (up to three months) or month by month. */
function OverTime({ report, number, percent, month, periodText }: { report: Report; number: Num; percent: Fmt; month: (style: 'short' | 'long', y: number, m: number) => string; periodText: (p: Period) => string }) {
  const { t, plural } = useT();
  const weeks = report.overTime[0]?.kind === 'week';
  const longLabel = (b: TimeBucket) => {
    if (weeks) return t('dash.weekLong', { week: b.number, period: periodText(b) });
    const name = month('long', b.year, b.number);
    const whole = b.from.endsWith('-01') && b.to.slice(0, 7) !== shiftDate(b.to, 1).slice(0, 7);
    return whole ? name : `${name} (${periodText(b)})`;
  };
  const busiest = report.overTime.reduce<TimeBucket | undefined>((best, b) => (!best || b.visits > best.visits ? b : best), undefined);
  return (
    <BarChart
      id="chart-attendance"
      title={t(weeks ? 'dash.overTimeWeeks' : 'dash.overTimeMonths')}
      summary={
        report.m.sessions.held && busiest
          ? plural('dash.overTimeSummary', report.m.sessions.held, { visits: number(report.m.visits, 0), busiest: longLabel(busiest), max: number(busiest.visits, 0) })
          : t('dash.noData')
      }
      categoryAxis={t(weeks ? 'dash.week' : 'dash.month')}
      valueAxisTitle={t('dash.visits')}
      series={[t('dash.visits')]}
      columns={[t('dash.held'), t('dash.visits'), t('dash.unique'), t('dash.rate')]}
      rows={
        report.m.sessions.held
          ? report.overTime.map((b) => ({
              key: b.from,
              label: weeks ? t('dash.weekShort', { week: b.number }) : month('short', b.year, b.number),
              longLabel: longLabel(b),
              values: [b.visits],
              valueLabels: [number(b.visits, 0)],
              cells: [number(b.held, 0), number(b.visits, 0), number(b.participants, 0), percent(b.rate)],
            }))
          : []
      }
      formatTick={(n) => number(n, 0)}
    />
  );
}

/** How many of the period's participants had reached each stage of the path by its end. */
function FunnelChart({ report, number, percent }: { report: Report; number: Num; percent: Fmt }) {
  const { t, tKey, plural } = useT();
  const f = report.funnel;
  return (
    <BarChart
      id="chart-funnel"
      title={t('dash.funnel')}
      summary={f.cohort ? plural('dash.funnelSummary', f.cohort, { onPath: number(f.onPath, 0), outcome: number(f.outcome, 0) }) : t('dash.noData')}
      categoryAxis={t('path.stage')}
      valueAxisTitle={t('dash.people')}
      series={[t('dash.reached')]}
      columns={[t('dash.reached'), t('dash.share'), t('dash.entered'), t('dash.atEnd')]}
      rows={
        f.cohort
          ? f.rows.map((r) => ({
              key: r.stage,
              label: tKey(`path.stage.${r.stage}`),
              values: [r.reached],
              valueLabels: [r.reached ? t('dash.countShare', { value: number(r.reached, 0), share: percent(r.share) }) : number(0, 0)],
              cells: [number(r.reached, 0), percent(r.share), number(r.entered, 0), number(r.atEnd, 0)],
            }))
          : []
      }
      formatTick={(n) => number(n, 0)}
    />
  );
}

/** Ride requests and confirmations by side village. */
function RidesChart({ report, number }: { report: Report; number: Num }) {
  const { t, plural } = useT();
  const { rides } = report.m;
  const top = rides.byVillage[0];
  return (
    <BarChart
      id="chart-rides"
      title={t('dash.ridesByVillage')}
      summary={rides.requested && top ? plural('dash.ridesSummary', rides.requested, { confirmed: number(rides.confirmed, 0), top: top.village, topCount: number(top.requested, 0) }) : t('dash.noData')}
      categoryAxis={t('my.village')}
      valueAxisTitle={t('dash.rideCount')}
      series={[t('dash.requested'), t('dash.confirmed')]}
      columns={[t('dash.requested'), t('dash.confirmed'), t('dash.seatsConfirmed')]}
      rows={rides.byVillage.map((v) => ({
        key: v.village,
        label: v.village,
        values: [v.requested, v.confirmed],
        valueLabels: [number(v.requested, 0), number(v.confirmed, 0)],
        cells: [number(v.requested, 0), number(v.confirmed, 0), number(v.seats, 0)],
      }))}
      formatTick={(n) => number(n, 0)}
    />
  );
}

/** Each group's figures side by side, when all groups are chosen. */
function GroupsChart({ report, nameOf, number, percent, euros }: { report: Report; nameOf: (scope: string) => string; number: Num; percent: Fmt; euros: Fmt }) {
  const { t, plural } = useT();
  const rows = [...report.byGroup].sort((a, b) => b.metrics.visits - a.metrics.visits || nameOf(a.scope).localeCompare(nameOf(b.scope), 'fi'));
  const top = rows[0];
  return (
    <BarChart
      id="chart-groups"
      title={t('dash.byGroup')}
      summary={top && top.metrics.visits ? plural('dash.byGroupSummary', rows.length, { top: nameOf(top.scope), visits: number(top.metrics.visits, 0) }) : t('dash.noData')}
      categoryAxis={t('dash.group')}
      valueAxisTitle={t('dash.visits')}
      series={[t('dash.visits')]}
      columns={[t('dash.held'), t('dash.visits'), t('dash.unique'), t('dash.rate'), t('dash.cost'), t('dash.costPerVisit')]}
      rows={rows.map(({ scope, metrics: g }) => ({
        key: scope,
        label: nameOf(scope),
        values: [g.visits],
        valueLabels: [number(g.visits, 0)],
        cells: [number(g.sessions.held, 0), number(g.visits, 0), number(g.uniqueParticipants, 0), percent(g.attendanceRate), euros(g.costCents), euros(g.costPerVisitCents)],
      }))}
      formatTick={(n) => number(n, 0)}
    />
  );
}
