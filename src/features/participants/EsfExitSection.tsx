import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import type { LocalDoc } from '../../data/store.ts';
import { EXIT_SITUATIONS, exitFor, FOLLOW_UP_ANSWERS, followUpFor, followUpOpensOn, isEsfExit, sixMonthsAfter, type EsfFollowUp, type Group, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ChoiceField } from '../../ui/ChoiceField.tsx';
import { todayIso } from '../../ui/dates.ts';
import { problemsByField } from '../../ui/Field.tsx';

type Person = LocalDoc<'participant'>;
type Situation = (typeof EXIT_SITUATIONS)[number];
type Answer = (typeof FOLLOW_UP_ANSWERS)[number];
const QUESTION = { employed: 'esfExit.employed', improved: 'esfExit.improved' } as const;

/**
 * ESF+ after the participation ended: the person's situation within four weeks (result
 * indicators), then, six months on, whether they are in work and better off (long-term
 * results). Answers belong to this exit: one left from an earlier exit of a person who came
 * back is not shown as given. A move to another group of the same project is no exit, a move
 * to another project's group is (as the report counts it): `groups` are the groups on the
 * device, to tell the two apart. The six-month form opens 30 days before it is due (an answer
 * recorded earlier is not counted). Each answer is written as a field of its own, so an edit of
 * the entry data on another device at the same time is kept too. `now` is the clock.
 */
export function EsfExitSection({ scope, person, groups, now }: { scope: string; person: Person; groups: Group[]; now: Date }) {
  const { t, date } = useT();
  const { endDate } = person;
  if (!endDate || !isEsfExit(person, groups)) return null;
  return (
    <section class="card" aria-labelledby="esf-exit-title">
      <h2 id="esf-exit-title">{t('esfExit.title')}</h2>
      <ExitForm scope={scope} person={person} endDate={endDate} now={now} />
      <h3 id="esf-followup-title">{t('esfExit.followUpTitle')}</h3>
      <p>{t('esfExit.followUpDue', { date: date(sixMonthsAfter(endDate)) })}</p>
      {todayIso(now) >= followUpOpensOn(endDate) && <FollowUpForm scope={scope} person={person} endDate={endDate} now={now} />}
    </section>
  );
}

function ExitForm({ scope, person, endDate, now }: { scope: string; person: Person; endDate: string; now: Date }) {
  const { t, tKey, date, moment } = useT();
  const { store } = useData();
  const given = exitFor(person, endDate);
  const [situations, setSituations] = useState<Situation[]>(given?.situations ?? []);
  const [none, setNone] = useState(!!given && given.situations.length === 0);
  const [problem, setProblem] = useState<string>();

  const toggle = (s: Situation, on: boolean) => {
    setSituations(on ? EXIT_SITUATIONS.filter((x) => x === s || situations.includes(x)) : situations.filter((x) => x !== s));
    if (on) setNone(false);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (situations.length === 0 && !none) return setProblem('esfExit.chooseOne');
    const result = await store.edit('participant', scope, person.id, { esfExit: { date: endDate, situations, recordedAt: now.toISOString() } });
    setProblem(result.ok ? undefined : result.problems[0]!.key);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="esf-exit-title">
      <fieldset aria-describedby={problem ? 'esf-exit-error' : undefined}>
        <legend>{t('esfExit.situations', { date: date(endDate) })}</legend>
        {EXIT_SITUATIONS.map((s) => (
          <div key={s} class="field field-check">
            <input id={`esf-exit-${s}`} type="checkbox" checked={situations.includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
            <label for={`esf-exit-${s}`}>{tKey(`participant.exitSituation.${s}`)}</label>
          </div>
        ))}
        <div class="field field-check">
          <input
            id="esf-exit-none"
            type="checkbox"
            checked={none}
            onChange={(e) => {
              setNone(e.currentTarget.checked);
              if (e.currentTarget.checked) setSituations([]);
            }}
          />
          <label for="esf-exit-none">{t('esfExit.none')}</label>
        </div>
        {problem && (
          <p class="field-error" id="esf-exit-error" role="alert">
            {tKey(problem)}
          </p>
        )}
      </fieldset>
      <div class="actions">
        <button type="submit">{t('esfExit.save')}</button>
        {/* Always there, so a screen reader announces the confirmation when it appears. */}
        <small class="status" role="status">
          {given && t('esfExit.saved', { date: moment(given.recordedAt) })}
        </small>
      </div>
    </form>
  );
}

function FollowUpForm({ scope, person, endDate, now }: { scope: string; person: Person; endDate: string; now: Date }) {
  const { t, tKey, moment } = useT();
  const { store } = useData();
  const given = followUpFor(person, endDate);
  const [values, setValues] = useState<{ employed: Answer | ''; improved: Answer | '' }>({ employed: given?.employed ?? '', improved: given?.improved ?? '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);

  const submit = async (e: Event) => {
    e.preventDefault();
    const esfFollowUp = { ...values, recordedAt: now.toISOString() } as EsfFollowUp;
    const result = await store.edit('participant', scope, person.id, { esfFollowUp });
    setProblems(result.ok ? [] : result.problems.map((p) => ({ ...p, path: p.path.replace(/^esfFollowUp\./, '') })));
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="esf-followup-title">
      <div class="field-row">
        {(Object.keys(QUESTION) as (keyof typeof QUESTION)[]).map((name) => (
          <ChoiceField
            key={name}
            id={`esf-followup-${name}`}
            label={t(QUESTION[name])}
            problem={byField[name]}
            value={values[name]}
            options={FOLLOW_UP_ANSWERS}
            labelOf={(o) => tKey(`participant.followUpAnswer.${o}`)}
            onChange={(v) => setValues({ ...values, [name]: v })}
            none={t('participant.notGiven')}
          />
        ))}
      </div>
      <div class="actions">
        <button type="submit">{t('esfExit.saveFollowUp')}</button>
        {/* Always there, so a screen reader announces the confirmation when it appears. */}
        <small class="status" role="status">
          {given && t('esfExit.saved', { date: moment(given.recordedAt) })}
        </small>
      </div>
    </form>
  );
}
