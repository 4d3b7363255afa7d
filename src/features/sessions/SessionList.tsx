import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import type { LocalDoc } from '../../data/store.ts';
import { weekDates, type Group } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { SessionSummary } from '../../ui/SessionSummary.tsx';

/** The start screen: per group, the next session one tap away, then upcoming and past ones. */
export function SessionList() {
  const { t } = useT();
  const { store, scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const groups = useObservable(() => store.groups(), [], [store]);
  if (scopes.length === 0) return <p class="notice">{t('sessions.noGroups')}</p>;
  return (
    <>
      <span hidden data-screen-title={t('nav.sessions')} />
      {scopes.map((scope) => (
        <GroupSessions key={scope} scope={scope} group={groups.find((g) => g.scope === scope)} />
      ))}
    </>
  );
}

function GroupSessions({ scope, group }: { scope: string; group?: Group }) {
  const { t } = useT();
  const { store } = useData();
  const sessions = useObservable(() => store.sessionsOf(scope), [], [store, scope]);
  const today = todayIso();
  const upcoming = sessions.filter((s) => s.date >= today);
  const past = sessions.filter((s) => s.date < today).reverse();
  const next = upcoming.find((s) => s.status !== 'cancelled');
  const headingId = `group-${scope}`;
  const [view, setView] = useState<'list' | 'week'>('list');

  return (
    <section class="group" aria-labelledby={headingId}>
      <h1 id={headingId}>{group?.name ?? t('nav.sessions')}</h1>
      {!group && <p class="notice">{t('sessions.waitingForData')}</p>}
      {next && (
        <div class="card next-session" data-testid="next-session">
          <h2>{t('sessions.next')}</h2>
          <SessionSummary session={next} />
          <a class="button" href={hrefOf({ name: 'session', scope, id: next.id })}>
            {t('session.open')}
          </a>
        </div>
      )}
      <p class="actions">
        <a class="button secondary" href={hrefOf({ name: 'newSession', scope })}>
          {t('sessions.new')}
        </a>
        <a class="button secondary" href={hrefOf({ name: 'roster', scope })}>
          {t('nav.roster')}
        </a>
      </p>
      <div class="actions" role="group" aria-label={t('sessions.view')}>
        <button type="button" class="secondary" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          {t('sessions.listView')}
        </button>
        <button type="button" class="secondary" aria-pressed={view === 'week'} onClick={() => setView('week')}>
          {t('sessions.weekView')}
        </button>
      </div>
      {sessions.length === 0 && <p>{t('sessions.empty')}</p>}
      {view === 'week' ? (
        <WeekView sessions={sessions} scope={scope} />
      ) : (
        <>
          {upcoming.length > 0 && <SessionGroup title={t('sessions.upcoming')} sessions={upcoming} scope={scope} />}
          {past.length > 0 && <SessionGroup title={t('sessions.past')} sessions={past} scope={scope} />}
        </>
      )}
    </section>
  );
}

/** Monday to Sunday, one week at a time, in the chosen language. */
function WeekView({ sessions, scope }: { sessions: LocalDoc<'session'>[]; scope: string }) {
  const { t, day } = useT();
  const [offset, setOffset] = useState(0);
  const days = weekDates(new Date(), offset);
  return (
    <section aria-label={t('sessions.weekOf', { date: day(days[0]!) })} data-testid="week-view">
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setOffset(offset - 1)}>
          {t('sessions.previousWeek')}
        </button>
        <button type="button" class="secondary" onClick={() => setOffset(0)} disabled={offset === 0}>
          {t('sessions.thisWeek')}
        </button>
        <button type="button" class="secondary" onClick={() => setOffset(offset + 1)}>
          {t('sessions.nextWeek')}
        </button>
      </div>
      <h2>{t('sessions.weekOf', { date: day(days[0]!) })}</h2>
      <ol class="week">
        {days.map((date) => {
          const onDay = sessions.filter((s) => s.date === date);
          return (
            <li key={date} class={onDay.length ? 'day has-sessions' : 'day'}>
              <strong>{day(date)}</strong>
              {onDay.map((s) => (
                <a key={s.id} href={hrefOf({ name: 'session', scope, id: s.id })} class="session-link">
                  <SessionSummary session={s} />
                </a>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function SessionGroup({ title, sessions, scope }: { title: string; sessions: LocalDoc<'session'>[]; scope: string }) {
  return (
    <>
      <h2>{title}</h2>
      <ul class="session-list">
        {sessions.map((s) => (
          <li key={s.id}>
            <a href={hrefOf({ name: 'session', scope, id: s.id })} class="session-link">
              <SessionSummary session={s} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
