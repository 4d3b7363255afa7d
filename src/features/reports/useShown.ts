import type { Shown } from '../../domain/suppression.ts';
import { useT } from '../../i18n/useT.tsx';

/** A count as a report that leaves the organisation shows it: a small one only as "fewer than N". */
export function useShown() {
  const { t } = useT();
  const number = new Intl.NumberFormat(t('fmt.locale'), { maximumFractionDigits: 2 });
  return (s: Shown | number) => (typeof s === 'number' ? number.format(s) : s.kind === 'count' ? number.format(s.value) : t('funder.suppressed', { below: s.below }));
}
