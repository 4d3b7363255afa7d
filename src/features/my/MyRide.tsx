import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { navigate } from '../../app/useRoute.ts';
import { hasStarted, rideId, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';
import { myKeyOf } from './mine.ts';

const OTHER = '__other__';

/** Ask for a ride from one's own village, see the answer, or cancel. */
export function MyRide({ scope, sessionId }: { scope: string; sessionId: string }) {
  const { t, tKey, longDay, time } = useT();
  const { store } = useData();
  const me = `participant:${myKeyOf(scope)}`;
  const id = rideId(sessionId, me);
  const session = useObservable(() => store.watchOne('session', scope, sessionId), undefined, [store, scope, sessionId]);
  const ride = useObservable(() => store.watchOne('ride', scope, id), undefined, [store, scope, id]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  // Untouched fields show the ride already asked for (undefined: not typed in yet).
  const [village, setVillage] = useState('');
  const [point, setPoint] = useState('');
  const [otherPoint, setOtherPoint] = useState<string>();
  const [seats, setSeats] = useState<string>();
  const [needs, setNeeds] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);

  if (!session) return <p class="notice">{t('session.notFound')}</p>;
  const villages = group?.villages ?? [];
  const chosenVillage = village || ride?.village || villages[0]?.name || '';
  const points = villages.find((v) => v.name === chosenVillage)?.pickupPoints ?? [];
  const askedPoint = ride && ride.village === chosenVillage ? ride.pickupPoint : undefined;
  const chosenPoint = point || (askedPoint && !points.includes(askedPoint) ? OTHER : askedPoint) || points[0] || OTHER;
  const typedPoint = otherPoint ?? (askedPoint && !points.includes(askedPoint) ? askedPoint : '');
  const seatsText = seats ?? String(ride?.seats ?? 1);
  const needsText = needs ?? ride?.needs ?? '';
  const closed = session.status === 'cancelled' || hasStarted(session, new Date());
  const general = problems.filter((p) => !['village', 'pickupPoint', 'seats', 'needs'].includes(p.path));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (closed) return setProblems([{ path: '', key: session.status === 'cancelled' ? 'my.rideCancelledSession' : 'my.rideStarted' }]);
    const pickupPoint = chosenPoint === OTHER || points.length === 0 ? typedPoint : chosenPoint;
    const fields = { village: chosenVillage, pickupPoint, seats: Number(seatsText === '' ? Number.NaN : seatsText), needs: needsText.trim() || undefined, status: 'requested' as const };
    // Sent again unchanged: nothing changes (a booked ride stays booked). A real change is a
    // new request for the instructor to confirm.
    const unchanged =
      ride && ride.status !== 'cancelled' && ride.status !== 'declined' &&
      ride.village === fields.village && ride.pickupPoint === fields.pickupPoint && ride.seats === fields.seats && (ride.needs ?? undefined) === fields.needs;
    if (unchanged) return navigate({ name: 'home' });
    const result = ride
      ? await store.edit('ride', scope, id, { ...fields, declineReason: undefined })
      : await store.create('ride', { id, scope, sessionId, participantId: me, ...fields });
    if (!result.ok) return setProblems(result.problems);
    navigate({ name: 'home' });
  };
  const cancel = async () => {
    const result = await store.edit('ride', scope, id, { status: 'cancelled' });
    if (result.ok) navigate({ name: 'home' });
  };

  return (
    <section aria-labelledby="ride-title">
      <p>
        <a href={hrefOf({ name: 'home' })}>← {t('my.back')}</a>
      </p>
      <h1 id="ride-title">{t('my.rideTitle', { date: longDay(session.date) })}</h1>
      <p>{t('my.hours', { start: time(session.startTime), end: time(session.endTime) })}</p>
      {ride && <p role="status" data-testid="my-ride-status">{tKey(`my.ride.${ride.status}`, { reason: ride.declineReason ?? '' })}</p>}
      <form class="card" onSubmit={submit} noValidate aria-labelledby="ride-title">
        <Field id="my-village" label={t('my.village')} problem={byField.village}>
          {(aria) => (
            <select {...aria} value={chosenVillage} onChange={(e) => setVillage(e.currentTarget.value)}>
              {villages.map((v) => (
                <option key={v.name} value={v.name}>
                  {v.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {points.length > 0 && (
          <Field id="my-point" label={t('my.point')} problem={chosenPoint === OTHER ? undefined : byField.pickupPoint}>
            {(aria) => (
              <select {...aria} value={chosenPoint} onChange={(e) => setPoint(e.currentTarget.value)}>
                {points.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
                <option value={OTHER}>{t('my.otherPoint')}</option>
              </select>
            )}
          </Field>
        )}
        {(chosenPoint === OTHER || points.length === 0) && (
          <Field id="my-point-other" label={t('my.pointOther')} problem={byField.pickupPoint}>
            {(aria) => <input {...aria} value={typedPoint} onInput={(e) => setOtherPoint(e.currentTarget.value)} />}
          </Field>
        )}
        <Field id="my-seats" label={t('my.seats')} problem={byField.seats}>
          {(aria) => <input type="number" inputMode="numeric" min={1} max={8} {...aria} value={seatsText} onInput={(e) => setSeats(e.currentTarget.value)} />}
        </Field>
        <Field id="my-needs" label={t('my.needs')} problem={byField.needs}>
          {(aria) => <input {...aria} value={needsText} onInput={(e) => setNeeds(e.currentTarget.value)} />}
        </Field>
        <FormProblems problems={general} />
        <div class="actions">
          <button type="submit">{ride && ride.status !== 'cancelled' ? t('my.rideUpdate') : t('my.rideSend')}</button>
          {ride && ride.status !== 'cancelled' && !closed && (
            <button type="button" class="secondary" onClick={() => void cancel()}>
              {t('my.rideCancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
