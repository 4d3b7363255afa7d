import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import type { LocalDoc } from '../../data/store.ts';
import { hasEnded, rankWishes, wishId, wishSupportId, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';
import { myKeyOf } from './mine.ts';

/** As long as the wish schema allows: shown beside the field, so the limit is no surprise. */
const MAX = 200;

/**
 * Suggest an activity and say "I'd like that too" to the group's wishes. Wishes show by
 * their text only: a participant's phone holds no one else's name. `now` is the clock (a
 * test passes its own).
 */
export function MyWishes({ scope, now = new Date() }: { scope: string; now?: Date }) {
  const { t } = useT();
  const { store } = useData();
  const me = `participant:${myKeyOf(scope)}`;
  const wishes = useObservable(() => store.watch('wish', scope), [], [store, scope]).filter((w) => w.status === 'open');
  const supports = useObservable(() => store.watch('wishsupport', scope), [], [store, scope]);
  const sessions = useObservable(() => store.sessionsOf(scope), [], [store, scope]);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [thanks, setThanks] = useState(false);
  const byField = problemsByField(problems);

  const submit = async (e: Event) => {
    e.preventDefault();
    setThanks(false);
    const result = await store.create('wish', { id: wishId(), scope, participantId: me, text, status: 'open' });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setText('');
    setThanks(true);
  };
  const toggle = (wish: LocalDoc<'wish'>, supported: boolean) => {
    const id = wishSupportId(wish.id, me);
    const mine = supports.find((s) => s.id === id);
    void (mine ? store.edit('wishsupport', scope, id, { supported }) : store.create('wishsupport', { id, scope, wishId: wish.id, participantId: me, supported }));
  };
  // The session a wish became: the next one to come, or else the last one held.
  const sessionOf = (wish: LocalDoc<'wish'>) => {
    const from = sessions.filter((s) => s.fromWishId === wish.id && s.status !== 'cancelled');
    return from.find((s) => !hasEnded(s, now)) ?? from.at(-1);
  };

  return (
    <section aria-labelledby="wishes-title">
      <h1 id="wishes-title">{t('my.wish.title')}</h1>
      <p>{t('my.wish.intro')}</p>
      <form class="card" onSubmit={submit} noValidate aria-labelledby="wish-suggest">
        <h2 id="wish-suggest">{t('my.wish.suggest')}</h2>
        <Field id="wish-text" label={t('my.wish.text')} problem={byField.text}>
          {(aria) => (
            <textarea
              {...aria}
              rows={3}
              aria-describedby={[aria['aria-describedby'], 'wish-text-limit'].filter(Boolean).join(' ')}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </Field>
        <p class="hint" id="wish-text-limit">
          {t('my.wish.limit', { max: MAX, used: text.length })}
        </p>
        <FormProblems problems={problems.filter((p) => p.path !== 'text')} />
        <button type="submit" class="my-wish-send">
          {t('my.wish.send')}
        </button>
        {thanks && (
          <p role="status" class="my-answer">
            {t('my.wish.thanks')}
          </p>
        )}
      </form>
      <h2>{t('my.wish.list')}</h2>
      {wishes.length === 0 ? (
        <p>{t('my.wish.none')}</p>
      ) : (
        <ul class="my-wishes">
          {rankWishes(wishes, supports).map(({ wish, wanting }) => (
            <WishCard key={wish.id} wish={wish} wanting={wanting} mine={wish.participantId === me} supported={supports.some((s) => s.id === wishSupportId(wish.id, me) && s.supported)} session={sessionOf(wish)} now={now} onToggle={toggle} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WishCard(props: {
  wish: LocalDoc<'wish'>;
  wanting: number;
  mine: boolean;
  supported: boolean;
  session?: LocalDoc<'session'>;
  now: Date;
  onToggle: (wish: LocalDoc<'wish'>, supported: boolean) => void;
}) {
  const { wish, wanting, mine, supported, session, now, onToggle } = props;
  const { t, plural, longDay } = useT();
  return (
    <li class="card my-wish" data-testid="my-wish">
      <p class="my-wish-text">{wish.text}</p>
      {mine && <p class="my-wish-yours">{t('my.wish.yours')}</p>}
      <p data-testid="my-wish-count">{plural('my.wish.wanting', wanting)}</p>
      {session && <p class="notice">{hasEnded(session, now) ? t('my.wish.done', { day: longDay(session.date) }) : t('my.wish.coming', { day: longDay(session.date) })}</p>}
      {/* The author already counts as wanting it. The name stays put while pressed, as a toggle's should. */}
      {!mine && (
        <>
          <button type="button" class="choice choice-present my-wish-toggle" aria-pressed={supported} onClick={() => onToggle(wish, !supported)}>
            {supported && (
              <span aria-hidden="true" class="choice-mark">
                ✓
              </span>
            )}
            {t('my.wish.metoo')}
          </button>
          {supported && <p class="hint">{t('my.wish.youWant')}</p>}
        </>
      )}
    </li>
  );
}
