import { useData } from '../app/useData.ts';
import { useObservable } from '../app/useObservable.ts';
import { hrefOf } from '../app/useRoute.ts';
import type { LocalDoc } from '../data/store.ts';
import type { Group } from '../domain/index.ts';
import { useT } from '../i18n/useT.tsx';
import { formatDay, todayIso } from './dates.ts';

/** The start screen: per group, the next session one tap away, then upcoming and past ones. */
export function SessionList() {
  const { t } = useT();
  const { store, scopes$ } = useData();
  const scopes = useObservable(() => scopes$, scopes$.value, [scopes$]);
  const groups = useObservable(() => store.groups(), [], [store]);
  if (scopes.length === 0) return <p class="notice">{t('sessions.noGroups')}</p>;
  return (
    <>
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

  return (
    <section class="group" aria-labelledby={headingId}>
      <h1 id={headingId}>{group?.name ?? scope}</h1>
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
      {sessions.length === 0 && <p>{t('sessions.empty')}</p>}
      {upcoming.length > 0 && <SessionGroup title={t('sessions.upcoming')} sessions={upcoming} scope={scope} />}
      {past.length > 0 && <SessionGroup title={t('sessions.past')} sessions={past} scope={scope} />}
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

export function SessionSummary({ session }: { session: LocalDoc<'session'> }) {
  const { t, lang } = useT();
  return (
    <span class="session-summary">
      <strong>{t('session.when', { date: formatDay(session.date, lang), start: session.startTime, end: session.endTime })}</strong>
      <span>
        {session.village}
        {session.theme ? ` · ${session.theme}` : ''}
      </span>
      <span class={`status status-${session.status}`}>{t(`session.status.${session.status}`)}</span>
      {session.syncState !== 'synced' && <span class="unsynced">{t('attendance.notSynced')}</span>}
    </span>
  );
}
