import { combineLatest, map } from 'rxjs';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { DOC_TYPES, ROLE, specOf, subjectAccess, type AnyDoc, type DocType } from '../../domain/index.ts';
import type { MessageKey, Translator } from '../../i18n/translate.ts';
import { useT } from '../../i18n/useT.tsx';
import { todayIso } from '../../ui/dates.ts';
import { useWordsFor } from '../../ui/useWordsFor.ts';
import { groupKeyOf } from '../../wire/scopes.ts';
import { AccessLogSection } from './AccessLogSection.tsx';

/** The languages the report is written in; for anyone else it is in Finnish, with a line saying it can be translated. */
const REPORT_LANGUAGES = ['fi', 'sv', 'en'];

/** Bookkeeping, not information about the person (who recorded it and when is its own line). */
const HIDDEN = new Set(['id', 'type', 'scope', 'schemaVersion', 'clock', 'participantId', 'groupKey', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'syncState', 'syncError', 'displayName']);

/** A field's label: by `type:field`, then by the field's name; a field no one has named yet shows as it is called. */
const LABEL: Record<string, MessageKey> = {
  'participant:homeVillage': 'access.village',
  'participant:language': 'participant.language',
  'participant:status': 'participant.status',
  'participant:startDate': 'participant.startDate',
  'participant:endDate': 'access.endDate',
  'participant:username': 'signIn.username',
  'participant:contact': 'participant.contact',
  'participant:esf': 'participant.esf',
  'participant:esfSensitive': 'participant.sensitiveTitle',
  'participant:referral': 'participant.referral',
  'participant:info': 'access.info',
  'participant:walkIn': 'access.walkIn',
  'participant:movedTo': 'access.movedTo',
  'participant:movedFrom': 'access.movedFrom',
  phone: 'participant.phone',
  email: 'participant.email',
  consentRecordedAt: 'access.consentAt',
  labourMarketStatus: 'participant.labourMarketStatus',
  ageBand: 'participant.ageBand',
  educationLevel: 'participant.educationLevel',
  recordedAt: 'access.esfAt',
  gender: 'participant.gender',
  ageGroup: 'participant.ageGroup',
  entryDate: 'participant.entryDate',
  disability: 'participant.sensitive.disability',
  thirdCountNational: 'participant.sensitive.thirdCountNational',
  foreignBackground: 'participant.sensitive.foreignBackground',
  minority: 'participant.sensitive.minority',
  homeless: 'participant.sensitive.homeless',
  rural: 'participant.sensitive.rural',
  'participant:esfExit': 'esfExit.title',
  'participant:esfExit.date': 'access.endDate',
  'participant:esfExit.situations': 'esfExit.situation',
  'participant:esfExit.recordedAt': 'access.answeredAt',
  'participant:esfFollowUp': 'esfExit.followUpTitle',
  'participant:esfFollowUp.employed': 'esfExit.employed',
  'participant:esfFollowUp.improved': 'esfExit.improved',
  'participant:esfFollowUp.recordedAt': 'access.answeredAt',
  sessionId: 'note.session',
  'attendance:status': 'attendance.title',
  'ride:village': 'session.village',
  'ride:pickupPoint': 'rides.pickupPoint',
  'ride:seats': 'rides.seatsLabel',
  'ride:needs': 'rides.needs',
  'ride:status': 'path.statusLabel',
  'ride:declineReason': 'access.declineReason',
  'rsvp:status': 'doc.kind.rsvp',
  'checkin:mood': 'checkin.mood',
  'checkin:useful': 'checkin.useful',
  'note:category': 'note.category',
  'note:text': 'note.text',
  'note:supersedes': 'access.correction',
  'note:coachingId': 'note.aboutMeeting',
  'planstep:stage': 'path.stage',
  'planstep:status': 'path.statusLabel',
  'planstep:startDate': 'path.start',
  'planstep:endDate': 'path.end',
  'planstep:visibleToParticipant': 'path.visible',
  'planstep:info': 'access.info',
  'goal:title': 'goal.name',
  'goal:targetDate': 'goal.targetDate',
  'goal:steps': 'access.steps',
  'goal:steps.text': 'access.step',
  'goal:steps.done': 'access.stepDone',
  'goal:status': 'path.statusLabel',
  'goal:visibleToParticipant': 'goal.visible',
  'wish:text': 'access.wish',
  'wish:status': 'path.statusLabel',
  'wishsupport:wishId': 'access.wish',
  'wishsupport:supported': 'access.supported',
  'errand:kinds': 'access.kinds',
  'guidance:date': 'guidance.date',
  'guidance:service': 'guidance.service',
  'guidance:description': 'guidance.description',
  'guidance:outcome': 'guidance.outcome',
  'guidance:followedUpOn': 'access.followedUpOn',
  'coaching:date': 'coaching.date',
  'coaching:startTime': 'coaching.start',
  'coaching:endTime': 'coaching.end',
  'coaching:mode': 'coaching.mode',
  'coaching:place': 'coaching.place',
  'coaching:coach': 'coaching.coach',
  'coaching:status': 'path.statusLabel',
  'placement:partnerId': 'placement.partner',
  'placement:stage': 'path.stage',
  'placement:planStepId': 'doc.kind.planstep',
  'placement:startDate': 'path.start',
  'placement:endDate': 'path.end',
  'placement:hoursPerWeek': 'placement.hours',
  'placement:supervisor': 'placement.supervisor',
  'placement:outcome': 'placement.outcome',
  'observation:date': 'guidance.date',
  'observation:physical': 'observation.dimension.physical',
  'observation:cognitive': 'observation.dimension.cognitive',
  'observation:psychological': 'observation.dimension.psychological',
  'observation:social': 'observation.dimension.social',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const CLOCK = /^\d{2}:\d{2}$/;

/** How a document another one names reads: a session by its day and place, a partner by name, a wish by its words. */
function refText(words: Translator, doc: AnyDoc): string {
  switch (doc.type) {
    case 'session':
      return `${words.day(doc.date)} ${words.time(doc.startTime)}, ${doc.village}`;
    case 'partner':
      return doc.name;
    case 'wish':
      return doc.text;
    case 'coaching':
      return words.day(doc.date);
    case 'planstep':
      return words.tKey(`path.stage.${doc.stage}`);
    case 'note':
      return words.moment(doc.createdAt);
    default:
      return words.tKey(`doc.kind.${doc.type}`);
  }
}

interface Facts {
  words: Translator;
  type: DocType;
  refs: Record<string, AnyDoc>;
}

/** One value, in the reader's words: a choice by its label, a date in their format, a document it names by what it is. */
function valueText({ words, type, refs }: Facts, path: string, value: unknown): string {
  const ref = refs[path];
  if (ref) return refText(words, ref);
  const prefix = specOf(type).labels?.[path]?.[0];
  if (prefix && typeof value === 'string') return words.tKey(`${prefix}.${value}`);
  if (prefix && Array.isArray(value)) return value.map((v) => words.tKey(`${prefix}.${String(v)}`)).join(', ');
  if (typeof value === 'boolean') return words.t(value ? 'access.yes' : 'access.no');
  if (typeof value === 'string' && DATE.test(value)) return words.date(value);
  if (typeof value === 'string' && INSTANT.test(value)) return words.moment(value);
  if (typeof value === 'string' && CLOCK.test(value)) return words.time(value);
  return String(value);
}

const labelOf = (words: Translator, type: DocType, path: string) => {
  const name = path.split('.').at(-1)!;
  const key = LABEL[`${type}:${path}`] ?? LABEL[name];
  return key ? words.t(key) : name;
};

/** Every field of a document (or of an object within one), labelled; lists of objects (a goal's steps) as lists. */
function Fields({ facts, value, at = '' }: { facts: Facts; value: Record<string, unknown>; at?: string }) {
  const { words, type } = facts;
  const shown = Object.entries(value).filter(([name, v]) => !HIDDEN.has(name) && !(at && name === 'id') && v !== undefined && v !== '');
  return (
    <dl class="access-facts">
      {shown.map(([name, v]) => {
        const path = at + name;
        return (
          <div key={name}>
            <dt>{labelOf(words, type, path)}</dt>
            <dd>
              {Array.isArray(v) && v.some((x) => typeof x === 'object') ? (
                <ul>
                  {v.map((item, i) => (
                    <li key={i}>
                      <Fields facts={facts} value={item as Record<string, unknown>} at={`${path}.`} />
                    </li>
                  ))}
                </ul>
              ) : v && typeof v === 'object' && !Array.isArray(v) ? (
                <Fields facts={facts} value={v as Record<string, unknown>} at={`${path}.`} />
              ) : (
                valueText(facts, path, v)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

const recorded = (words: Translator, doc: AnyDoc) => words.t('access.recorded', { name: doc.createdBy, when: words.moment(doc.createdAt) });

/**
 * Everything Polku holds about one participant (GDPR art. 15), for a coordinator to print
 * and hand over: in the participant's own language whatever the coordinator's, each type
 * of record under its heading by date, who recorded each and when. Only a coordinator of
 * the group gets it (the group's data is theirs to answer for); the buttons and the way
 * back do not print. `now` is the clock (a test passes its own).
 */
export function SubjectAccessScreen({ scope, id, now }: { scope: string; id: string; now?: Date }) {
  const ui = useT();
  const { store, roles$ } = useData();
  const roles = useObservable(() => roles$, roles$.value, [roles$]);
  const docs = useObservable(
    () => combineLatest(DOC_TYPES.map((type) => store.watch(type, scope))).pipe(map((lists) => lists.flat() as AnyDoc[])),
    undefined,
    [store, scope],
  );
  const person = docs?.find((d): d is Extract<AnyDoc, { type: 'participant' }> => d.type === 'participant' && d.id === id);
  const speaks = person !== undefined && REPORT_LANGUAGES.includes(person.language);
  const words = useWordsFor(speaks ? person.language : 'fi');
  const { t, tKey } = words;

  if (!roles.includes(ROLE.coordinatorOf(groupKeyOf(scope) ?? ''))) return <p class="notice">{ui.t('access.onlyCoordinators')}</p>;
  if (!docs) return <p aria-busy="true" />;
  const report = subjectAccess(id, docs);
  if (!report) {
    return (
      <p class="notice">
        {ui.t('participant.notFound')} <a href={hrefOf({ name: 'roster', scope })}>{ui.t('roster.back')}</a>
      </p>
    );
  }
  const group = docs.find((d) => d.type === 'group');
  return (
    <>
      <section class="subject-access" aria-labelledby="access-title" lang={words.lang === ui.lang ? undefined : words.lang} dir={words.dir}>
        <p class="no-print">
          <a href={hrefOf({ name: 'participant', scope, id })} lang={ui.lang}>
            ← {ui.t('roster.back')}
          </a>
        </p>
        <h1 id="access-title">{t('access.title')}</h1>
        <p class="access-name">{report.person.displayName}</p>
        <p>{t('access.intro')}</p>
        <p>{t('access.produced', { date: words.date(todayIso(now)), group: group?.type === 'group' ? group.name : '' })}</p>
        {!speaks && <p>{t('access.translatable')}</p>}
        <p>{t('access.rights')}</p>
        <div class="actions no-print">
          <button type="button" onClick={() => window.print()} lang={ui.lang}>
            {ui.t('admin.print')}
          </button>
        </div>

        <h2>{t('access.person')}</h2>
        <dl class="access-facts">
          <div>
            <dt>{t('access.name')}</dt>
            <dd>{report.person.displayName}</dd>
          </div>
        </dl>
        <Fields facts={{ words, type: 'participant', refs: {} }} value={report.person} />
        <p class="hint">{recorded(words, report.person)}</p>

        {report.sections.map(({ type, entries }) => (
          <section key={type} aria-labelledby={`access-${type}`} data-testid={`access-${type}`}>
            <h2 id={`access-${type}`}>{tKey(`doc.kind.${type}`)}</h2>
            {entries.length === 0 ? (
              <p>{t('access.none')}</p>
            ) : (
              <ul class="access-list">
                {entries.map(({ doc, date, refs, correctedBy }) => (
                  <li key={doc.id}>
                    <h3>{words.date(date)}</h3>
                    {correctedBy && <p>{t('access.corrected', { when: words.moment(correctedBy.createdAt) })}</p>}
                    <Fields facts={{ words, type, refs }} value={doc} />
                    <p class="hint">{recorded(words, doc)}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </section>
      <AccessLogSection participantKey={id.slice('participant:'.length)} />
    </>
  );
}
