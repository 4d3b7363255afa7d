import { useMemo, useState } from 'preact/hooks';
import { combineLatest, of } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import {
  COST_PARTS,
  ERRAND_KINDS,
  GUIDANCE_SERVICES,
  PLACEMENT_STAGES,
  REFERRAL_SOURCES,
  toCsv,
  workingFigures,
  type Cell,
  type Period,
  type ProducerRow,
  type ReferralKey,
  type WorkingData,
  type WorkingFigures,
} from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { downloadFile } from '../../ui/download.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { BarChart } from './BarChart.tsx';
import { COST_PART_LABEL } from '../../ui/cost-parts.ts';

/**
 * The working models' figures for the dashboard's period and groups: wishes, guided errands,
 * onward guidance, how people came, placements, one-to-one coaching, the cost of a session
 * beside the model's and who produced the sessions. Every chart has its sentence and table,
 * and the figures download as one CSV. The records are read only while this is on screen.
 */
export function WorkingModelFigures({ scopes, period, nameOf }: { scopes: string[]; period: Period; nameOf: (scope: string) => string }) {
  const { t, tKey, plural, date, money } = useT();
  const { store } = useData();
  const data = useObservable(() => (scopes.length ? combineLatest(scopes.map((scope) => store.workingModels(scope))) : of([])), [] as WorkingData[], [store, scopes.join()]);
  const f = useMemo(() => workingFigures(data, period), [data, period.from, period.to]);
  const [semicolon, setSemicolon] = useState(true);

  const locale = t('fmt.locale');
  const number = (n: number | null, digits = 0) => (n === null ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n));
  const euros = (cents: number | null) => (cents === null ? '–' : money(cents));
  const wholeEuros = (value: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
  const percent = (r: number | null) => (r === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(r));
  const hours = (h: number) => t('wm.hoursValue', { hours: number(h, 1) });
  const referralLabel = (key: ReferralKey) => (key === 'unknown' ? t('wm.referralUnknown') : tKey(`participant.referral.${key}`));
  const producerLabel = (p: ProducerRow) => (p.producerId === null ? t('wm.ownOrganisation') : (p.name ?? t('wm.unknownPartner')));
  const partnerLabel = (name: string | null) => name ?? t('wm.unknownPartner');
  const orDash = (value: string | null, show: (v: string) => string = (v) => v) => (value === null ? '–' : show(value));

  const { wishes, errands, guidance, referral, placements, coaching, cost, producers } = f;
  const known = guidance.happened + guidance.didNotHappen;
  const ownHeld = producers.find((p) => p.producerId === null)?.held ?? 0;

  const downloadCsv = () => {
    const rows = csvRows(f, { t, tKey, referralLabel, producerLabel, partnerLabel, nameOf });
    downloadFile(toCsv([t('wm.csvSection'), t('wm.csvItem'), t('wm.csvMeasure'), t('wm.csvValue')], rows, semicolon ? ';' : ','), 'text/csv;charset=utf-8', `polku-working-models-${period.from}-${period.to}.csv`);
  };

  return (
    <div class="working-models" data-testid="working-models">
      <section aria-labelledby="wm-wishes-title">
        <h2 id="wm-wishes-title" tabIndex={-1}>
          {t('wm.wishes')}
        </h2>
        <dl class="figures">
          <Figure label={t('wm.wishesMade')} value={number(wishes.made)} />
          <Figure label={t('wm.supports')} value={number(wishes.supports)} />
          <Figure label={t('wm.fromWish')} value={wishes.sessions ? t('wm.fromWishValue', { from: number(wishes.fromWish), all: number(wishes.sessions), share: percent(wishes.shareFromWish) }) : '–'} />
        </dl>
      </section>

      <BarChart
        id="chart-errands"
        title={t('wm.errands')}
        summary={errands.helps ? plural('wm.errandsSummary', errands.helps, { people: number(errands.people) }) : t('dash.noData')}
        categoryAxis={t('wm.errandKind')}
        valueAxisTitle={t('wm.helps')}
        series={[t('wm.helps')]}
        columns={[t('wm.helps')]}
        rows={errands.helps ? ERRAND_KINDS.map((kind) => ({ key: kind, label: tKey(`errand.kind.${kind}`), values: [errands.byKind[kind]], valueLabels: [number(errands.byKind[kind])], cells: [number(errands.byKind[kind])] })) : []}
        formatTick={(n) => number(n)}
      />

      <BarChart
        id="chart-guidance"
        title={t('wm.guidance')}
        summary={
          guidance.total
            ? plural('wm.guidanceSummary', guidance.total, { followed: percent(guidance.followedThrough), known: number(known), pending: number(guidance.pending) })
            : t('dash.noData')
        }
        categoryAxis={t('wm.service')}
        valueAxisTitle={t('wm.guided')}
        series={[t('wm.guided')]}
        columns={[t('wm.guided')]}
        rows={guidance.total ? GUIDANCE_SERVICES.map((s) => ({ key: s, label: tKey(`guidance.service.${s}`), values: [guidance.byService[s]], valueLabels: [number(guidance.byService[s])], cells: [number(guidance.byService[s])] })) : []}
        formatTick={(n) => number(n)}
      />
      {guidance.total > 0 && (
        <dl class="figures">
          {/* Pending guidance is not yet known either way, so the share is of the known outcomes only. */}
          <Figure label={t('wm.followedThrough')} value={known ? t('wm.followedThroughValue', { share: percent(guidance.followedThrough), happened: number(guidance.happened), known: number(known) }) : '–'} />
          <Figure label={t('wm.pending')} value={number(guidance.pending)} />
        </dl>
      )}

      <BarChart
        id="chart-referral"
        title={t('wm.referral')}
        summary={referral.total ? plural('wm.referralSummary', referral.total, { unknown: number(referral.bySource.unknown) }) : t('dash.noData')}
        categoryAxis={t('wm.referralSource')}
        valueAxisTitle={t('dash.people')}
        series={[t('dash.people')]}
        columns={[t('dash.people'), t('dash.share')]}
        rows={
          referral.total
            ? ([...REFERRAL_SOURCES, 'unknown'] as const).map((key) => ({
                key,
                label: referralLabel(key),
                values: [referral.bySource[key]],
                valueLabels: [number(referral.bySource[key])],
                cells: [number(referral.bySource[key]), percent(referral.bySource[key] / referral.total)],
              }))
            : []
        }
        formatTick={(n) => number(n)}
      />

      <section aria-labelledby="wm-placements-title">
        <h2 id="wm-placements-title">{t('wm.placements')}</h2>
        {placements.total === 0 ? (
          <p class="chart-summary">{t('dash.noData')}</p>
        ) : (
          <>
            <dl class="figures">
              <Figure label={t('wm.placementCount')} value={number(placements.total)} />
              <Figure label={t('wm.hoursWorked')} value={hours(placements.hours)} />
              <Figure label={t('wm.movedOn')} value={number(placements.movedOn)} />
            </dl>
            <TableScroll labelledBy="wm-partners-caption">
              <table class="data-table">
                <caption id="wm-partners-caption">{t('wm.byPartner')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('wm.partner')}</th>
                    <th scope="col">{t('wm.placementCount')}</th>
                    <th scope="col">{t('wm.hoursWorked')}</th>
                  </tr>
                </thead>
                <tbody>
                  {placements.byPartner.map((p) => (
                    <tr key={p.partnerId}>
                      <th scope="row">{partnerLabel(p.name)}</th>
                      <td>{number(p.placements)}</td>
                      <td>{hours(p.hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <TableScroll labelledBy="wm-stages-caption">
              <table class="data-table">
                <caption id="wm-stages-caption">{t('wm.byStage')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('path.stage')}</th>
                    <th scope="col">{t('wm.placementCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {PLACEMENT_STAGES.map((stage) => (
                    <tr key={stage}>
                      <th scope="row">{tKey(`path.stage.${stage}`)}</th>
                      <td>{number(placements.byStage[stage])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </section>

      <section aria-labelledby="wm-coaching-title">
        <h2 id="wm-coaching-title">{t('wm.coaching')}</h2>
        <dl class="figures">
          <Figure label={t('wm.meetingsHeld')} value={number(coaching.held)} />
          <Figure label={t('wm.peopleCoached')} value={number(coaching.people)} />
        </dl>
      </section>

      <BarChart
        id="chart-cost"
        title={t('wm.cost')}
        summary={
          cost.held
            ? plural('wm.costSummary', cost.held, { average: euros(cost.averageCents), model: euros(cost.modelCents), split: number(cost.splitSessions), unsplit: euros(cost.unsplitCents) })
            : t('dash.noData')
        }
        categoryAxis={t('wm.costPart')}
        valueAxisTitle={t('wm.perSession')}
        series={[t('wm.perSession')]}
        columns={[t('wm.perSession'), t('wm.inPeriod')]}
        rows={
          cost.splitSessions
            ? COST_PARTS.map((part) => ({
                key: part,
                label: t(COST_PART_LABEL[part]),
                values: [cost.parts[part] / cost.splitSessions / 100],
                valueLabels: [euros(cost.parts[part] / cost.splitSessions)],
                cells: [euros(cost.parts[part] / cost.splitSessions), euros(cost.parts[part])],
              }))
            : []
        }
        formatTick={wholeEuros}
      />
      {cost.held > 0 && (
        <dl class="figures">
          <Figure label={t('wm.averageCost')} value={euros(cost.averageCents)} />
          <Figure label={t('wm.modelCost')} value={euros(cost.modelCents)} />
          <Figure label={t('wm.unsplit')} value={plural('wm.unsplitValue', cost.unsplitSessions, { amount: euros(cost.unsplitCents) })} />
        </dl>
      )}

      <BarChart
        id="chart-producers"
        title={t('wm.producers')}
        summary={cost.held ? plural('wm.producersSummary', cost.held, { own: number(ownHeld), partners: number(cost.held - ownHeld) }) : t('dash.noData')}
        categoryAxis={t('wm.producer')}
        valueAxisTitle={t('dash.held')}
        series={[t('dash.held')]}
        columns={[t('dash.held'), t('dash.cost')]}
        rows={producers.map((p) => ({ key: p.producerId ?? 'own', label: producerLabel(p), values: [p.held], valueLabels: [number(p.held)], cells: [number(p.held), euros(p.costCents)] }))}
        formatTick={(n) => number(n)}
      />

      <section aria-labelledby="wm-groups-title">
        <h2 id="wm-groups-title">{t('wm.groupLife')}</h2>
        <TableScroll labelledBy="wm-groups-caption">
          <table class="data-table">
            <caption id="wm-groups-caption">{t('wm.groupLifeCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.group')}</th>
                <th scope="col">{t('wm.groupStart')}</th>
                <th scope="col">{t('wm.groupEnd')}</th>
                <th scope="col">{t('wm.targetSize')}</th>
                <th scope="col">{t('wm.activeNow')}</th>
              </tr>
            </thead>
            <tbody>
              {f.groups.map((g) => (
                <tr key={g.scope}>
                  <th scope="row">{g.name ?? nameOf(g.scope)}</th>
                  <td>{orDash(g.startDate, date)}</td>
                  <td>{orDash(g.endDate, date)}</td>
                  <td>{g.targetSize === null ? '–' : number(g.targetSize)}</td>
                  <td>{number(g.active)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section class="card no-print" aria-labelledby="wm-export-title">
        <h2 id="wm-export-title">{t('wm.export')}</h2>
        <div class="field field-check">
          <input id="wm-csv-semicolon" type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.currentTarget.checked)} />
          <label for="wm-csv-semicolon">{t('dash.semicolon')}</label>
        </div>
        <button type="button" class="secondary" onClick={downloadCsv}>
          {t('wm.exportButton')}
        </button>
      </section>
    </div>
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

type Labels = {
  t: ReturnType<typeof useT>['t'];
  tKey: (key: string) => string;
  referralLabel: (key: ReferralKey) => string;
  producerLabel: (p: ProducerRow) => string;
  partnerLabel: (name: string | null) => string;
  nameOf: (scope: string) => string;
};

/**
 * The figures as one long table (section, item, measure, value) for a spreadsheet to pivot:
 * the same labels as on screen, plain numbers (euros with cents, hours, shares as fractions),
 * dates as yyyy-mm-dd.
 */
function csvRows(f: WorkingFigures, { t, tKey, referralLabel, producerLabel, partnerLabel, nameOf }: Labels): Cell[][] {
  const rows: Cell[][] = [];
  const add = (section: string, item: string, measure: string, value: Cell) => rows.push([section, item, measure, value]);
  const round = (n: number | null, digits = 2) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
  const all = t('wm.csvAll');

  const wishes = t('wm.wishes');
  add(wishes, all, t('wm.wishesMade'), f.wishes.made);
  add(wishes, all, t('wm.supports'), f.wishes.supports);
  add(wishes, all, t('wm.sessions'), f.wishes.sessions);
  add(wishes, all, t('wm.fromWish'), f.wishes.fromWish);

  const errands = t('wm.errands');
  for (const kind of ERRAND_KINDS) add(errands, tKey(`errand.kind.${kind}`), t('wm.helps'), f.errands.byKind[kind]);
  add(errands, all, t('wm.helps'), f.errands.helps);
  add(errands, all, t('dash.people'), f.errands.people);

  const guidance = t('wm.guidance');
  for (const s of GUIDANCE_SERVICES) add(guidance, tKey(`guidance.service.${s}`), t('wm.guided'), f.guidance.byService[s]);
  add(guidance, all, t('wm.guided'), f.guidance.total);
  for (const outcome of ['happened', 'didNotHappen', 'pending'] as const) add(guidance, tKey(`guidance.outcome.${outcome}`), t('wm.guided'), f.guidance[outcome]);
  add(guidance, all, t('wm.followedThrough'), round(f.guidance.followedThrough, 3));

  const referral = t('wm.referral');
  for (const key of [...REFERRAL_SOURCES, 'unknown'] as const) add(referral, referralLabel(key), t('dash.people'), f.referral.bySource[key]);

  const placements = t('wm.placements');
  for (const p of f.placements.byPartner) {
    add(placements, partnerLabel(p.name), t('wm.placementCount'), p.placements);
    add(placements, partnerLabel(p.name), t('wm.hoursWorked'), round(p.hours, 1));
  }
  for (const stage of PLACEMENT_STAGES) add(placements, tKey(`path.stage.${stage}`), t('wm.placementCount'), f.placements.byStage[stage]);
  add(placements, all, t('wm.placementCount'), f.placements.total);
  add(placements, all, t('wm.hoursWorked'), round(f.placements.hours, 1));
  add(placements, all, t('wm.movedOn'), f.placements.movedOn);

  const coaching = t('wm.coaching');
  add(coaching, all, t('wm.meetingsHeld'), f.coaching.held);
  add(coaching, all, t('wm.peopleCoached'), f.coaching.people);

  const cost = t('wm.cost');
  const euros = (cents: number | null) => (cents === null ? null : round(cents / 100));
  for (const part of COST_PARTS) add(cost, t(COST_PART_LABEL[part]), t('wm.inPeriodEuros'), euros(f.cost.parts[part]));
  add(cost, t('wm.unsplit'), t('wm.inPeriodEuros'), euros(f.cost.unsplitCents));
  add(cost, all, t('wm.inPeriodEuros'), euros(f.cost.totalCents));
  add(cost, all, t('wm.averageCostEuros'), euros(f.cost.averageCents));
  add(cost, all, t('wm.modelCostEuros'), euros(f.cost.modelCents));

  const producers = t('wm.producers');
  for (const p of f.producers) {
    add(producers, producerLabel(p), t('dash.held'), p.held);
    add(producers, producerLabel(p), t('wm.inPeriodEuros'), euros(p.costCents));
  }

  const life = t('wm.groupLife');
  for (const g of f.groups) {
    const name = g.name ?? nameOf(g.scope);
    add(life, name, t('wm.groupStart'), g.startDate);
    add(life, name, t('wm.groupEnd'), g.endDate);
    add(life, name, t('wm.targetSize'), g.targetSize);
    add(life, name, t('wm.activeNow'), g.active);
  }
  return rows;
}
