import { useId, useState } from 'preact/hooks';
import { hrefOf } from '../../app/routes.ts';
import { PAST_SHOWN, UPCOMING_SHOWN, type StartGroup, type StartSession, type StartSnapshot } from '../../data/start-snapshot.ts';
import { weekDates } from '../../domain/time.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { SessionSummary } from '../../ui/SessionSummary.tsx';

/** A group as the start screen draws it; without `sessions`, the frame that holds their place while they are read. */
export type ShownGroup = Omit<StartGroup, 'sessions'> & { sessions?: StartSession[] };

/**
 * The start screen as drawn: per group, the next session one tap away, then upcoming and
 * past ones. The same for the live screen (SessionList) and for the last known one that the
 * first chunk draws for a remembered staff member before the database is open; light on
 * purpose (no RxJS, no data layer), so it can be in that chunk. `busy`: not read from the
 * database yet (the last known screen, or the frame).
 */
export function StartSessions({ groups, busy }: { groups: ShownGroup[]; busy?: boolean }) {
  const { t } = useT();
  return (
    <>
      <span hidden data-screen-title={t('nav.sessions')} />
      {groups.map((group) => (
        <GroupSessions key={group.scope} group={group} busy={busy || !group.sessions} />
      ))}
    </>
  );
}

/** The groups to draw from the last known start screen, in today's order: a group it did not have gets its frame. */
export function lastKnownGroups(scopes: string[], last: StartSnapshot | null): ShownGroup[] | null {
  if (!last || scopes.length === 0) return null;
  return scopes.map((scope) => last.groups.find((g) => g.scope === scope) ?? { scope });
}

function GroupSessions({ group, busy }: { group: ShownGroup; busy: boolean }) {
  const { t } = useT();
  const { scope, name, sessions } = group;
  const today = todayIso();
  const all = sessions ?? [];
  const upcoming = all.filter((s) => s.date >= today);
  const past = all.filter((s) => s.date < today).reverse();
  const next = upcoming.find((s) => s.status !== 'cancelled');
  const headingId = `group-${scope}`;
  const [view, setView] = useState<'list' | 'week'>('list');

  return (
    <section class="group" aria-labelledby={headingId} aria-busy={busy ? 'true' : undefined}>
      <h1 id={headingId}>{name ?? t('nav.sessions')}</h1>
      {/* Always there, at the same height: whatever it holds, the buttons under it stay put. */}
      <div class="card next-session" data-testid={next ? 'next-session' : undefined}>
        <h2>{t('sessions.next')}</h2>
        {!sessions ? null : name === undefined ? (
          <p>{t('sessions.waitingForData')}</p>
        ) : next ? (
          <>
            <SessionSummary session={next} />
            <a class="button" href={hrefOf({ name: 'session', scope, id: next.id })}>
              {t('session.open')}
            </a>
          </>
        ) : (
          <p>{all.length === 0 ? t('sessions.empty') : t('sessions.noNext')}</p>
        )}
      </div>
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
      {!sessions ? null : view === 'week' ? (
        <WeekView sessions={all} scope={scope} />
      ) : (
        <>
          {upcoming.length > 0 && <SessionGroup title={t('sessions.upcoming')} sessions={upcoming} scope={scope} shown={UPCOMING_SHOWN} />}
          {past.length > 0 && <SessionGroup title={t('sessions.past')} sessions={past} scope={scope} shown={PAST_SHOWN} />}
        </>
      )}
    </section>
  );
}

/** Monday to Sunday, one week at a time, in the chosen language. */
function WeekView({ sessions, scope }: { sessions: StartSession[]; scope: string }) {
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

/** The first `shown` sessions, and the rest behind "show all". */
function SessionGroup({ title, sessions, scope, shown }: { title: string; sessions: StartSession[]; scope: string; shown: number }) {
  const { t, plural } = useT();
  const [all, setAll] = useState(false);
  const listId = useId();
  const hidden = sessions.length - shown;
  return (
    <>
      <h2>{title}</h2>
      <ul class="session-list" id={listId}>
        {(all ? sessions : sessions.slice(0, shown)).map((s) => (
          <li key={s.id}>
            <a href={hrefOf({ name: 'session', scope, id: s.id })} class="session-link">
              <SessionSummary session={s} />
            </a>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <p class="actions">
          <button type="button" class="secondary" aria-expanded={all} aria-controls={listId} onClick={() => setAll(!all)}>
            {all ? t('sessions.showFewer') : plural('sessions.showAll', sessions.length)}
          </button>
        </p>
      )}
    </>
  );
}
