import { useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import type { LocalDoc } from '../../data/store.ts';
import { rideId, type Problem } from '../../domain/index.ts';
import { useT } from '../../i18n/useT.tsx';
import { Field, FormProblems, problemsByField } from '../../ui/Field.tsx';
import { SessionSummary } from '../../ui/SessionSummary.tsx';

/** Confirmed rides grouped by village, in the route order (villages not yet placed come last, by name). */
export function pickupList(rides: LocalDoc<'ride'>[], routeOrder: readonly string[] = []) {
  const confirmed = rides.filter((r) => r.status === 'confirmed');
  const villages = [...new Set(confirmed.map((r) => r.village))];
  const ordered = [...routeOrder.filter((v) => villages.includes(v)), ...villages.filter((v) => !routeOrder.includes(v)).sort((a, b) => a.localeCompare(b))];
  const stops = ordered.map((village) => {
    const here = confirmed.filter((r) => r.village === village).sort((a, b) => a.pickupPoint.localeCompare(b.pickupPoint));
    return { village, rides: here, seats: here.reduce((n, r) => n + r.seats, 0) };
  });
  return { stops, seats: stops.reduce((n, s) => n + s.seats, 0) };
}

/** Transport for one session: requests to confirm or decline, and a printable pickup list in route order. */
export function RidesScreen({ scope, sessionId }: { scope: string; sessionId: string }) {
  const { t, plural, day, time } = useT();
  const { store } = useData();
  const session = useObservable(() => store.watchOne('session', scope, sessionId), undefined, [store, scope, sessionId]);
  const rides = useObservable(() => store.watch('ride', scope, sessionId), [], [store, scope, sessionId]);
  const participants = useObservable(() => store.participantsOf(scope), [], [store, scope]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  if (!session) return <p class="notice">{t('session.notFound')}</p>;
  const nameOf = new Map(participants.map((p) => [p.id, p.displayName]));
  const byId = new Map(participants.map((p) => [p.id, p]));
  const { stops, seats } = pickupList(rides, session.routeOrder);
  const order = stops.map((s) => s.village);
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [village] = next.splice(index, 1);
    next.splice(index + by, 0, village!);
    void store.edit('session', scope, sessionId, { routeOrder: next });
  };

  return (
    <section aria-labelledby="rides-title">
      <p class="no-print">
        <a href={hrefOf({ name: 'session', scope, id: sessionId })}>← {t('rides.back')}</a>
      </p>
      <h1 id="rides-title">{t('rides.title')}</h1>
      <div class="card session-card">
        <SessionSummary session={session} />
      </div>
      <section class="no-print" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('rides.requests')}</h2>
        {rides.length === 0 && <p>{t('rides.none')}</p>}
        <ul class="ride-list">
          {rides.map((ride) => (
            <RideRow key={ride.id} scope={scope} ride={ride} name={nameOf.get(ride.participantId) ?? ride.participantId} />
          ))}
        </ul>
        <RideForm scope={scope} session={session} participants={participants} villages={group?.villages ?? []} taken={new Set(rides.map((r) => r.participantId))} />
      </section>
      <section class="pickup-list" aria-labelledby="pickup-title" data-testid="pickup-list">
        <h2 id="pickup-title">{t('rides.pickupList')}</h2>
        {/* What a driver needs to tell this week's sheet from last week's. */}
        <dl class="pickup-facts">
          <div>
            <dt>{t('session.date')}</dt>
            <dd>{day(session.date)}</dd>
          </div>
          <div>
            <dt>{t('rides.when')}</dt>
            <dd>{t('rides.timeRange', { start: time(session.startTime), end: time(session.endTime) })}</dd>
          </div>
          <div>
            <dt>{t('dash.group')}</dt>
            <dd>{group?.name ?? ''}</dd>
          </div>
          {session.theme && (
            <div>
              <dt>{t('session.theme')}</dt>
              <dd>{session.theme}</dd>
            </div>
          )}
          <div>
            <dt>{t('rides.destination')}</dt>
            <dd>{[session.address, session.village].filter(Boolean).join(', ')}</dd>
          </div>
        </dl>
        {stops.length === 0 && <p>{t('rides.noneConfirmed')}</p>}
        <ol class="pickup-stops">
          {stops.map((stop, i) => (
            <li key={stop.village}>
              <h3>
                {stop.village} · {plural('rides.seats', stop.seats)}
              </h3>
              <span class="actions no-print">
                <button type="button" class="secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('rides.earlier', { village: stop.village })}>
                  ↑
                </button>
                <button type="button" class="secondary" disabled={i === stops.length - 1} onClick={() => move(i, 1)} aria-label={t('rides.later', { village: stop.village })}>
                  ↓
                </button>
              </span>
              <ul class="pickup-riders">
                {stop.rides.map((r) => {
                  const person = byId.get(r.participantId);
                  // A phone number only where the participant agreed to it being kept.
                  const phone = person?.contact?.consentRecordedAt ? person.contact.phone : undefined;
                  return (
                    <li key={r.id} data-testid="pickup-rider">
                      <span class="tick-box" aria-hidden="true" />
                      <span>
                        {r.pickupPoint}: {person?.displayName ?? r.participantId} ({plural('rides.seats', r.seats)}){r.needs ? ` · ${r.needs}` : ''}
                        {phone && (
                          <>
                            {' · '}
                            <a href={`tel:${phone.replace(/\s/g, '')}`}>{t('rides.phone', { phone })}</a>
                          </>
                        )}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
        <p data-testid="pickup-total">
          <strong>{plural('rides.total', seats)}</strong>
        </p>
        <button type="button" class="no-print" onClick={() => window.print()}>
          {t('rides.print')}
        </button>
      </section>
      <p class="no-print">{t('rides.printHelp')}</p>
    </section>
  );
}

function RideRow({ scope, ride, name }: { scope: string; ride: LocalDoc<'ride'>; name: string }) {
  const { t, tKey, plural } = useT();
  const { store } = useData();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const reasonId = `decline-${ride.id.replace(/\W/g, '-')}`;
  const decide = async (status: 'confirmed' | 'declined') => {
    const result = await store.edit('ride', scope, ride.id, status === 'declined' ? { status, declineReason: reason } : { status, declineReason: undefined });
    setProblem(result.ok ? undefined : result.problems[0]);
    if (result.ok) setDeclining(false);
  };
  return (
    <li class="ride-row" data-testid="ride-row">
      <span>
        <strong>{name}</strong> · {ride.village}, {ride.pickupPoint} · {plural('rides.seats', ride.seats)}
        {ride.needs && ` · ${ride.needs}`} · <span class="status">{tKey(`rides.status.${ride.status}`)}</span>
        {ride.declineReason && ` (${ride.declineReason})`}
      </span>
      <span class="actions">
        {ride.status !== 'confirmed' && (
          <button type="button" onClick={() => void decide('confirmed')}>
            {t('rides.confirm')}
          </button>
        )}
        {ride.status !== 'declined' && !declining && (
          <button type="button" class="secondary" onClick={() => setDeclining(true)}>
            {t('rides.decline')}
          </button>
        )}
      </span>
      {declining && (
        <form class="inline-form" onSubmit={(e) => (e.preventDefault(), void decide('declined'))} noValidate>
          <Field id={reasonId} label={t('rides.declineReason', { name })} problem={problem}>
            {(aria) => <input {...aria} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <button type="submit">{t('rides.declineSubmit')}</button>
        </form>
      )}
    </li>
  );
}

function RideForm(props: {
  scope: string;
  session: LocalDoc<'session'>;
  participants: LocalDoc<'participant'>[];
  villages: { name: string; pickupPoints: string[] }[];
  taken: Set<string>;
}) {
  const { t } = useT();
  const { store } = useData();
  const [values, setValues] = useState({ participantId: '', pickupPoint: '', seats: '1', needs: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = problemsByField(problems);
  const person = props.participants.find((p) => p.id === values.participantId);
  const points = props.villages.find((v) => v.name === person?.homeVillage)?.pickupPoints ?? [];
  const general = problems.filter((p) => !['participantId', 'pickupPoint', 'seats', 'needs'].includes(p.path));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (props.session.status === 'cancelled') return setProblems([{ path: '', key: 'v.rideForCancelled' }]);
    if (!person) return setProblems([{ path: 'participantId', key: 'v.required' }]);
    const result = await store.create('ride', {
      id: rideId(props.session.id, person.id),
      scope: props.scope,
      sessionId: props.session.id,
      participantId: person.id,
      village: person.homeVillage,
      pickupPoint: values.pickupPoint,
      seats: Number(values.seats === '' ? Number.NaN : values.seats),
      ...(values.needs.trim() ? { needs: values.needs } : {}),
      status: 'requested',
    });
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setValues({ participantId: '', pickupPoint: '', seats: '1', needs: '' });
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-label={t('rides.add')}>
      <h3>{t('rides.add')}</h3>
      <div class="field-row">
        <Field id="ride-participant" label={t('rides.participant')} problem={byField.participantId}>
          {(aria) => (
            <select {...aria} value={values.participantId} onChange={(e) => setValues({ ...values, participantId: e.currentTarget.value })}>
              <option value="">{t('rides.choose')}</option>
              {props.participants
                .filter((p) => p.status === 'active' && !props.taken.has(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName} ({p.homeVillage})
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field id="ride-pickup" label={t('rides.pickupPoint')} problem={byField.pickupPoint}>
          {(aria) => (
            <>
              <input {...aria} list="ride-points" value={values.pickupPoint} onInput={(e) => setValues({ ...values, pickupPoint: e.currentTarget.value })} />
              <datalist id="ride-points">
                {points.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="ride-seats" label={t('rides.seatsLabel')} problem={byField.seats}>
          {(aria) => <input type="number" inputMode="numeric" min={1} max={8} {...aria} value={values.seats} onInput={(e) => setValues({ ...values, seats: e.currentTarget.value })} />}
        </Field>
        <Field id="ride-needs" label={t('rides.needs')} problem={byField.needs}>
          {(aria) => <input {...aria} value={values.needs} onInput={(e) => setValues({ ...values, needs: e.currentTarget.value })} />}
        </Field>
      </div>
      <FormProblems problems={general} />
      <button type="submit">{t('rides.addSubmit')}</button>
    </form>
  );
}
