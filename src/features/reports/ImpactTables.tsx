import { toCsv, type Separator } from '../../domain/index.ts';
import { IMPACT_SECTIONS, impactTables, suppressedRows, type ImpactReport, type ImpactTable } from '../../domain/impact.ts';
import { useT } from '../../i18n/useT.tsx';
import { downloadFile } from '../../ui/download.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { useShown } from './useShown.ts';

/**
 * The impact report: for the individual, the community and the economy, each table with its
 * CSV. The tables are the domain's (impactTables), so the screen, the print and the CSV agree;
 * small counts are hidden in all three (the report leaves the organisation).
 */
export function ImpactTables({ report, threshold, separator }: { report: ImpactReport; threshold: number; separator: Separator }) {
  const { t, tKey } = useT();
  const show = useShown();
  /** A table's cells as text: catalogue keys translated, numbers in the language's format, small counts hidden. */
  const cellsOf = (table: ImpactTable) =>
    suppressedRows(table, threshold).map((row) => row.map((cell, c) => (typeof cell === 'string' ? (table.keyColumns.includes(c) ? tKey(cell) : cell) : show(cell))));
  const download = (table: ImpactTable) =>
    downloadFile(toCsv(table.header.map((h) => tKey(h)), cellsOf(table), separator), 'text/csv;charset=utf-8', `polku-impact-${table.id}-${report.period.from}-${report.period.to}.csv`);
  const tables = impactTables(report);
  return (
    <section aria-labelledby="impact-title">
      <h2 id="impact-title">{t('funder.impactTitle')}</h2>
      {IMPACT_SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`impact-section-${section}`}>
          <h3 id={`impact-section-${section}`}>{tKey(`impact.section.${section}`)}</h3>
          {tables
            .filter((table) => table.section === section)
            .map((table) => (
              <div key={table.id} class="chart">
                <TableScroll labelledBy={`impact-${table.id}`}>
                  <table class="data-table">
                    <caption id={`impact-${table.id}`}>{tKey(table.caption)}</caption>
                    <thead>
                      <tr>
                        {table.header.map((h) => (
                          <th key={h} scope="col">
                            {tKey(h)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {cellsOf(table).map((row, r) => (
                        <tr key={r}>
                          {row.map((cell, c) => (c === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
                <button type="button" class="secondary no-print" aria-describedby={`impact-${table.id}`} onClick={() => download(table)}>
                  {t('funder.csvTable')}
                </button>
              </div>
            ))}
        </section>
      ))}
    </section>
  );
}
