import { addDays, addMonths, format, parseISO } from 'date-fns';
import type { Group } from './doc-types/group.ts';
import { EXIT_SITUATIONS, SENSITIVE_ITEMS, type EsfEntry, type EsfExit, type EsfFollowUp, type Participant } from './doc-types/participant.ts';
import { keyOf } from './ids.ts';
import { localDate } from './time.ts';
import { inPeriod, type Period } from './metrics.ts';

/**
 * The ESF+ 2021–2027 common indicators for participants (Regulation (EU) 2021/1057, Annex I)
 * of one project, from the participant records on the device. Pure.
 *
 * Counting rules:
 * - A project is the set of groups with that `projectCode`. A person is the participant KEY
 *   (`participant:<key>` is the same in every group the person moved between), counted ONCE
 *   per project whatever the number of records or groups.
 * - Entry: the person's entry date is the earliest entry date (esf.entryDate) of their records, else the
 *   earliest `startDate`. Output indicators count persons whose entry date falls in the period,
 *   with the entry items of the record with the earliest entry (an item missing there is taken
 *   from any record that has it). 'preferNot' and a missing item count in no category but in
 *   EECO01; a gender missing or 'preferNot' is `notStated`. The legacy `ageBand` counts in no
 *   age indicator; the legacy status `student` counts as inactive (EECO04).
 * - Exit from the project: none of the person's records in the project is active or paused, and
 *   the latest one (by start) is ended without `movedTo` a group of the same project (isEsfExit); the exit
 *   date is its `endDate`. Result indicators EECR01–04 count persons whose exit date is in the
 *   period, from the exit answer (`esfExit`) on that record, only when its date equals that endDate (an
 *   answer for an earlier exit of a person who left and came back does not count). A leaver
 *   without such an answer counts in `exitsWithoutAnswer`.
 * - Six months after leaving: the due date is the exit date + 6 months (date-fns addMonths).
 *   EECR05/EECR06 count persons whose due date falls in the period and whose follow-up on the
 *   exit record (`esfFollowUp`), recorded on or after the exit date (an older one answered an earlier exit),
 *   says 'yes'.
 * - Groups without a `projectCode` are in no ESF+ project: their people are not counted and
 *   have no follow-up due.
 */

export interface EsfIndicator {
  code: string;
  kind: 'output' | 'result' | 'longResult';
  sensitive: boolean;
}

/** The entry items of a person (from one or more records). */
type Entry = Omit<EsfEntry, 'recordedAt'>;
type Person = { entry: Entry; exit?: EsfExit; followUp?: EsfFollowUp };
type Counted = EsfIndicator & { counts: (p: Person) => boolean };

const lms = (p: Person) => p.entry.labourMarketStatus;
const sensitiveYes = (item: (typeof SENSITIVE_ITEMS)[number]) => (p: Person) => p.entry.sensitive?.[item] === 'yes';
const situation = (s: (typeof EXIT_SITUATIONS)[number]) => (p: Person) => !!p.exit?.situations.includes(s);

/**
 * The ESF+ common indicators in the Commission's toolbox numbering, in report order; each is
 * shown with the catalogue key `esf.indicator.<code>`. Output: at entry; result: within four
 * weeks of leaving; longResult: six months after leaving.
 */
