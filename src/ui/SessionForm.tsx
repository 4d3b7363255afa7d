import { addMinutes, format, parse } from 'date-fns';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useData } from '../app/useData.ts';
import { useObservable } from '../app/useObservable.ts';
import { hrefOf, navigate } from '../app/useRoute.ts';
import { DEFAULT_GROUP_SETTINGS, keyOf, sessionId, type Problem } from '../domain/index.ts';
import { useT } from '../i18n/useT.tsx';
import { todayIso } from './dates.ts';
import { Field, problemsByField } from './Field.tsx';

const endFrom = (start: string, minutes: number) => {
  const at = parse(start, 'HH:mm', new Date());
  return Number.isNaN(at.getTime()) ? '' : format(addMinutes(at, minutes), 'HH:mm');
};

/** `330` or `330,50` (Finnish decimal comma) → cents; anything else → NaN, refused by the schema. */
const euroCents = (text: string) => Math.round(Number(text.trim().replace(',', '.')) * 100);

export function SessionForm({ scope }: { scope: string }) {
  const { t, tKey } = useT();
  const { store, user } = useData();
  const groups = useObservable(() => store.watch('group', scope), [], [store, scope]);
  const group = groups[0];
  const settings = group?.settings ?? DEFAULT_GROUP_SETTINGS;
  const initial = useMemo(
    () => ({
      date: todayIso(),
      startTime: '10:00',
      endTime: endFrom('10:00', settings.sessionMinutes),
      village: '',
      address: '',
      theme: '',
      capacity: String(settings.capacity),
      cost: String(settings.sessionCostCents / 100),
    }),
    [group?.id],
  );
  const [values, setValues] = useState(initial);
  const touched = useRef(false);
  // The group's settings arrive from the database a moment after the first render:
  // take them as defaults, unless the person has already started typing.
  useEffect(() => {
    if (!touched.current) setValues(initial);
  }, [initial]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const byField = problemsByField(problems);
  const change = (next: typeof values) => {
    touched.current = true;
    setValues(next);
  };
  const set = (name: keyof typeof values) => (e: Event) => change({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    const id = sessionId();
    const result = await store.create('session', {
      id,
      scope,
      groupKey: keyOf(group?.id ?? scope.replace(/^polku-g-/, '')),
      date: values.date,
      startTime: values.startTime,
      endTime: values.endTime,
      village: values.village,
      address: values.address.trim() || undefined,
      theme: values.theme.trim() || undefined,
      instructors: group?.instructors.length ? group.instructors : [user.name],
      capacity: Number(values.capacity === '' ? Number.NaN : values.capacity),
      costCents: euroCents(values.cost),
      status: 'planned',
    });
    setSaving(false);
    if (result.ok) return navigate({ name: 'session', scope, id });
    // Keep everything typed; point at the first problem. The cost is typed in euros.
    setProblems(result.problems.map((p) => (p.path === 'costCents' && p.key !== 'v.tooBig' && p.key !== 'v.tooSmall' ? { ...p, key: 'v.euros' } : p)));
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-alert')?.focus());
  };

  const fieldProblem = (name: string) => byField[name];
  const general = problems.filter((p) => !['date', 'startTime', 'endTime', 'village', 'address', 'theme', 'capacity', 'costCents'].includes(p.path));

  return (
    <form class="card session-form" onSubmit={submit} ref={formRef} aria-labelledby="session-form-title" noValidate>
      <h1 id="session-form-title">{t('session.formTitle')}</h1>
      {problems.length > 0 && (
        <div class="notice notice-error form-alert" role="alert" tabIndex={-1}>
          <p>{t('session.fixErrors')}</p>
          {general.map((p) => (
            <p key={p.key}>{tKey(p.key, p.params)}</p>
          ))}
        </div>
      )}
      <div class="field-row">
        <Field id="session-date" label={t('session.date')} problem={fieldProblem('date')}>
          {(aria) => <input type="date" {...aria} value={values.date} onInput={set('date')} />}
        </Field>
        <Field id="session-start" label={t('session.startTime')} problem={fieldProblem('startTime')}>
          {(aria) => (
            <input
              type="time"
              {...aria}
              value={values.startTime}
              onInput={(e) => {
                const startTime = e.currentTarget.value;
                change({ ...values, startTime, endTime: endFrom(startTime, settings.sessionMinutes) || values.endTime });
              }}
            />
          )}
        </Field>
        <Field id="session-end" label={t('session.endTime')} problem={fieldProblem('endTime')}>
          {(aria) => <input type="time" {...aria} value={values.endTime} onInput={set('endTime')} />}
        </Field>
      </div>
      <Field id="session-village" label={t('session.village')} problem={fieldProblem('village')}>
        {(aria) => (
          <>
            <input {...aria} list="session-villages" value={values.village} onInput={set('village')} autocomplete="off" />
            <datalist id="session-villages">
              {group?.villages.map((v) => <option key={v.name} value={v.name} />)}
            </datalist>
          </>
        )}
      </Field>
      <Field id="session-address" label={t('session.address')} problem={fieldProblem('address')}>
        {(aria) => <input {...aria} value={values.address} onInput={set('address')} />}
      </Field>
      <Field id="session-theme" label={t('session.theme')} problem={fieldProblem('theme')}>
        {(aria) => <input {...aria} value={values.theme} onInput={set('theme')} />}
      </Field>
      <div class="field-row">
        <Field id="session-capacity" label={t('session.capacity')} problem={fieldProblem('capacity')}>
          {(aria) => <input type="number" inputMode="numeric" min={1} {...aria} value={values.capacity} onInput={set('capacity')} />}
        </Field>
        <Field id="session-cost" label={t('session.cost')} problem={fieldProblem('costCents')}>
          {(aria) => <input inputMode="decimal" {...aria} value={values.cost} onInput={set('cost')} />}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" disabled={saving}>
          {t('session.save')}
        </button>
        <a class="button secondary" href={hrefOf({ name: 'home' })}>
          {t('session.cancel')}
        </a>
      </div>
    </form>
  );
}
