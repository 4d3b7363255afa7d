import type { OneTimeCode } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';

/**
 * A one-time code as a card for the person it is for (a new participant, or one whose
 * password was reset): printed or read aloud, it says in their words what to do, step by
 * step, and where Polku is (the address this app is served from). The coordinator's own
 * line and the buttons do not print.
 */
export function CodeCard({ code, onClose, address = location.origin }: { code: OneTimeCode; onClose: () => void; address?: string }) {
  const { t, moment } = useT();
  return (
    <div class="card code-card" role="status" aria-labelledby="code-card-title">
      <p class="no-print code-for">
        <strong>{t('admin.codeFor', { name: code.name })}</strong> {t('admin.codeGive')}
      </p>
      <h2 id="code-card-title">{t('admin.card.title')}</h2>
      <dl class="code-facts">
        <dt>{t('signIn.username')}</dt>
        <dd class="code-name">{code.name}</dd>
        <dt>{t('claim.code')}</dt>
        <dd class="one-time-code" data-testid="one-time-code">
          {code.code}
        </dd>
      </dl>
      <h3>{t('admin.card.how')}</h3>
      <ol class="code-steps">
        <li>
          {t('admin.card.open')}
          <br />
          <span class="code-address" data-testid="code-address">
            {address}
          </span>
        </li>
        <li>{t('admin.card.tap', { button: t('claim.open') })}</li>
        <li>{t('admin.card.type')}</li>
        <li>{t('admin.card.password')}</li>
      </ol>
      <p>{t('admin.card.once', { date: moment(code.expiresAt) })}</p>
      <p>{t('admin.card.help')}</p>
      <div class="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('admin.print')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {t('admin.close')}
        </button>
      </div>
    </div>
  );
}
