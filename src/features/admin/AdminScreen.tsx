import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { adminCall, adminSubmit } from '../../data/admin-client.ts';
import { keyOf, LANGUAGES, ROLE, type AdminInput, type AdminOperation, type AdminResult, type Group, type OneTimeCode, type Organisation, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { CodeCard } from './CodeCard.tsx';
import { CutOffAccess, type Account } from './CutOffAccess.tsx';
import { EraseParticipant } from './EraseParticipant.tsx';
import { GroupSettingsForm } from './GroupSettingsForm.tsx';
import { PrivacySettingsForm } from './PrivacySettingsForm.tsx';
import { ReportingSettingsForm } from './ReportingSettingsForm.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';

/**
 * The coordinator's administration: groups, staff, participants and one-time codes. The
 * buttons are a convenience; the gateway's admin API decides who may do what.
 */
export function AdminScreen() {
  const { t } = useT();
  const { store, roles$, scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const roles = useObservable(() => roles$, roles$.value, [roles$]);
  const groups = useObservable(() => store.groups(), [], [store]).filter((g) => scopes.includes(g.scope));
  // Undefined until read: the form starts from what is stored, not from blanks.
  const organisation = useObservable<Organisation[] | undefined>(() => store.watch('organisation'), undefined, [store]);
  const [code, setCode] = useState<{ code: OneTimeCode; lang?: string } | undefined>();
  // A done operation shows the code it handed out (in the person's language when the form said it), or clears the last one.
  const onCode = (next: OneTimeCode | undefined, lang?: string) => setCode(next && { code: next, ...(lang ? { lang } : {}) });

  if (!roles.includes(ROLE.coordinator)) return <p class="notice">{t('admin.onlyCoordinators')}</p>;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      {code && <CodeCard code={code.code} lang={code.lang} onClose={() => setCode(undefined)} />}
      {groups.map((group) => (
        <GroupAdmin key={group.id} group={group} others={groups.filter((g) => g.id !== group.id)} onCode={onCode} />
      ))}
      <OpForm
        op="createGroup"
        title={t('admin.newGroup')}
        submit={t('admin.create')}
        fields={[
          { name: 'name', label: t('admin.groupName') },
          { name: 'municipality', label: t('admin.municipality') },
        ]}
        onDone={() => onCode(undefined)}
      />
      {/* Set once and seldom changed: below the groups, which are the daily work here. */}
      {organisation && groups.length > 0 && (
        <>
          <ReportingSettingsForm copies={organisation.filter((o) => scopes.includes(o.scope))} scopes={groups.map((g) => g.scope)} />
          {/* Once the organisation has its record (named in the report settings above). */}
          {organisation.some((o) => scopes.includes(o.scope)) && (
            <PrivacySettingsForm copies={organisation.filter((o) => scopes.includes(o.scope))} scopes={groups.map((g) => g.scope)} />
          )}
        </>
      )}
    </section>
  );
}

function GroupAdmin({ group, others, onCode }: { group: Group; others: Group[]; onCode: (code: OneTimeCode | undefined, lang?: string) => void }) {
  const { t, plural } = useT();
  const { store, user, sync } = useData();
  const participants = useObservable(() => store.participantsOf(group.scope), [], [store, group.scope]);
  // The accounts the group's record knows: its staff, and participants who have an account and are still in it.
  const accounts: Account[] = [
    ...[...new Set([...group.coordinators, ...group.instructors])].map((name) => ({ name })),
    ...participants.flatMap((p) => (p.username && p.status !== 'ended' ? [{ name: p.username, label: p.displayName, participantKey: keyOf(p.id) }] : [])),
  ];
  // Said here, not in the row: the row leaves the list once this device has synced the erasure.
  const [erased, setErased] = useState<{ name: string; count: number } | undefined>();
  const groupKey = keyOf(group.id);
  const headingId = `admin-${groupKey}`;
  const languages = LANGUAGES.filter((l) => l !== 'other').map((l) => ({ value: l, label: t(`admin.language.${l}`) }));

  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{group.name}</h2>
      <GroupSettingsForm group={group} />
      <h3>{t('admin.participants')}</h3>
      <ul class="admin-list">
        {participants.map((p) => (
          <ParticipantRow
            key={p.id}
            name={p.displayName}
            village={p.homeVillage}
            status={p.status}
            participantKey={keyOf(p.id)}
            groupKey={groupKey}
            others={others}
            onDone={() => onCode(undefined)}
            onErased={(count) => {
              setErased({ name: p.displayName, count });
              // The deletions come back with the next round: this device lets go of them at once.
              sync.request(0);
            }}
          />
        ))}
      </ul>
      {erased && <p role="status">{plural('admin.erased', erased.count, { name: erased.name })}</p>}
      <OpForm
        op="enrol"
        title={t('admin.enrol')}
        submit={t('admin.enrolSubmit')}
        fixed={{ groupKey }}
        fields={[
          { name: 'displayName', label: t('admin.displayName') },
          { name: 'homeVillage', label: t('admin.homeVillage'), list: group.villages.map((v) => v.name) },
          { name: 'username', label: t('signIn.username'), autocomplete: 'off' },
          { name: 'language', label: t('admin.language'), options: languages },
        ]}
        onDone={(r, sent) => onCode(r.code, sent.language)}
      />
      <OpForm
        op="addInstructor"
        title={t('admin.addInstructor')}
        submit={t('admin.add')}
        fixed={{ groupKey }}
        fields={[{ name: 'name', label: t('signIn.username'), autocomplete: 'off' }]}
        onDone={(r) => onCode(r.code)}
      />
      <OpForm
        op="resetPassword"
        title={t('admin.resetPassword')}
        submit={t('admin.newCode')}
        fixed={{ groupKey }}
        fields={[{ name: 'name', label: t('signIn.username'), autocomplete: 'off' }]}
        onDone={(r) => onCode(r.code)}
      />
      <CutOffAccess groupKey={groupKey} accounts={accounts} me={user.name} />
    </section>
  );
}

