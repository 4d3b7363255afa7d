import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { ERRAND_KINDS, errandId, GUIDANCE_SERVICES, guidanceId, type ErrandKind, type Problem } from '../../domain/index.ts';
import type { LocalDoc } from '../../data/store.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';
import { ChevronIcon } from '../../ui/icons.tsx';

type Service = (typeof GUIDANCE_SERVICES)[number];

type MoreProps = {
  scope: string;
  session: { id: string; date: string };
  participantId: string;
  labelId: string;
  errand: LocalDoc<'errand'> | undefined;
  guidance: LocalDoc<'guidance'>[];
};

const panelIdOf = (labelId: string) => `${labelId}-more`;

/**
 * The quiet toggle on the person's name line: marking attendance is the main task mid-session,
 * so this stays smaller and plainer than the attendance buttons.
 */
export function PersonMoreToggle({ labelId, open, onToggle }: { labelId: string; open: boolean; onToggle: () => void }) {
  const { t } = useT();
  return (
    <button type="button" class="quiet person-more-toggle" aria-expanded={open} aria-controls={panelIdOf(labelId)} aria-describedby={labelId} onClick={onToggle}>
      {t('attendance.more')}
      <ChevronIcon />
    </button>
  );
}

/**
 * What else happened for one person at a session, opened by its toggle so the attendance list
 * stays one compact row per person: the online errands they were helped with (kinds only,
 * never content) and where they were guided on to.
 */
export function PersonMorePanel(props: MoreProps) {
  return (
    <div id={panelIdOf(props.labelId)} class="person-more-panel">
      <ErrandChips {...props} />
      <GuidanceForm {...props} />
    </div>
  );
}

/** One errand document per person and session: made on the first tap, its kinds edited after. */
function ErrandChips({ scope, session, participantId, errand }: { scope: string; session: { id: string }; participantId: string; errand: LocalDoc<'errand'> | undefined }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const [problem, setProblem] = useState<Problem | null>(null);
  const kinds = errand?.kinds ?? [];
  const toggle = async (kind: ErrandKind) => {
    const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
    const id = errandId(session.id, participantId);
    // A second tap may come before the first one's document is seen here: edit it then, not create it twice.
    const stored = errand ?? (await store.get('errand', scope, id));
    const result = stored
      ? await store.edit('errand', scope, id, { kinds: next })
      : await store.create('errand', { id, scope, sessionId: session.id, participantId, kinds: next });
    setProblem(result.ok ? null : (result.problems[0] ?? null));
  };
  return (
    <fieldset class="errands">
      <legend>{t('attendance.errands')}</legend>
      <div class="chips">
        {ERRAND_KINDS.map((kind) => (
          <button key={kind} type="button" class="choice chip" aria-pressed={kinds.includes(kind)} onClick={() => void toggle(kind)}>
            {t(`errand.kind.${kind}`)}
          </button>
        ))}
      </div>
      {problem && (
        <p class="notice notice-error" role="alert">
          {tKey(problem.key, problem.params)}
        </p>
      )}
    </fieldset>
  );
}

/** Onward guidance given at this session: recorded as pending, followed up later on the person's page. */
function GuidanceForm({ scope, session, participantId, labelId, guidance }: { scope: string; session: { id: string; date: string }; participantId: string; labelId: string; guidance: LocalDoc<'guidance'>[] }) {
  const { t } = useT();
  const { store } = useData();
  const [values, setValues] = useState<{ service: Service | ''; description: string }>({ service: '', description: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const submit = async (e: Event) => {
    e.preventDefault();
    const created = await store.create('guidance', {
      id: guidanceId(),
      scope,
      participantId,
      sessionId: session.id,
      date: session.date,
      // An empty choice is refused by the schema, at the field.
      service: values.service as Service,
      description: values.description.trim() || undefined,
      outcome: 'pending',
    });
    if (!created.ok) return setProblems(created.problems);
    setProblems([]);
    setValues({ service: '', description: '' });
  };
  const idOf = (name: string) => `${labelId}-guidance-${name}`;
  return (
    <form class="guidance-form" onSubmit={submit} noValidate aria-labelledby={idOf('title')}>
      {/* A label like the errands' legend beside it, not a heading: the page has no h2 for it to sit under. */}
      <p id={idOf('title')} class="guidance-title">
        {t('attendance.guidance')}
      </p>
      {guidance.length > 0 && (
        <>
          <p>{t('attendance.guidanceSaved')}</p>
          <ul class="guidance-list">
            {guidance.map((g) => (
              <li key={g.id}>
                {t(`guidance.service.${g.service}`)}
                {g.description ? ` · ${g.description}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="field-row">
        <ChoiceField
          id={idOf('service')}
          label={t('attendance.guidanceService')}
          problem={byField.service}
          value={values.service}
          options={GUIDANCE_SERVICES}
          labelOf={(service) => t(`guidance.service.${service}`)}
          none={t('attendance.guidanceChoose')}
          onChange={(service) => setValues({ ...values, service })}
        />
        <Field id={idOf('description')} label={t('attendance.guidanceDescription')} problem={byField.description}>
          {(aria) => <input {...aria} value={values.description} onInput={(e) => setValues({ ...values, description: e.currentTarget.value })} />}
        </Field>
      </div>
      <FormProblems problems={problems.filter((p) => p.path !== 'service' && p.path !== 'description')} />
      <button type="submit">{t('attendance.guidanceSave')}</button>
    </form>
  );
}
