import type { OneTimeCode } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { useWordsFor } from '../../ui/useWordsFor.ts';

/**
 * A one-time code as a card for the person it is for (a new participant, or one whose
 * password was reset): printed or read aloud, it says in their words what to do, step by
 * step, and where Polku is (the address this app is served from), in their own language
 * when it is known (`lang`, from the enrolment). The coordinator's own line and the buttons
 * are in the coordinator's language and do not print.
 */
export function CodeCard(props: { code: OneTimeCode; onClose: () => void; lang?: string; address?: string }) {
  const { code, onClose, address = location.origin } = props;
  const ui = useT();
  const words = useWordsFor(props.lang);
  const { t, moment } = words;
  return (
    <div class="card code-card" role="status" aria-labelledby="code-card-title">
      <p class="no-print code-for">
        <strong>{ui.t('admin.codeFor', { name: code.name })}</strong> {ui.t('admin.codeGive')}
      </p>
      <div lang={words.lang === ui.lang ? undefined : words.lang} dir={words.dir}>
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
      </div>
      <div class="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {ui.t('admin.print')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {ui.t('admin.close')}
        </button>
      </div>
    </div>
  );
}
