import { valueAxis } from '../../domain/index.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';

export interface ChartRow {
  key: string;
  /** The category, as the chart shows it (short). */
  label: string;
  /** The same category in the table, when the chart's label is a short form of it. */
  longLabel?: string;
  /** One value a series, in the order of `series`. */
  values: number[];
  /** What each bar says at its end (a count, or a count and a share). */
  valueLabels: string[];
  /** The table's cells after the category, in the order of `columns`. */
  cells: string[];
}

/**
 * A horizontal bar chart in HTML and CSS (no library): the categories down the side, a value
 * axis with round ticks below and its title, each bar with its value at its end, and the
 * same numbers as a table with a one-sentence summary. The drawing is hidden from screen
 * readers, which read the sentence and the table; chart and table print together.
 */
export function BarChart(props: {
  id: string;
  title: string;
  summary: string;
  /** Title of the category axis (the first column of the table, too). */
  categoryAxis: string;
  /** Title of the value axis. */
  valueAxisTitle: string;
  /** One or two series; with two, a legend says which bar is which. */
  series: string[];
  /** The table's columns after the category. */
  columns: string[];
  rows: ChartRow[];
  formatTick: (n: number) => string;
}) {
  const { id, title, summary, categoryAxis, valueAxisTitle, series, columns, rows, formatTick } = props;
  const axis = valueAxis(Math.max(0, ...rows.flatMap((r) => r.values)));
  const at = (n: number) => `${(n / axis.top) * 100}%`;
  return (
    <figure class="chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-summary`} class="chart-summary">
        {summary}
      </p>
      {rows.length > 0 && (
        <>
          <div class={`bar-chart series-${series.length}`} aria-hidden="true">
            {series.length > 1 && (
              <p class="chart-legend">
                {series.map((name, i) => (
                  <span key={name} class="legend-item">
                    <span class={`swatch tone-${i}`} />
                    {name}
                  </span>
                ))}
              </p>
            )}
            <div class="chart-row chart-head">
              <span class="axis-title">{categoryAxis}</span>
            </div>
            {rows.map((r) => (
              <div key={r.key} class="chart-row">
                <span class="chart-label">{r.label}</span>
                <span class="chart-plot">
                  {axis.ticks.slice(1).map((t) => (
                    <span key={t} class="gridline" style={{ insetInlineStart: at(t) }} />
                  ))}
                  {r.values.map((v, i) => (
                    <span key={i} class={`chart-bar tone-${i}`} style={{ inlineSize: at(v) }}>
                      <span class="chart-value">{r.valueLabels[i]}</span>
                    </span>
                  ))}
                </span>
              </div>
            ))}
            <div class="chart-row chart-axis">
              <span />
              <span class="chart-ticks">
                {axis.ticks.map((t) => (
                  <span key={t} style={{ insetInlineStart: at(t) }}>
                    {formatTick(t)}
                  </span>
                ))}
              </span>
            </div>
            <div class="chart-row">
              <span />
              <span class="axis-title axis-title-value">{valueAxisTitle}</span>
            </div>
          </div>
          <TableScroll labelledBy={`${id}-caption`}>
            <table class="data-table">
              <caption id={`${id}-caption`}>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{categoryAxis}</th>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.longLabel ?? r.label}</th>
                    {r.cells.map((c, i) => (
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </figure>
  );
}
