/**
 * A light bar chart in plain SVG, always beside the same numbers as a table and a sentence:
 * the picture is for those who would rather look, the table for screen readers and print.
 */
export function BarChart({ id, title, summary, columns, rows }: { id: string; title: string; summary: string; columns: string[]; rows: { label: string; value: number; extra?: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.value, r.extra ?? 0)));
  const barHeight = 22;
  const height = rows.length * (barHeight + 6);
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-summary`}>{summary}</p>
      {rows.length > 0 && (
        <>
          <svg class="bars" viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} aria-hidden="true" focusable="false">
            {rows.map((r, i) => (
              <g key={r.label}>
                {r.extra !== undefined && <rect x="0" y={i * (barHeight + 6)} width={(r.extra / max) * 100} height={barHeight} class="bar-extra" />}
                <rect x="0" y={i * (barHeight + 6)} width={(r.value / max) * 100} height={barHeight} class="bar" />
              </g>
            ))}
          </svg>
          <table class="data-table" aria-describedby={`${id}-summary`}>
            <caption>{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{r.value}</td>
                  {r.extra !== undefined && <td>{r.extra}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
