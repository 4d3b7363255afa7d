import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { navigate } from '../../app/useRoute.ts';
import { checkinId, hasStarted, localDate, shiftDate, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { myKeyOf } from './mine.ts';

// Faces from one Unicode block, so a phone that has one has them all.
const FACES = ['😞', '😟', '😐', '😊', '😄'] as const;

/** The questions worded by when the session was: today, yesterday, or on its date (never "today" for a session days ago). */
const WORDING = {
  today: { title: 'checkin.titleToday', mood: 'checkin.mood', useful: 'checkin.useful' },
  yesterday: { title: 'checkin.titleYesterday', mood: 'checkin.moodYesterday', useful: 'checkin.usefulYesterday' },
  earlier: { title: 'checkin.title', mood: 'checkin.moodOn', useful: 'checkin.usefulOn' },
} as const;

/** After a session: two questions, each a 1–5 scale with a picture and a word. */
export function CheckIn({ scope, sessionId }: { scope: string; sessionId: string }) {
  const { t, tKey, longDay } = useT();
  const { store } = useData();
  const me = `participant:${myKeyOf(scope)}`;
  const id = checkinId(sessionId, me);
  const session = useObservable(() => store.watchOne('session', scope, sessionId), undefined, [store, scope, sessionId]);
  const existing = useObservable(() => store.watchOne('checkin', scope, id), undefined, [store, scope, id]);
  const [mood, setMood] = useState<number | undefined>();
  const [useful, setUseful] = useState<number | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  if (!session) return <p class="notice">{t('session.notFound')}</p>;
  const now = new Date();
  const started = hasStarted(session, now);
  const today = localDate(now);
  const words = WORDING[session.date === today ? 'today' : session.date === shiftDate(today, -1) ? 'yesterday' : 'earlier'];
  const when = { date: longDay(session.date) };
  const moodNow = mood ?? existing?.mood;
  const usefulNow = useful ?? existing?.useful;

  const submit = async (e: Event) => {
    e.preventDefault();
    const answers = { ...(moodNow ? { mood: moodNow } : {}), ...(usefulNow ? { useful: usefulNow } : {}) };
    const result = existing ? await store.edit('checkin', scope, id, answers) : await store.create('checkin', { id, scope, sessionId, participantId: me, ...answers });
    if (!result.ok) return setProblem(result.problems[0]);
    navigate({ name: 'home' });
  };

  const scale = (name: string, question: string, value: number | undefined, set: (n: number) => void) => (
    <fieldset class="scale">
      <legend>{question}</legend>
      <div class="scale-choices">
        {FACES.map((face, i) => (
          <label key={face} class={value === i + 1 ? 'scale-choice chosen' : 'scale-choice'}>
            {/* Named by the word alone; the face is a picture for those who read less. */}
            <input type="radio" name={name} value={i + 1} checked={value === i + 1} onChange={() => set(i + 1)} aria-label={tKey(`checkin.scale.${i + 1}`)} />
            <span aria-hidden="true" class="face">
              {face}
            </span>
            <span>{tKey(`checkin.scale.${i + 1}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <section aria-labelledby="checkin-title">
      <p>
        <a href={hrefOf({ name: 'home' })}>← {t('my.back')}</a>
      </p>
      <h1 id="checkin-title">{t(words.title, when)}</h1>
      {!started && <p class="notice">{t('checkin.notYet')}</p>}
      {started && (
      <form class="card" onSubmit={submit} noValidate aria-labelledby="checkin-title">
        {scale('mood', t(words.mood, when), moodNow, setMood)}
        {scale('useful', t(words.useful, when), usefulNow, setUseful)}
        {problem && (
          <p role="alert" class="notice notice-error">
            {tKey(problem.key, problem.params)}
          </p>
        )}
        <button type="submit">{t('checkin.send')}</button>
      </form>
      )}
    </section>
  );
}
