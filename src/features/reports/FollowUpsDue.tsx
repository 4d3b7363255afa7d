import { hrefOf } from '../../app/routes.ts';
import type { FollowUpDue } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { groupScope } from '../../wire/scopes.ts';

/**
 * The six-month follow-ups to ask about: past due first, then those due within a month.
 * Work for the coordinator, not part of the printed report.
 */
export function FollowUpsDue({ due }: { due: FollowUpDue[] }) {
  const { t, date } = useT();
  return (
    <section class="card no-print" aria-labelledby="followups-title">
      <h2 id="followups-title">{t('funder.followUpsTitle')}</h2>
      {due.length === 0 ? (
        <p>{t('funder.followUpsNone')}</p>
      ) : (
        <ul class="followups">
          {due.map((d) => (
            <li key={`${d.groupKey}/${d.participantId}`}>
              <a href={hrefOf({ name: 'participant', scope: groupScope(d.groupKey), id: d.participantId })}>{d.displayName}</a>
              {' – '}
              <span class={d.overdue ? 'overdue' : undefined}>{t(d.overdue ? 'funder.followUpOverdue' : 'funder.followUpDue', { date: date(d.dueDate), exit: date(d.exitDate) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
