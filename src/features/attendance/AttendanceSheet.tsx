import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { useT } from '../../i18n/useT.tsx';
import { SessionSummary } from '../../ui/SessionSummary.tsx';

/** A paper attendance sheet for one session: names, what was marked, and room to sign. */
export function AttendanceSheet({ scope, sessionId }: { scope: string; sessionId: string }) {
  const { t, tKey } = useT();
  const { store } = useData();
  const session = useObservable(() => store.watchOne('session', scope, sessionId), undefined, [store, scope, sessionId]);
  const participants = useObservable(() => store.participantsOf(scope), [], [store, scope]);
  const attendance = useObservable(() => store.attendanceOf(scope, sessionId), [], [store, scope, sessionId]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  if (!session) return <p class="notice">{t('session.notFound')}</p>;
  const statusOf = new Map(attendance.map((a) => [a.participantId, a.status]));
  const people = participants.filter((p) => p.status !== 'ended' || statusOf.has(p.id));
  return (
    <section class="attendance-sheet" aria-labelledby="sheet-title">
      <p class="no-print">
        <a href={hrefOf({ name: 'session', scope, id: sessionId })}>← {t('rides.back')}</a>
      </p>
      <h1 id="sheet-title">
        {t('sheet.title')}: {group?.name ?? ''}
      </h1>
      <p>
        <SessionSummary session={session} />
      </p>
      <table class="data-table sheet-table">
        <thead>
          <tr>
            <th scope="col">{t('sheet.name')}</th>
            <th scope="col">{t('admin.homeVillage')}</th>
            <th scope="col">{t('attendance.title')}</th>
            <th scope="col">{t('sheet.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.displayName}</th>
              <td>{p.homeVillage}</td>
              <td>{statusOf.has(p.id) ? tKey(`attendance.${statusOf.get(p.id)}`) : ''}</td>
              <td class="signature" />
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="no-print" onClick={() => window.print()}>
        {t('sheet.print')}
      </button>
    </section>
  );
}
