import { useT } from '../../i18n/useT.tsx';

/** A report's period: two dates, the end refused at its field when it comes before the start. */
export function PeriodFields({ id, from, to, setFrom, setTo }: { id: string; from: string; to: string; setFrom: (v: string) => void; setTo: (v: string) => void }) {
  const { t } = useT();
  const bad = !from || !to || to < from;
  return (
    <>
      <div class="field">
        <label for={`${id}-from`}>{t('dash.from')}</label>
        <input id={`${id}-from`} type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </div>
      <div class={`field${bad ? ' field-invalid' : ''}`}>
        <label for={`${id}-to`}>{t('dash.to')}</label>
        <input id={`${id}-to`} type="date" value={to} aria-invalid={bad} aria-describedby={bad ? `${id}-to-error` : undefined} onInput={(e) => setTo(e.currentTarget.value)} />
        {bad && (
          <p class="field-error" id={`${id}-to-error`} role="alert">
            {t('v.periodEnd')}
          </p>
        )}
      </div>
    </>
  );
}
