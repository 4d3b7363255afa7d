import { addDays, format, parseISO, subYears } from 'date-fns';
import { useMemo, useState } from 'preact/hooks';
import { combineLatest, map, of } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { esfReport, followUpsDue, groupScope, localDate, projectsOf, reportingOf, type Period } from '../../domain/index.ts';
// Not in the domain's index: the report's code loads with this screen only, not at every start.
import { impactReport, joinImpactData, type ImpactData } from '../../domain/impact.ts';
import { useT } from '../../i18n/useT.tsx';
import { PeriodFields } from './PeriodFields.tsx';
import { scopeKind } from '../../wire/scopes.ts';
import { EsfIndicators } from './EsfIndicators.tsx';
import { FollowUpsDue } from './FollowUpsDue.tsx';
import { ImpactTables } from './ImpactTables.tsx';

/** "All groups": the impact report without a project (the ESF+ indicators need one). */
const ALL = '';

/**
 * What the people who pay for the work ask: the ESF+ indicators of a project for a period,
 * and the impact for the individual, the community and the economy. Printable as one dated
 * report, every table also as CSV. Computed on this device from the groups it holds; `now`
 * is injectable (the period opens on the year up to today).
 */
export function FunderReport({ now }: { now?: Date } = {}) {
  const { t, date } = useT();
  const { store, scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]).filter((s) => scopeKind(s) === 'group');
  const perGroup = useObservable(
    () => (scopes.length ? combineLatest(scopes.map((scope) => store.impactData(scope).pipe(map((data) => ({ scope, data }))))) : of([])),
    [] as { scope: string; data: ImpactData }[],
    [store, scopes.join()],
  );
  const organisations = useObservable(() => store.watch('organisation'), [], [store]);
  const records = useMemo(() => joinImpactData(perGroup.map((g) => g.data)), [perGroup]);
  const [today] = useState(() => localDate(now ?? new Date()));
  // A year up to today: in January too the report opens on something to show.
  const [from, setFrom] = useState(() => format(addDays(subYears(parseISO(today), 1), 1), 'yyyy-MM-dd'));
  const [to, setTo] = useState(today);
  const projects = projectsOf(records.groups);
  const [chosen, setChosen] = useState<string | null>(null);
  const [semicolon, setSemicolon] = useState(true);
  const separator = semicolon ? ';' : ',';
  const project = chosen ?? projects[0] ?? ALL;
  const badPeriod = !from || !to || to < from;
  const period: Period = { from, to };
  // Every group's database holds a copy of the organisation's settings: the newest names the
  // producer, and the strictest threshold hides small counts, should the copies differ.
  const newest = [...organisations].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const reporting = { ...reportingOf(newest), smallCountThreshold: Math.max(...[newest, ...organisations].map((o) => reportingOf(o).smallCountThreshold)) };
  const organisation = newest?.name;

  const groupsOf = project === ALL ? records.groups : records.groups.filter((g) => g.projectCode?.trim() === project);
  const chosenScopes = new Set(groupsOf.map((g) => groupScope(g.id.slice('group:'.length))));
  const report = useMemo(() => {
    if (badPeriod) return null;
    return {
      esf: project === ALL ? null : esfReport(records, project, period),
      // What has not happened yet is not impact: the period ends today at the latest.
      impact: impactReport(joinImpactData(perGroup.filter((g) => chosenScopes.has(g.scope)).map((g) => g.data)), { from, to: to > today ? today : to }, reporting.unitValues),
    };
  }, [perGroup, records, project, from, to, badPeriod, reporting.unitValues]);
  const due = useMemo(() => followUpsDue(records, today), [records, today]);
  const groupNames = groupsOf.map((g) => g.name).join(', ');

  return (
    <section aria-labelledby="funder-title" class="funder-report">
      <h1 id="funder-title">{t('funder.title')}</h1>
      <p class="no-print">{t('funder.intro')}</p>
      <div class="field-row no-print">
        <PeriodFields id="funder" from={from} to={to} setFrom={setFrom} setTo={setTo} />
        <div class="field">
          <label for="funder-project">{t('funder.project')}</label>
          <select id="funder-project" value={project} onChange={(e) => setChosen(e.currentTarget.value)}>
            {projects.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
            <option value={ALL}>{t('funder.allGroups')}</option>
          </select>
        </div>
      </div>
      <div class="field field-check no-print">
        <input id="funder-semicolon" type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.currentTarget.checked)} />
        <label for="funder-semicolon">{t('dash.semicolon')}</label>
      </div>
      <FollowUpsDue due={due} />
      {report && (
        <>
          <dl class="report-head">
            <div>
              <dt>{t('funder.period')}</dt>
              <dd>{t('dash.periodRange', { from: date(from), to: date(to) })}</dd>
            </div>
            <div>
              <dt>{t('funder.projectLabel')}</dt>
              <dd>{project === ALL ? t('funder.noProject') : project}</dd>
            </div>
            <div>
              <dt>{t('funder.groups')}</dt>
              <dd>{groupNames || '–'}</dd>
            </div>
            {organisation && (
              <div>
                <dt>{t('funder.producer')}</dt>
                <dd>{organisation}</dd>
              </div>
            )}
            <div>
              <dt>{t('funder.made')}</dt>
              <dd>{date(today)}</dd>
            </div>
          </dl>
          {report.esf ? <EsfIndicators report={report.esf} records={records} threshold={reporting.smallCountThreshold} separator={separator} /> : <p class="notice">{t('funder.setProject')}</p>}
          <ImpactTables report={report.impact} threshold={reporting.smallCountThreshold} separator={separator} />
          <button type="button" class="no-print" onClick={() => window.print()}>
            {t('funder.print')}
          </button>
        </>
      )}
    </section>
  );
}
