import { useState } from 'preact/hooks';
import { adminCall } from '../../data/admin-client.ts';
import type { AdminInput, Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field } from '../../ui/Field.tsx';

const eraseOnServer = (input: AdminInput<'erase'>) => adminCall('erase', input);
/** How the erasure is asked for: the admin API (tests answer in its place). */
export type Erase = typeof eraseOnServer;

/**
 * The controller's erasure of a participant, behind a confirmation that says what happens,
 * what it cannot reach, and that it cannot be undone: the coordinator types the person's
 * name before anything is sent. The server decides who may (their own group's coordinator).
 */
export function EraseParticipant(props: { name: string; participantKey: string; groupKey: string; onErased: (removed: number) => void; erase?: Erase }) {
  const { t, tKey } = useT();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `erase-${props.participantKey}`;
  const erase = props.erase ?? eraseOnServer;

  const close = () => {
    setOpen(false);
    setTyped('');
    setProblem(undefined);
  };
  const confirm = async () => {
    // Spaces and letter case are no reason to refuse; any other difference is.
    if (typed.trim().toLocaleLowerCase() !== props.name.trim().toLocaleLowerCase()) return setProblem({ path: 'name', key: 'admin.eraseNameMismatch' });
    setBusy(true);
    const result = await erase({ participantKey: props.participantKey, groupKey: props.groupKey });
    setBusy(false);
    if (!result.ok) return setProblem(result.problems[0]);
    close();
    props.onErased(result.value.removed);
  };

  if (!open) {
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {t('admin.erase', { name: props.name })}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby={`${id}-title`} class="notice notice-error">
      <h4 id={`${id}-title`}>{t('admin.eraseTitle', { name: props.name })}</h4>
      <p>{t('admin.eraseExplain')}</p>
      <p>{t('admin.eraseNotReached')}</p>
      <Field id={`${id}-name`} label={t('admin.eraseTypeName', { name: props.name })} problem={problem?.path === 'name' ? problem : undefined}>
        {(aria) => <input {...aria} autocomplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />}
      </Field>
      {problem && problem.path !== 'name' && (
        <p role="alert" class="notice notice-error">
          {tKey(problem.key, problem.params)}
        </p>
      )}
      <div class="actions">
        <button type="button" class="danger" disabled={busy} onClick={() => void confirm()}>
          {t('admin.eraseConfirm', { name: props.name })}
        </button>
        <button type="button" class="secondary" onClick={close}>
          {t('admin.eraseCancel')}
        </button>
      </div>
    </div>
  );
}