const TABLE: readonly Counted[] = [
  { code: 'EECO01', kind: 'output', sensitive: false, counts: () => true }, // participants in total
  { code: 'EECO02', kind: 'output', sensitive: false, counts: (p) => lms(p) === 'unemployed' || lms(p) === 'longTermUnemployed' }, // unemployed, incl. long-term
  { code: 'EECO03', kind: 'output', sensitive: false, counts: (p) => lms(p) === 'longTermUnemployed' }, // long-term unemployed
  { code: 'EECO04', kind: 'output', sensitive: false, counts: (p) => lms(p) === 'inactive' || lms(p) === 'student' }, // inactive (legacy "student" too)
  { code: 'EECO05', kind: 'output', sensitive: false, counts: (p) => lms(p) === 'employed' }, // employed, incl. self-employed
  { code: 'EECO06', kind: 'output', sensitive: false, counts: (p) => p.entry.ageGroup === 'under18' }, // below 18
  { code: 'EECO07', kind: 'output', sensitive: false, counts: (p) => p.entry.ageGroup === '18to29' }, // 18–29
  { code: 'EECO08', kind: 'output', sensitive: false, counts: (p) => p.entry.ageGroup === '55plus' }, // 55 and over
  { code: 'EECO09', kind: 'output', sensitive: false, counts: (p) => p.entry.educationLevel === 'basic' }, // ISCED 0–2
  { code: 'EECO10', kind: 'output', sensitive: false, counts: (p) => p.entry.educationLevel === 'upperSecondary' }, // ISCED 3–4
  { code: 'EECO11', kind: 'output', sensitive: false, counts: (p) => p.entry.educationLevel === 'tertiary' }, // ISCED 5–8
  { code: 'EECO12', kind: 'output', sensitive: true, counts: sensitiveYes('disability') }, // with disabilities
  { code: 'EECO13', kind: 'output', sensitive: true, counts: sensitiveYes('thirdCountNational') }, // third-country nationals
  { code: 'EECO14', kind: 'output', sensitive: true, counts: sensitiveYes('foreignBackground') }, // with a foreign background
  { code: 'EECO15', kind: 'output', sensitive: true, counts: sensitiveYes('minority') }, // minorities (incl. marginalised communities such as the Roma)
  { code: 'EECO16', kind: 'output', sensitive: true, counts: sensitiveYes('homeless') }, // homeless or affected by housing exclusion
  { code: 'EECO17', kind: 'output', sensitive: true, counts: sensitiveYes('rural') }, // from rural areas
  { code: 'EECR01', kind: 'result', sensitive: false, counts: situation('jobSearching') }, // engaged in job searching upon leaving
  { code: 'EECR02', kind: 'result', sensitive: false, counts: situation('education') }, // in education or training upon leaving
  { code: 'EECR03', kind: 'result', sensitive: false, counts: situation('qualification') }, // gaining a qualification upon leaving
  { code: 'EECR04', kind: 'result', sensitive: false, counts: situation('employed') }, // in employment, incl. self-employment, upon leaving
  { code: 'EECR05', kind: 'longResult', sensitive: false, counts: (p) => p.followUp?.employed === 'yes' }, // in employment six months after leaving
  { code: 'EECR06', kind: 'longResult', sensitive: false, counts: (p) => p.followUp?.improved === 'yes' }, // improved labour-market situation six months after leaving
];

export const ESF_INDICATORS: readonly EsfIndicator[] = TABLE.map(({ code, kind, sensitive }) => ({ code, kind, sensitive }));

/** The columns of every indicator: the counts by gender as the monitoring system asks them, and their total. */
export const ESF_COUNT_COLUMNS = ['woman', 'man', 'nonBinary', 'notStated', 'total'] as const;
export type EsfCounts = Record<(typeof ESF_COUNT_COLUMNS)[number], number>;

export interface EsfReport {
  project: string;
  period: Period;
  rows: { indicator: EsfIndicator; counts: EsfCounts }[];
  /** Persons who entered in the period (EECO01). */
  entrants: number;
  /** Persons who left the project in the period. */
  leavers: number;
  /** Leavers with no answer on their situation within four weeks for this exit. */
  exitsWithoutAnswer: number;
  /** Entrants with none of the entry items (gender, age group, labour-market status, education) answered. */
  entrantsWithoutEntryData: number;
}

export interface EsfData {
  groups: Group[];
  participants: (Participant & { scope?: string })[];
}

type EsfRecord = EsfData['participants'][number];

/** One person in one project: their records there and what the rules make of them. */
interface ProjectPerson {
  key: string;
  entryDate: string;
  entry: Entry;
  /** The record they left the project from, and the day. */
  exitRecord?: EsfRecord;
  exitDate?: string;
  dueDate?: string;
}

/** The distinct project codes of the groups, sorted. */
export function projectsOf(groups: Group[]): string[] {
  return [...new Set(groups.flatMap((g) => (g.projectCode?.trim() ? [g.projectCode.trim()] : [])))].sort();
}

const isoDay = (d: Date) => format(d, 'yyyy-MM-dd');
/** The day six months after a day (31 August + 6 months is the end of February). */
export const sixMonthsAfter = (date: string) => isoDay(addMonths(parseISO(date), 6));

const ENTRY_ITEMS = ['gender', 'ageGroup', 'labourMarketStatus', 'educationLevel', 'ageBand'] as const;
const entryOf = (r: EsfRecord) => r.esf?.entryDate ?? r.startDate;

const projectOf = (groups: Group[], groupKey: string) => groups.find((g) => keyOf(g.id) === groupKey)?.projectCode?.trim() || undefined;

