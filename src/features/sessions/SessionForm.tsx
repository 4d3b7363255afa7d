import { addMinutes, format, parse } from 'date-fns';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { navigate } from '../../app/useRoute.ts';
import { COST_PARTS, datesIn, DEFAULT_GROUP_SETTINGS, keyOf, rankWishes, SESSION_STATUSES, sessionId, weeklyDates, type CostPart, type CostParts, type GroupSettings, type Problem, type SessionStatus } from '../../domain/index.ts';
import type { LocalDoc } from '../../data/store.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, problemsByField } from '../../ui/Field.tsx';
import { groupKeyOf } from '../../wire/scopes.ts';
import { COST_PART_LABEL } from '../../ui/cost-parts.ts';

const endFrom = (start: string, minutes: number) => {
  const at = parse(start, 'HH:mm', new Date());
  return Number.isNaN(at.getTime()) ? '' : format(addMinutes(at, minutes), 'HH:mm');
};

/** `330` or `330,50` (Finnish decimal comma) → cents; anything else → NaN, refused by the schema. */
const euroCents = (text: string) => Math.round(Number(text.trim().replace(',', '.')) * 100);
/** Cents as typed back: `330,5`. */
const euros = (cents: number) => String(cents / 100).replace('.', ',');

/** One value per cost part, in the model's order. */
const partsOf = <V,>(of: (part: CostPart) => V): Record<CostPart, V> => ({
  instructors: of('instructors'),
  travel: of('travel'),
  premises: of('premises'),
  activities: of('activities'),
});
const partsText = (parts: CostParts | undefined) => partsOf((part) => (parts ? euros(parts[part]) : ''));
/** A new session (or a weekly series), or — with `existing` — changes to one, its status included. */
export function SessionForm({ scope, existing }: { scope: string; existing?: LocalDoc<'session'> }) {
  const { t, tKey, plural } = useT();
  const { store, user } = useData();
  const groups = useObservable(() => store.watch('group', scope), [], [store, scope]);
  const group = groups[0];
  const wishes = useObservable(() => store.watch('wish', scope), [], [store, scope]);
  const supports = useObservable(() => store.watch('wishsupport', scope), [], [store, scope]);
  const partners = useObservable(() => store.watch('partner', scope), [], [store, scope]);
  const settings: GroupSettings = group?.settings ?? DEFAULT_GROUP_SETTINGS;
  const initial = useMemo(
    () => existing ? {
      date: existing.date,
      startTime: existing.startTime,
      endTime: existing.endTime,
      village: existing.village,
      address: existing.address ?? '',
      theme: existing.theme ?? '',
      capacity: String(existing.capacity),
      cost: euros(existing.costCents),
      parts: partsText(existing.costParts),
      producerId: existing.producerId ?? '',
      fromWishId: existing.fromWishId ?? '',
      status: existing.status as string,
      cancelReason: existing.cancelReason ?? '',
    } : ({
      date: todayIso(),
      startTime: '10:00',
      endTime: endFrom('10:00', settings.sessionMinutes),
      village: '',
      address: '',
      theme: '',
      capacity: String(settings.capacity),
      cost: euros(settings.sessionCostCents),
      parts: partsText(settings.costParts),
      producerId: '',
      fromWishId: '',
      status: 'planned',
      cancelReason: '',
    }),
    [group?.id, existing?.id],
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
  const set = (name: Exclude<keyof typeof values, 'parts'>) => (e: Event) => change({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });

  const [series, setSeries] = useState({ on: false, weeks: '8', skip: '' });
  // Who runs the session: the group's instructors by default, or the ones stored.
  const staff = [...new Set([...(group?.instructors ?? []), ...(existing?.instructors ?? []), user.name])];
  const [chosen, setChosen] = useState<string[] | undefined>(existing?.instructors);
  const instructors = chosen ?? (group?.instructors.length ? group.instructors : [user.name]);
  const [askPast, setAskPast] = useState(false);

  // The cost: typed as a whole, or — once any part is given — the sum of its parts (an empty part is none).
  const partsUsed = COST_PARTS.some((part) => values.parts[part].trim() !== '');
  const partCents = partsOf((part) => (values.parts[part].trim() === '' ? 0 : euroCents(values.parts[part])));
  const partsSum = COST_PARTS.reduce((sum, part) => sum + (Number.isFinite(partCents[part]) ? partCents[part] : 0), 0);
  const cost = partsUsed ? { costCents: partsSum, costParts: partCents } : { costCents: euroCents(values.cost), costParts: undefined };

  const ranked = rankWishes(wishes, supports);
  const fromWish = wishes.find((w) => w.id === values.fromWishId);
  const [hiding, setHiding] = useState<string | null>(null);
  const planFrom = (wish: { id: string; text: string }) => change({ ...values, theme: wish.text, fromWishId: wish.id });
  const hide = async (id: string) => {
    const hidden = await store.edit('wish', scope, id, { status: 'hidden' });
    setHiding(null);
    if (!hidden.ok) return showProblems(hidden.problems);
    if (values.fromWishId === id) change({ ...values, fromWishId: '' });
  };

  const submit = (e: Event) => {
    e.preventDefault();
    void save(false);
  };

  const save = async (pastConfirmed: boolean) => {
    const seriesProblems: Problem[] = [];
    const weeks = Number(series.weeks);
    if (series.on && (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)) seriesProblems.push({ path: 'weeks', key: 'v.weeks', params: { max: 52 } });
    const skip = datesIn(series.skip);
    if (skip.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) seriesProblems.push({ path: 'skip', key: 'v.date' });
    const dates = series.on ? weeklyDates(values.date, weeks, skip) : [values.date];
    // Recording sessions already held is fine, but a schedule wholly in the past is more often a typo: ask first.
    const allPast = dates.length > 0 && dates.every((d) => d < todayIso());
    if (seriesProblems.length === 0 && allPast && !pastConfirmed) {
      setAskPast(true);
      return;
    }
    setSaving(true);
    if (existing) {
      const edited = await store.edit('session', scope, existing.id, {
        date: values.date,
        startTime: values.startTime,
        endTime: values.endTime,
        village: values.village,
        address: values.address.trim() || undefined,
        theme: values.theme.trim() || undefined,
        capacity: Number(values.capacity === '' ? Number.NaN : values.capacity),
        ...cost,
        producerId: values.producerId || undefined,
        fromWishId: values.fromWishId || undefined,
        instructors,
        status: values.status as SessionStatus,
        cancelReason: values.status === 'cancelled' ? values.cancelReason : undefined,
      });
      setSaving(false);
      if (edited.ok) return navigate({ name: 'session', scope, id: existing.id });
      return showProblems(edited.problems);
    }
    const base = {
      scope,
      groupKey: group ? keyOf(group.id) : (groupKeyOf(scope) ?? ''),
      startTime: values.startTime,
      endTime: values.endTime,
      village: values.village,
      address: values.address.trim() || undefined,
      theme: values.theme.trim() || undefined,
      instructors,
      capacity: Number(values.capacity === '' ? Number.NaN : values.capacity),
      ...cost,
      producerId: values.producerId || undefined,
      fromWishId: values.fromWishId || undefined,
    };
    const list = (dates.length ? dates : [values.date]).map((date) => ({
      ...base,
      id: sessionId(),
      date,
      status: date < todayIso() ? ('held' as const) : ('planned' as const),
    }));
    const result = seriesProblems.length ? ({ ok: false, problems: [] } as const) : await store.createAll('session', list);
    setSaving(false);
    setAskPast(false);
    if (result.ok) return navigate(series.on ? { name: 'home' } : { name: 'session', scope, id: list[0]!.id });
    showProblems([...seriesProblems, ...result.problems]);
  };

  // Keep everything typed; point at the first problem. The cost is typed in euros.
  const showProblems = (list: Problem[]) => {
    const inEuros = (p: Problem) => (p.path === 'costCents' || p.path.startsWith('costParts.')) && p.key !== 'v.tooBig' && p.key !== 'v.tooSmall' && p.key !== 'v.costPartsSum';
    setProblems(list.map((p) => (inEuros(p) ? { ...p, key: 'v.euros' } : p)));
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-alert')?.focus());
  };

  const fieldProblem = (name: string) => byField[name];
  const general = problems.filter((p) => !['date', 'startTime', 'endTime', 'village', 'address', 'theme', 'capacity', 'costCents', 'weeks', 'skip', 'status', 'cancelReason', 'producerId', ...COST_PARTS.map((part) => `costParts.${part}`)].includes(p.path));

  return (
    <form class="card session-form" onSubmit={submit} ref={formRef} aria-labelledby="session-form-title" noValidate>
      <h1 id="session-form-title">{existing ? t('session.editTitle') : t('session.formTitle')}</h1>
      {problems.length > 0 && (
        <div class="notice notice-error form-alert" role="alert" tabIndex={-1}>
          <p>{t('session.fixErrors')}</p>
          {general.map((p) => (
            <p key={p.key}>{tKey(p.key, p.params)}</p>
          ))}
        </div>
      )}
      {/* First: a session is often planned from what the group asked for. */}
      {ranked.length > 0 && (
        <fieldset class="wishes">
          <legend>{t('session.fromWishes')}</legend>
          <ul class="wish-list">
            {ranked.map(({ wish, wanting }) => (
              <li key={wish.id} class="wish-row" data-testid="wish-row">
                <span id={`wish-${keyOf(wish.id)}`}>
                  {wish.text} <small>{plural('session.wishWanting', wanting)}</small>
                </span>
                <span class="wish-actions">
                  <button type="button" class="secondary" aria-pressed={values.fromWishId === wish.id} aria-describedby={`wish-${keyOf(wish.id)}`} onClick={() => planFrom(wish)}>
                    {t('session.planFromWish')}
                  </button>
                  <button type="button" class="quiet" aria-describedby={`wish-${keyOf(wish.id)}`} onClick={() => setHiding(wish.id)}>
                    {t('session.hideWish')}
                  </button>
                </span>
                {hiding === wish.id && (
                  <div class="notice notice-warning" role="alert">
                    <p>{t('session.hideWishConfirm', { text: wish.text })}</p>
                    <button type="button" onClick={() => void hide(wish.id)}>
                      {t('session.hideWishYes')}
                    </button>
                    <button type="button" class="secondary" onClick={() => setHiding(null)}>
                      {t('session.keepWish')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
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
      {existing && (
        <div class="field-row">
          <ChoiceField id="session-status" label={t('session.status')} problem={fieldProblem('status')} value={values.status as SessionStatus} options={SESSION_STATUSES} labelOf={(st) => t(`session.status.${st}`)} onChange={(status) => change({ ...values, status })} />
          {values.status === 'cancelled' && (
            <Field id="session-cancel-reason" label={t('session.cancelReason')} problem={fieldProblem('cancelReason')}>
              {(aria) => <input {...aria} value={values.cancelReason} onInput={set('cancelReason')} />}
            </Field>
          )}
        </div>
      )}
      {!existing && (
      <div class="field field-check">
        <input id="session-series" type="checkbox" checked={series.on} onChange={(e) => setSeries({ ...series, on: e.currentTarget.checked })} />
        <label for="session-series">{t('session.weekly')}</label>
      </div>
      )}
      {series.on && (
        <div class="field-row">
          <Field id="session-weeks" label={t('session.weeks')} problem={fieldProblem('weeks')}>
            {(aria) => <input type="number" inputMode="numeric" min={1} max={52} {...aria} value={series.weeks} onInput={(e) => setSeries({ ...series, weeks: e.currentTarget.value })} />}
          </Field>
          <Field id="session-skip" label={t('session.skip')} problem={fieldProblem('skip')}>
            {(aria) => <input {...aria} placeholder={t('session.skipExample')} value={series.skip} onInput={(e) => setSeries({ ...series, skip: e.currentTarget.value })} />}
          </Field>
        </div>
      )}
      {series.on && (
        <p role="status" class="series-summary">
          {plural('session.seriesCount', weeklyDates(values.date, Number(series.weeks), datesIn(series.skip)).length)}
        </p>
      )}
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
      {values.fromWishId && (
        <p class="from-wish">
          {t('session.fromWish', { text: fromWish?.text ?? '' })}{' '}
          <button type="button" class="secondary" onClick={() => change({ ...values, fromWishId: '' })}>
            {t('session.clearWish')}
          </button>
        </p>
      )}
      {(partners.length > 0 || values.producerId) && (
        <ChoiceField
          id="session-producer"
          label={t('session.producer')}
          problem={fieldProblem('producerId')}
          value={values.producerId}
          options={[...partners].sort((a, b) => a.name.localeCompare(b.name)).map((p) => p.id)}
          labelOf={(id) => partners.find((p) => p.id === id)?.name ?? id}
          none={t('session.ownOrganisation')}
          onChange={(producerId) => change({ ...values, producerId })}
        />
      )}
      <fieldset class="instructors">
        <legend>{t('session.instructors')}</legend>
        {staff.map((name) => (
          <div class="field field-check" key={name}>
            <input
              id={`session-instructor-${name}`}
              type="checkbox"
              checked={instructors.includes(name)}
              onChange={(e) => setChosen(e.currentTarget.checked ? [...instructors, name] : instructors.filter((n) => n !== name))}
            />
            <label for={`session-instructor-${name}`}>{name}</label>
          </div>
        ))}
      </fieldset>
      <div class="field-row">
        <Field id="session-capacity" label={t('session.capacity')} problem={fieldProblem('capacity')}>
          {(aria) => <input type="number" inputMode="numeric" min={1} {...aria} value={values.capacity} onInput={set('capacity')} />}
        </Field>
      </div>
      <fieldset class="cost-parts">
        <legend>{t('session.costParts')}</legend>
        <div class="field-row">
          {COST_PARTS.map((part) => (
            <Field key={part} id={`session-cost-${part}`} label={t(COST_PART_LABEL[part])} problem={fieldProblem(`costParts.${part}`)}>
              {(aria) => (
                <input
                  inputMode="decimal"
                  {...aria}
                  value={values.parts[part]}
                  onInput={(e) => change({ ...values, parts: { ...values.parts, [part]: e.currentTarget.value } })}
                />
              )}
            </Field>
          ))}
        </div>
        <Field id="session-cost" label={t('session.cost')} problem={fieldProblem('costCents')}>
          {(aria) =>
            partsUsed ? (
              <>
                <output {...aria} for={COST_PARTS.map((part) => `session-cost-${part}`).join(' ')} aria-live="polite">
                  {euros(partsSum)}
                </output>
                <small>{t('session.costFromParts')}</small>
              </>
            ) : (
              <input inputMode="decimal" {...aria} value={values.cost} onInput={set('cost')} />
            )
          }
        </Field>
      </fieldset>
      {askPast && (
        <div class="notice notice-warning" role="alert">
          <p>{t('session.allPast')}</p>
          <button type="button" onClick={() => void save(true)}>
            {t('session.savePast')}
          </button>
        </div>
      )}
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

/** The edit form once the session is read from the device. */
export function EditSession({ scope, id }: { scope: string; id: string }) {
  const { t } = useT();
  const { store } = useData();
  const session = useObservable(() => store.watchOne('session', scope, id), undefined, [store, scope, id]);
  // Mounted once with the stored values: later syncs do not overwrite what is being typed.
  const [first, setFirst] = useState<LocalDoc<'session'> | undefined>();
  useEffect(() => {
    if (session && !first) setFirst(session);
  }, [session, first]);
  if (!first) return <p role="status">{t('app.loading')}</p>;
  return <SessionForm scope={scope} existing={first} />;
}