function ParticipantRow(props: {
  name: string;
  village: string;
  status: string;
  participantKey: string;
  groupKey: string;
  others: Group[];
  onDone: () => void;
  onErased: (count: number) => void;
}) {
  const { t, tKey } = useT();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [target, setTarget] = useState('');
  const run = async <O extends AdminOperation>(op: O, input: AdminInput<O>) => {
    const result = await adminCall(op, input);
    setProblem(result.ok ? undefined : result.problems[0]);
    if (result.ok) props.onDone();
    setConfirmEnd(false);
  };
  const ended = props.status === 'ended';
  const selectId = `move-${props.participantKey}`;
  return (
    <li class="admin-row">
      <span>
        <strong>{props.name}</strong> <small>{props.village}</small> {ended && <small class="status">{t('admin.ended')}</small>}
      </span>
      {!ended && (
        <span class="actions">
          {props.others.length > 0 && (
            <>
              <label for={selectId}>{t('admin.moveTo', { name: props.name })}</label>
              <select id={selectId} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
                <option value="">{t('admin.chooseGroup')}</option>
                {props.others.map((g) => (
                  <option key={g.id} value={keyOf(g.id)}>
                    {g.name}
                  </option>
                ))}
              </select>
              <button type="button" class="secondary" disabled={!target} onClick={() => void run('move', { participantKey: props.participantKey, toGroup: target })}>
                {t('admin.move')}
              </button>
            </>
          )}
          <button
            type="button"
            class={confirmEnd ? 'danger' : 'secondary'}
            onClick={() => (confirmEnd ? void run('end', { participantKey: props.participantKey }) : setConfirmEnd(true))}
          >
            {confirmEnd ? t('admin.confirmEnd', { name: props.name }) : t('admin.end')}
          </button>
        </span>
      )}
      {/* Ended participations too: erasure is the controller's decision, whatever the status. */}
      <EraseParticipant name={props.name} participantKey={props.participantKey} groupKey={props.groupKey} onErased={props.onErased} />
      {problem && (
        <p role="alert" class="notice notice-error">
          {tKey(problem.key, problem.params)}
        </p>
      )}
    </li>
  );
}

interface FieldSpec {
  name: string;
  label: string;
  list?: string[];
  options?: { value: string; label: string }[];
  autocomplete?: string;
}

/** What a form sent, its empty fields left out. */
type Sent = Record<string, string>;

/** One admin operation as a small form: checked before sending, problems at the fields, input kept. */
function OpForm<O extends AdminOperation>(props: { op: O; title: string; submit: string; fields: FieldSpec[]; fixed?: Record<string, string>; onDone: (result: AdminResult<O>, sent: Sent) => void }) {
  const { t } = useT();
  const empty = Object.fromEntries(props.fields.map((f) => [f.name, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const byField = problemsByField(problems);
  const id = (name: string) => `${props.op}-${props.fixed?.groupKey ?? 'new'}-${name}`;
  const general = problems.filter((p) => !props.fields.some((f) => f.name === p.path));

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    const result = await adminSubmit(props.op, { ...filled, ...props.fixed });
    setBusy(false);
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setValues(empty);
    setDone(true);
    props.onDone(result.value, filled);
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-label={props.title}>
      <h3>{props.title}</h3>
      <div class="field-row">
        {props.fields.map((f) => (
          <Field key={f.name} id={id(f.name)} label={f.label} problem={byField[f.name]}>
            {(aria) =>
              f.options ? (
                <select {...aria} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}>
                  <option value="">{t('admin.default')}</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <>
                  <input
                    {...aria}
                    autocomplete={f.autocomplete}
                    list={f.list ? `${id(f.name)}-list` : undefined}
                    value={values[f.name]}
                    onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                  />
                  {f.list && (
                    <datalist id={`${id(f.name)}-list`}>
                      {f.list.map((v) => (
                        <option key={v} value={v} />
                      ))}
                    </datalist>
                  )}
                </>
              )
            }
          </Field>
        ))}
      </div>
      <FormProblems problems={general} />
      {done && <p role="status">{t('admin.done')}</p>}
      <button type="submit" disabled={busy}>
        {props.submit}
      </button>
    </form>
  );
}