/**
 * Whether the person left an ESF+ project with this record, so their situation after leaving is
 * asked and counted: it ended, not by a move, or by a move from a project's group to a group
 * outside that project (another project's, one in none, or one not on this device). A move
 * between groups of the same project, or from a group in no project, is no exit.
 */
export function isEsfExit(record: Pick<Participant, 'status' | 'endDate' | 'groupKey' | 'movedTo'>, groups: Group[]): boolean {
  if (record.status !== 'ended' || !record.endDate) return false;
  if (!record.movedTo) return true;
  const project = projectOf(groups, record.groupKey);
  return !!project && projectOf(groups, record.movedTo) !== project;
}

function personOf(key: string, records: EsfRecord[], groups: Group[]): ProjectPerson {
  const byEntry = [...records].sort((a, b) => entryOf(a).localeCompare(entryOf(b)));
  const entryDates = records.flatMap((r) => (r.esf?.entryDate ? [r.esf.entryDate] : []));
  const entryDate = entryDates.length ? entryDates.sort()[0]! : records.map((r) => r.startDate).sort()[0]!;
  const entry: Entry = {};
  for (const item of ENTRY_ITEMS) {
    const from = byEntry.find((r) => r.esf?.[item] !== undefined);
    if (from) Object.assign(entry, { [item]: from.esf![item] });
  }
  const sensitive: Record<string, string> = {};
  for (const item of SENSITIVE_ITEMS) {
    const value = byEntry.find((r) => r.esf?.sensitive?.[item] !== undefined)?.esf?.sensitive?.[item];
    if (value) sensitive[item] = value;
  }
  if (Object.keys(sensitive).length) entry.sensitive = { consentRecordedAt: byEntry.find((r) => r.esf?.sensitive)!.esf!.sensitive!.consentRecordedAt, ...sensitive };

  const person: ProjectPerson = { key, entryDate, entry };
  if (records.some((r) => r.status !== 'ended')) return person;
  const latest = [...records].sort((a, b) => a.startDate.localeCompare(b.startDate) || (a.endDate ?? '').localeCompare(b.endDate ?? '')).at(-1)!;
  if (!latest.endDate || !isEsfExit(latest, groups)) return person;
  return { ...person, exitRecord: latest, exitDate: latest.endDate, dueDate: sixMonthsAfter(latest.endDate) };
}

/** Every person of a project, each once. */
function peopleOf(data: EsfData, project: string): ProjectPerson[] {
  const projectGroups = new Set(data.groups.filter((g) => g.projectCode?.trim() === project).map((g) => keyOf(g.id)));
  const byPerson = new Map<string, EsfRecord[]>();
  for (const p of data.participants) {
    if (!projectGroups.has(p.groupKey)) continue;
    const key = keyOf(p.id);
    const records = byPerson.get(key);
    if (records) records.push(p);
    else byPerson.set(key, [p]);
  }
  return [...byPerson].map(([key, records]) => personOf(key, records, data.groups));
}

/** The six-month answer on a record that answers its exit on `exitDate`, not one left there from an earlier exit: recorded (in Finland) on or after that day. */
export const followUpFor = ({ esfFollowUp }: Pick<Participant, 'esfFollowUp'>, exitDate: string) =>
  esfFollowUp && localDate(new Date(esfFollowUp.recordedAt)) >= exitDate ? esfFollowUp : undefined;

/** The four-week answer on a record for its exit on `exitDate`, not one left there from an earlier exit. */
export const exitFor = ({ esfExit }: Pick<Participant, 'esfExit'>, exitDate: string) => (esfExit?.date === exitDate ? esfExit : undefined);

/** The four-week answer for this exit (not one left from an earlier exit). */
const exitAnswer = (p: ProjectPerson) => (p.exitRecord && p.exitDate ? exitFor(p.exitRecord, p.exitDate) : undefined);
/** The six-month answer for this exit: recorded on or after it. */
const followUpAnswer = (p: ProjectPerson) => (p.exitRecord && p.exitDate ? followUpFor(p.exitRecord, p.exitDate) : undefined);

const genderOf = (p: ProjectPerson): Exclude<keyof EsfCounts, 'total'> => {
  const g = p.entry.gender;
  return g === 'woman' || g === 'man' || g === 'nonBinary' ? g : 'notStated';
};

