import { useState } from 'preact/hooks';
import { ESF_COUNT_COLUMNS, esfPersonRows, toCsv, type EsfData, type EsfReport, type Separator } from '../../domain/index.ts';
import { shown, shownSplit, type Shown } from '../../domain/suppression.ts';
import { useT } from '../../i18n/useT.tsx';
import { downloadFile } from '../../ui/download.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { useShown } from './useShown.ts';


const GENDERS = ESF_COUNT_COLUMNS.filter((c) => c !== 'total');

/**
 * The ESF+ common indicators of a project for the period, split by gender as the monitoring
 * system asks, with the counts behind them; CSV for the funder's system: the indicator table,
 * and one row per person (special-category items only when asked for, and then said so).
 */
export function EsfIndicators({ report, records, threshold, separator }: { report: EsfReport; records: EsfData; threshold: number; separator: Separator }) {
  const { t, tKey, plural } = useT();
  const show = useShown();
  const [sensitive, setSensitive] = useState(false);
  // Who each kind of indicator counts: a group of fewer than the threshold hides its whole row.
  const base = { output: report.entrants, result: report.leavers, longResult: report.dueInPeriod };
  const hidden: Shown = { kind: 'suppressed', below: threshold };
  const rows = report.rows.map(({ indicator, counts }) => {
    const parts = GENDERS.map((c) => counts[c]);
    // A group of nobody shows its zeros; a small one hides the row.
    const group = base[indicator.kind];
    const cells: Shown[] = indicator.sensitive
      ? shownSplit(parts, counts.total, threshold)
      : shown(group, threshold).kind === 'suppressed'
        ? [...parts, counts.total].map(() => hidden)
        : [...parts, counts.total].map((value) => ({ kind: 'count', value }));
    return { indicator, cells };
  });
  const header = [t('funder.code'), t('funder.indicator'), ...ESF_COUNT_COLUMNS.map((c) => tKey(`funder.gender.${c}`))];
  const file = (kind: string) => `polku-esf-${kind}-${report.project}-${report.period.from}-${report.period.to}.csv`;

  const downloadIndicators = () =>
    downloadFile(toCsv(header, rows.map((r) => [r.indicator.code, tKey(`esf.indicator.${r.indicator.code}`), ...r.cells.map(show)]), separator), 'text/csv;charset=utf-8', file('indicators'));
  const downloadPersons = () => {
    const [head = [], ...body] = esfPersonRows(records, report.project, report.period, { sensitive });
    downloadFile(toCsv(head, body, separator), 'text/csv;charset=utf-8', file(sensitive ? 'persons-SPECIAL-CATEGORY-DATA' : 'persons'));
  };

  return (
    <section class="chart" aria-labelledby="esf-title">
      <h2 id="esf-title">{t('funder.esfTitle')}</h2>
      <p class="chart-summary">
        {t('funder.esfSummary', { entrants: report.entrants, leavers: report.leavers })}
      </p>
      <TableScroll labelledBy="esf-caption">
        <table class="data-table esf-table">
          <caption id="esf-caption">{t('funder.esfCaption')}</caption>
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ indicator, cells }) => (
              <tr key={indicator.code}>
                <th scope="row">{indicator.code}</th>
                <th scope="row" class="indicator-name">
                  {tKey(`esf.indicator.${indicator.code}`)}
                  {indicator.sensitive && <span class="sensitive-mark"> {t('funder.sensitiveMark')}</span>}
                </th>
                {cells.map((c, i) => (
                  <td key={ESF_COUNT_COLUMNS[i]}>{show(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ul class="report-notes">
        <li>{t('funder.suppressedNote', { below: threshold })}</li>
        {report.exitsWithoutAnswer > 0 && <li>{plural('funder.exitsWithoutAnswer', report.exitsWithoutAnswer)}</li>}
        {report.entrantsWithoutEntryData > 0 && <li>{plural('funder.withoutEntryData', report.entrantsWithoutEntryData)}</li>}
      </ul>
      <div class="no-print">
        <div class="actions">
          <button type="button" class="secondary" onClick={downloadIndicators}>
            {t('funder.csvIndicators')}
          </button>
          <button type="button" class="secondary" onClick={downloadPersons}>
            {sensitive ? t('funder.csvPersonsSensitive') : t('funder.csvPersons')}
          </button>
        </div>
        <div class="field field-check">
          <input id="esf-sensitive" type="checkbox" checked={sensitive} aria-describedby="esf-sensitive-help" onChange={(e) => setSensitive(e.currentTarget.checked)} />
          <label for="esf-sensitive">{t('funder.includeSensitive')}</label>
        </div>
        <p id="esf-sensitive-help" class="hint">
          {t('funder.includeSensitiveHelp')}
        </p>
      </div>
    </section>
  );
}
