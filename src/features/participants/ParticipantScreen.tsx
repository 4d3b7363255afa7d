import { useEffect, useRef, useState } from 'preact/hooks';
import { useData } from '../../app/useData.ts';
import { useObservable } from '../../app/useObservable.ts';
import { hrefOf } from '../../app/routes.ts';
import { ROLE } from '../../domain/index.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { useT } from '../../i18n/useT.tsx';
import { groupKeyOf } from '../../wire/scopes.ts';
import { CoachingSection } from './CoachingSection.tsx';
import { EsfExitSection } from './EsfExitSection.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { GuidanceSection } from './GuidanceSection.tsx';
import { NotesSection } from './NotesSection.tsx';
import { ObservationForm } from './ObservationForm.tsx';
import { Overview } from './Overview.tsx';
import { ParticipantForm } from './ParticipantForm.tsx';
import { PathSection } from './PathSection.tsx';
import { PlacementsSection } from './PlacementsSection.tsx';
import { Timeline } from './Timeline.tsx';

const SECTIONS = ['notes', 'path', 'meetings', 'goals', 'timeline'] as const;
type Section = (typeof SECTIONS)[number];
const TAB_LABEL: Record<Section, MessageKey> = {
  notes: 'participant.tab.notes',
  path: 'participant.tab.path',
  meetings: 'participant.tab.meetings',
  goals: 'participant.tab.goals',
  timeline: 'participant.tab.timeline',
};

/**
 * One person for staff: who they are, then the overview (stage now, open goals, attendance
 * lately, latest notes), then one tab each: notes with capacity ratings; the path with the
 * ESF+ situation after an ended participation, placements and onward guidance; one-to-one
 * meetings; goals; the timeline. Few tabs, so the bar still fits a phone.
 * Every tab's panel stays mounted (hidden when not chosen), so nothing typed is lost on a
 * switch. `now` is the clock (a test passes its own).
 */
export function ParticipantScreen({ scope, id, now }: { scope: string; id: string; now?: Date }) {
  const { t, tKey, day, dir } = useT();
  const { store, roles$ } = useData();
  const coordinator = useObservable(() => roles$, roles$.value, [roles$]).includes(ROLE.coordinatorOf(groupKeyOf(scope) ?? ''));
  const person = useObservable(() => store.watchOne('participant', scope, id), undefined, [store, scope, id]);
  const others = useObservable(() => store.participantsOf(scope), [], [store, scope]);
  const group = useObservable(() => store.watch('group', scope), [], [store, scope])[0];
  // Every group on the device: a move to another ESF+ project's group is an exit from this one.
  const groups = useObservable(() => store.watch('group'), [], [store]);
  const sessions = useObservable(() => store.sessionsOf(scope), [], [store, scope]);
  const about = useObservable(() => store.aboutParticipant(scope, id), { notes: [], steps: [], goals: [], attendance: [], checkins: [] }, [store, scope, id]);
  const merges = useObservable(() => store.merges(scope), [], [store, scope]);
  const work = {
    meetings: useObservable(() => store.watch('coaching', scope, id), [], [store, scope, id]),
    guidance: useObservable(() => store.watch('guidance', scope, id), [], [store, scope, id]),
    placements: useObservable(() => store.watch('placement', scope, id), [], [store, scope, id]),
    observations: useObservable(() => store.watch('observation', scope, id), [], [store, scope, id]),
    partners: useObservable(() => store.watch('partner', scope), [], [store, scope]),
  };
  const clock = now ?? new Date();
  const [editing, setEditing] = useState(false);
  const [section, setSection] = useState<Section>('notes');
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  // Back from editing the details, focus returns to the button that opened them.
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (!person) {
    return (
      <p class="notice">
        {t('participant.notFound')} <a href={hrefOf({ name: 'roster', scope })}>{t('roster.back')}</a>
      </p>
    );
  }
  const recent = sessions.filter((s) => s.status !== 'cancelled').slice(-12).reverse();

  // The ARIA tab pattern: arrows move along the tabs (mirrored right to left), Home and End to the ends; choosing follows focus.
  const onKey = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    const at = SECTIONS.indexOf(section);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? SECTIONS.length - 1 : step ? (at + (dir === 'rtl' ? -step : step) + SECTIONS.length) % SECTIONS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setSection(SECTIONS[next]!);
    tabs.current[SECTIONS[next]!]?.focus();
  };

  return (
    <section aria-labelledby="participant-title" class="participant-page">
      <p>
        <a href={hrefOf({ name: 'roster', scope })}>← {t('roster.back')}</a>
      </p>
      <div class="participant-head">
        <div>
          <h1 id="participant-title">{person.displayName}</h1>
          <p>
            {person.homeVillage} · {tKey(`participant.status.${person.status}`)} · {t('participant.since', { date: day(person.startDate) })}
            {person.contact?.phone && ` · ${person.contact.phone}`}
            {person.contact?.email && ` · ${person.contact.email}`}
          </p>
        </div>
        {!editing && (
          <button ref={editButton} type="button" class="secondary" onClick={() => setEditing(true)}>
            {t('participant.edit')}
          </button>
        )}
      </div>
      {coordinator && (
        <p class="no-print">
          <a href={hrefOf({ name: 'subjectAccess', scope, id })}>{t('access.link')}</a>
        </p>
      )}
      {editing && <ParticipantForm scope={scope} group={group} existing={person} others={others} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} now={clock} />}

      <Overview person={person} steps={about.steps} goals={about.goals} notes={about.notes} attendance={about.attendance} sessions={sessions} now={clock} />

      <div class="section-tabs" role="tablist" aria-label={t('participant.sections')}>
        {SECTIONS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-controls={`panel-${name}`}
            aria-selected={section === name}
            tabIndex={section === name ? 0 : -1}
            class={section === name ? 'section-tab' : 'section-tab secondary'}
            onClick={() => setSection(name)}
            onKeyDown={onKey}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="panel-notes" aria-labelledby="tab-notes" hidden={section !== 'notes'}>
        <NotesSection scope={scope} participantId={id} notes={about.notes} sessions={recent} />
        <ObservationForm scope={scope} participantId={id} observations={work.observations} now={clock} />
      </div>
      <div role="tabpanel" id="panel-path" aria-labelledby="tab-path" hidden={section !== 'path'}>
        <EsfExitSection scope={scope} person={person} groups={groups} now={clock} />
        <PathSection scope={scope} participantId={id} steps={about.steps} />
        <PlacementsSection scope={scope} participantId={id} placements={work.placements} partners={work.partners} steps={about.steps} now={clock} />
        <GuidanceSection scope={scope} participantId={id} guidance={work.guidance} now={clock} />
      </div>
      <div role="tabpanel" id="panel-meetings" aria-labelledby="tab-meetings" hidden={section !== 'meetings'}>
        <CoachingSection scope={scope} participantId={id} meetings={work.meetings} notes={about.notes} now={clock} />
      </div>
      <div role="tabpanel" id="panel-goals" aria-labelledby="tab-goals" hidden={section !== 'goals'}>
        <GoalsSection scope={scope} participantId={id} goals={about.goals} />
      </div>
      <div role="tabpanel" id="panel-timeline" aria-labelledby="tab-timeline" hidden={section !== 'timeline'}>
        <Timeline id={id} about={about} work={work} sessions={sessions} merges={merges} />
      </div>
    </section>
  );
}