/** Each indicator with its count split by gender, for one project and period. */
export function esfReport(data: EsfData, project: string, period: Period): EsfReport {
  const people = peopleOf(data, project);
  const entrants = people.filter((p) => inPeriod(p.entryDate, period));
  const leavers = people.filter((p) => inPeriod(p.exitDate, period));
  const followed = people.filter((p) => inPeriod(p.dueDate, period));
  const rows = TABLE.map(({ counts: countsPerson, ...indicator }) => {
    const base = indicator.kind === 'output' ? entrants : indicator.kind === 'result' ? leavers : followed;
    const counts: EsfCounts = { woman: 0, man: 0, nonBinary: 0, notStated: 0, total: 0 };
    for (const p of base) {
      if (!countsPerson({ entry: p.entry, exit: exitAnswer(p), followUp: followUpAnswer(p) })) continue;
      counts[genderOf(p)]++;
      counts.total++;
    }
    return { indicator, counts };
  });
  return {
    project,
    period,
    rows,
    entrants: entrants.length,
    leavers: leavers.length,
    exitsWithoutAnswer: leavers.filter((p) => !exitAnswer(p)).length,
    entrantsWithoutEntryData: entrants.filter((p) => ENTRY_ITEMS.every((item) => item === 'ageBand' || p.entry[item] === undefined)).length,
  };
}

export interface FollowUpDue {
  participantId: string;
  groupKey: string;
  displayName: string;
  exitDate: string;
  dueDate: string;
  overdue: boolean;
  /** The scope of the record the person left from, when the data named it (a link to the person). */
  scope?: string;
}

/**
 * The six-month follow-ups to make: people who left an ESF+ project, whose six-month date is
 * past or within `withinDays` of today and who have no follow-up answer for that exit, soonest first.
 */
export function followUpsDue(data: EsfData, today: string, withinDays = 30): FollowUpDue[] {
  const horizon = isoDay(addDays(parseISO(today), withinDays));
  const seen = new Set<string>();
  const due: FollowUpDue[] = [];
  for (const project of projectsOf(data.groups)) {
    for (const p of peopleOf(data, project)) {
      const record = p.exitRecord;
      if (!record || !p.exitDate || !p.dueDate || p.dueDate > horizon || followUpAnswer(p)) continue;
      if (seen.has(`${record.id}|${p.exitDate}`)) continue;
      seen.add(`${record.id}|${p.exitDate}`);
      due.push({
        participantId: record.id,
        groupKey: record.groupKey,
        displayName: record.displayName,
        exitDate: p.exitDate,
        dueDate: p.dueDate,
        overdue: p.dueDate < today,
        ...(record.scope ? { scope: record.scope } : {}),
      });
    }
  }
  return due.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.displayName.localeCompare(b.displayName));
}

const ENTRY_COLUMNS = ['gender', 'ageGroup', 'labourMarketStatus', 'educationLevel'] as const;

/**
 * The person-level rows behind the report, for the CSV export to the funder's system: a
 * header row, then one row per person who entered, left or was due a follow-up in the
 * period, by a pseudonymous key (the participant key, no name), values as their codes.
 * The special-category columns only when `options.sensitive` (the coordinator asked for them).
 */
export function esfPersonRows(data: EsfData, project: string, period: Period, options: { sensitive: boolean }): string[][] {
  const sensitiveColumns = options.sensitive ? SENSITIVE_ITEMS : [];
  const header = ['person', 'entryDate', ...ENTRY_COLUMNS, ...sensitiveColumns, 'exitDate', ...EXIT_SITUATIONS.map((s) => `exit.${s}`), 'followUpDue', 'followUp.employed', 'followUp.improved'];
  const people = peopleOf(data, project)
    .filter((p) => inPeriod(p.entryDate, period) || inPeriod(p.exitDate, period) || inPeriod(p.dueDate, period))
    .sort((a, b) => a.entryDate.localeCompare(b.entryDate) || a.key.localeCompare(b.key));
  const rows = people.map((p) => {
    const exit = exitAnswer(p);
    const followUp = followUpAnswer(p);
    return [
      p.key,
      p.entryDate,
      ...ENTRY_COLUMNS.map((item) => p.entry[item] ?? ''),
      ...sensitiveColumns.map((item) => p.entry.sensitive?.[item] ?? ''),
      p.exitDate ?? '',
      ...EXIT_SITUATIONS.map((s) => (exit ? (exit.situations.includes(s) ? 'yes' : 'no') : '')),
      p.dueDate ?? '',
      followUp?.employed ?? '',
      followUp?.improved ?? '',
    ];
  });
  return [header, ...rows];
}
