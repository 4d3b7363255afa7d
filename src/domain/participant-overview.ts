import type { AttendanceStatus } from './doc-types/attendance.ts';
import type { Goal } from './doc-types/goal.ts';
import type { Note } from './doc-types/note.ts';
import type { PlanStep } from './doc-types/planstep.ts';
import type { Session } from './doc-types/session.ts';
import { hasStarted } from './time.ts';

/**
 * What an instructor reads first on a participant's page: the stage they are in now, their
 * open goals, how often they came lately and the latest notes. Pure: the caller passes the
 * documents and the moment ("now").
 */

type StepLike = Pick<PlanStep, 'status' | 'startDate' | 'createdAt'>;

/** Plan steps in path order: by start date, a step without one by when it was recorded. */
export function stepsInOrder<S extends StepLike>(steps: readonly S[]): S[] {
  return [...steps].sort((a, b) => (a.startDate ?? a.createdAt).localeCompare(b.startDate ?? b.createdAt));
}

/** The stage the person is in now: the latest active step (none when no step is active). */
export function currentStep<S extends StepLike>(steps: readonly S[]): S | undefined {
  return stepsInOrder(steps)
    .filter((s) => s.status === 'active')
    .at(-1);
}

type GoalLike = Pick<Goal, 'status' | 'title' | 'targetDate'>;

/** Goals still being worked on, the nearest target date first (those without one last). */
export function openGoals<G extends GoalLike>(goals: readonly G[]): G[] {
  return goals
    .filter((g) => g.status === 'open')
    .sort((a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.title.localeCompare(b.title));
}

/** How many sessions the attendance figure looks back over: about six weeks of weekly sessions. */
export const ATTENDANCE_WINDOW = 6;

export type AttendanceMark = AttendanceStatus | 'unmarked';

export interface RecentAttendance {
  /** The sessions looked at, newest first, each with this person's mark. */
  sessions: { sessionId: string; date: string; mark: AttendanceMark }[];
  present: number;
  absent: number;
  excused: number;
  unmarked: number;
}

type SessionLike = Pick<Session, 'id' | 'date' | 'startTime' | 'status'>;
type AttendanceLike = { sessionId: string; status: AttendanceStatus };

/**
 * Attendance over the person's last `count` sessions: the group's sessions that have
 * started by `now` and were not cancelled, from the day the person started (and up to the
 * day they ended, if they did). A session with a mark for them counts whatever its date (a
 * walk-in before the recorded start). Sessions with no mark are counted as unmarked, not
 * as absences.
 */
export function recentAttendance(
  sessions: readonly SessionLike[],
  attendance: readonly AttendanceLike[],
  person: { startDate?: string; endDate?: string },
  now: Date,
  count = ATTENDANCE_WINDOW,
): RecentAttendance {
  const markOf = new Map(attendance.map((a) => [a.sessionId, a.status]));
  const looked = sessions
    .filter((s) => s.status !== 'cancelled' && hasStarted(s, now))
    .filter((s) => markOf.has(s.id) || ((!person.startDate || s.date >= person.startDate) && (!person.endDate || s.date <= person.endDate)))
    .sort((a, b) => (b.date + b.startTime).localeCompare(a.date + a.startTime))
    .slice(0, Math.max(0, count))
    .map((s) => ({ sessionId: s.id, date: s.date, mark: markOf.get(s.id) ?? ('unmarked' as const) }));
  const tally = (mark: AttendanceMark) => looked.filter((s) => s.mark === mark).length;
  return { sessions: looked, present: tally('present'), absent: tally('absent'), excused: tally('excused'), unmarked: tally('unmarked') };
}

type NoteLike = Pick<Note, 'id' | 'createdAt' | 'supersedes'>;

/** The ids of notes a later correction replaced. */
export function supersededNoteIds(notes: readonly NoteLike[]): Set<string> {
  return new Set(notes.flatMap((n) => (n.supersedes ? [n.supersedes] : [])));
}

/** Notes newest first, without those a correction replaced (the correction stands for them). */
export function currentNotes<N extends NoteLike>(notes: readonly N[]): N[] {
  const replaced = supersededNoteIds(notes);
  return notes.filter((n) => !replaced.has(n.id)).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** The latest `count` notes that still stand, newest first. */
export const latestNotes = <N extends NoteLike>(notes: readonly N[], count = 3): N[] => currentNotes(notes).slice(0, count);
