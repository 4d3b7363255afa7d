import { useState } from 'preact/hooks';
import { adminCall } from '../../data/admin-client.ts';
import { CUT_OFF_REASONS, userNameSchema, type CutOffReason, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';

export interface Account {
  /** The user name the server knows. */
  name: string;
  /** How the group knows them, when it is not the user name (a participant's display name). */
  label?: string;
  /** A participant chosen by their record: the server checks the account is theirs. */
  participantKey?: string;
}

/**
 * Cut an account off from afar (a lost tablet, access that has ended): a button per account
 * the group knows, and a user name field for one it does not list. What happens is said
 * before it is done; the server decides who may (SECURITY.md, "Cut off from afar").
 */
export function CutOffAccess({ groupKey, accounts, me }: { groupKey: string; accounts: Account[]; me: string }) {
  const { t } = useT();
  const [chosen, setChosen] = useState<Account | null>(null);
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState<{ name: string; reason: CutOffReason } | null>(null);
  const typedId = `cutoff-${groupKey}-name`;
  const typedName = userNameSchema.safeParse(typed);
  const open = (account: Account) => {
    setDone(null);
    setChosen(account);
  };

  return (
    <section aria-labelledby={`cutoff-${groupKey}`}>
      <h3 id={`cutoff-${groupKey}`}>{t('admin.cutOff.title')}</h3>
      <p class="hint">{t('admin.cutOff.intro')}</p>
      <ul class="admin-list">
        {accounts.map((a) => (
          <li key={a.name} class="admin-row">
            <span>
              <strong>{a.label ?? a.name}</strong> {a.label && <small>{a.name}</small>}
            </span>
            <button type="button" class="secondary" onClick={() => open(a)} aria-label={t('admin.cutOff.forName', { name: a.name })}>
              {t('admin.cutOff.open')}
            </button>
          </li>
        ))}
      </ul>
      <div class="field-row">
        <div class="field">
          <label for={typedId}>{t('admin.cutOff.otherName')}</label>
          <input id={typedId} autocomplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </div>
        <button type="button" class="secondary" disabled={!typedName.success} onClick={() => typedName.success && open({ name: typedName.data })}>
          {t('admin.cutOff.open')}
        </button>
      </div>
      {done && (
        <p role="status" class="notice">
          {t('admin.cutOff.done', { name: done.name })} {done.reason === 'deviceLost' && t('admin.cutOff.doneLost', { name: done.name })}
        </p>
      )}
      {chosen && (
        <Confirm
          key={chosen.name}
          groupKey={groupKey}
          account={chosen}
          self={chosen.name === me}
          onCancel={() => setChosen(null)}
          onDone={(reason) => {
            setDone({ name: chosen.name, reason });
            setChosen(null);
            setTyped('');
          }}
        />
      )}
    </section>
  );
}

const REASON_LABEL = { deviceLost: 'admin.cutOff.reason.deviceLost', accessEnded: 'admin.cutOff.reason.accessEnded' } as const satisfies Record<CutOffReason, string>;

function Confirm(props: { groupKey: string; account: Account; self: boolean; onCancel: () => void; onDone: (reason: CutOffReason) => void }) {
  const { t, tKey } = useT();
  const [reason, setReason] = useState<CutOffReason | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const { name } = props.account;
  const legendId = `cutoff-${props.groupKey}-${name}-legend`;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason) return;
    setBusy(true);
    const { participantKey } = props.account;
    const result = await adminCall('cutOff', { groupKey: props.groupKey, name, reason, ...(props.self ? { self: true as const } : {}), ...(participantKey ? { participantKey } : {}) });
    setBusy(false);
    if (result.ok) props.onDone(reason);
    else setProblem(result.problems[0] ?? null);
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby={legendId}>
      <fieldset>
        <legend id={legendId}>{t('admin.cutOff.why', { name })}</legend>
        {CUT_OFF_REASONS.map((r) => (
          <div key={r} class="field">
            <label>
              <input type="radio" name={`cutoff-reason-${name}`} value={r} checked={reason === r} onChange={() => setReason(r)} /> {t(REASON_LABEL[r])}
            </label>
          </div>
        ))}
      </fieldset>
      {reason && (
        <div class="notice notice-warning">
          <p>{t('admin.cutOff.what', { name })}</p>
          <p>{t(reason === 'deviceLost' ? 'admin.cutOff.whatLost' : 'admin.cutOff.whatEnded', { name })}</p>
          {props.self && <p>{t('admin.cutOff.whatSelf')}</p>}
        </div>
      )}
      {problem && (
        <p role="alert" class="notice notice-error">
          {tKey(problem.key, problem.params)}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="danger" disabled={!reason || busy}>
          {t('admin.cutOff.confirm', { name })}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('admin.cutOff.cancel')}
        </button>
      </div>
    </form>
  );
}
