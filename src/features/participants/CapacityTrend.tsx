import type { LocalDoc } from '../../data/store.ts';
import { CAPACITY_DIMENSIONS } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { DIMENSION_LABEL } from './dimensions.ts';

/**
 * The functional-capacity ratings over time as a table: one row per area, one column per
 * rating, newest first, so on a phone the latest shows without scrolling sideways.
 */
export function CapacityTrend({ observations }: { observations: LocalDoc<'observation'>[] }) {
  const { t, date } = useT();
  if (observations.length === 0) return null;
  const newestFirst = [...observations].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
  return (
    <TableScroll labelledBy="capacity-trend-title">
      <table class="data-table" data-testid="capacity-trend">
        <caption>
          <strong id="capacity-trend-title">{t('observation.trend')}</strong>
          <small class="caption-note">{t('observation.trendCaption')}</small>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('observation.dimension')}</th>
            {newestFirst.map((o) => (
              <th key={o.id} scope="col">
                {date(o.date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CAPACITY_DIMENSIONS.map((d) => (
            <tr key={d}>
              <th scope="row">{t(DIMENSION_LABEL[d])}</th>
              {newestFirst.map((o) => (
                <td key={o.id}>
                  {o[d] ?? (
                    <>
                      <span aria-hidden="true">–</span>
                      <span class="visually-hidden">{t('observation.notRated')}</span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
