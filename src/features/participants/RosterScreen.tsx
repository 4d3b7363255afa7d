import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { navigate } from '../../app/useRoute.ts';
import { PARTICIPANT_STATUSES } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { ParticipantForm } from './ParticipantForm.tsx';

/** The group's people: search by name or village, filter by status, add someone. */
export function RosterScreen({ scope }: { scope: string }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const participants = useObservable(() => store.participantsOf(scope), [], [store, scope]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('active');
  const [adding, setAdding] = useState(false);
  const q = query.trim().toLowerCase();
  const shown = participants.filter(
    (p) => (status === 'all' || p.status === status) && (!q || p.displayName.toLowerCase().includes(q) || p.homeVillage.toLowerCase().includes(q)),
  );

  return (
    <section aria-labelledby="roster-title">
      <h1 id="roster-title">{t('roster.title', { group: group?.name ?? '' })}</h1>
      <div class="field-row">
        <div class="field">
          <label for="roster-search">{t('roster.search')}</label>
          <input id="roster-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="roster-status">{t('roster.show')}</label>
          <select id="roster-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {PARTICIPANT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tKey(`participant.status.${s}`)}
              </option>
            ))}
            <option value="all">{t('roster.all')}</option>
          </select>
        </div>
      </div>
      <p><a class="button secondary" href={hrefOf({ name: 'partners', scope })}>{t('roster.partners')}</a></p>
      <p role="status">{t('roster.count', { shown: shown.length, total: participants.length })}</p>
      <ul class="roster-list">
        {shown.map((p) => (
          <li key={p.id}>
            <a class="session-link" href={hrefOf({ name: 'participant', scope, id: p.id })}>
              <strong>{p.displayName}</strong> <span>{p.homeVillage}</span>{' '}
              <span class="status">{tKey(`participant.status.${p.status}`)}</span>
              {p.walkIn && <span class="status">{t('roster.walkIn')}</span>}
            </a>
          </li>
        ))}
      </ul>
      {adding ? (
        <ParticipantForm
          scope={scope}
          group={group}
          others={participants}
          onDone={(id) => navigate({ name: 'participant', scope, id })}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setAdding(true)}>
          {t('participant.add')}
        </button>
      )}
    </section>
  );
}
