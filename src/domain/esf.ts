import { addDays, addMonths, format, parseISO, subDays } from 'date-fns';
import type { Group } from './doc-types/group.ts';
import { EXIT_SITUATIONS, SENSITIVE_ITEMS, type EsfEntry, type EsfExit, type EsfFollowUp, type EsfSensitive, type Participant } from './doc-types/participant.ts';
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
 *   earliest `startDate`; a record moved in from a group outside the project (another project's,
 *   none, or one not on the device) entered this project on its `startDate`, whatever entry date
 *   the move copied. Output indicators count persons whose entry date falls in the period.
 *   The "latest" record is the latest by `startDate`, then `endDate` (an ongoing one last). The
 *   entry items are taken as a whole from the latest record with an `esf` (a cleared item stays
 *   cleared); the sensitive items only from the latest record (`esfSensitive`): consent withdrawn
 *   there withdraws them from every count. 'preferNot' and a missing item count in no category;
 *   EECO01 is, as Annex I defines it, the sum of the labour-market statuses, so it counts only
 *   entrants with one (the others are `entrantsWithoutStatus`). A gender missing or 'preferNot'
 *   is `notStated`. The legacy `ageBand` counts in no age indicator; the legacy status
 *   `student` counts as inactive (EECO04).
 * - Exit from the project: none of the person's records in the project is active or paused, and
 *   the latest one (by start) is ended without `movedTo` a group of the same project (isEsfExit); the exit
 *   date is its `endDate`. Result indicators EECR01–04 count persons whose exit date is in the
 *   period, from the exit answer (`esfExit`) on that record, only when its date equals that endDate (an
 *   answer for an earlier exit of a person who left and came back does not count). A leaver
 *   without such an answer counts in `exitsWithoutAnswer`.
 * - Result indicators count only the leavers their definition is about (`base`, below).
 * - Six months after leaving: the due date is the exit date + 6 months (date-fns addMonths).
 *   EECR05/EECR06 count persons whose due date falls in the period and whose follow-up on the
 *   exit record (`esfFollowUp`), recorded no earlier than 30 days before the due date (an older
 *   one is no six-month answer, or answered an earlier exit), says 'yes'.
 * - Groups without a `projectCode` are in no ESF+ project: their people are not counted and
 *   have no follow-up due.
 */

/**
 * Whom a result indicator counts, by the labour-market status at entry: all leavers (none
 * given), only those inactive at entry, only those unemployed or inactive, or only those employed.
 */
export type EsfBase = 'inactive' | 'notEmployed' | 'employed';

export interface EsfIndicator {
  code: string;
  kind: 'output' | 'result' | 'longResult';
  sensitive: boolean;
  base?: EsfBase;
}

/** The entry items of a person (from one or more records). */
type Entry = Omit<EsfEntry, 'recordedAt'>;
type Person = { entry: Entry; sensitive?: EsfSensitive; exit?: EsfExit; followUp?: EsfFollowUp };
type Counted = EsfIndicator & { counts: (p: Person) => boolean };

const lms = (p: Pick<Person, 'entry'>) => p.entry.labourMarketStatus;
const inactive = (p: Pick<Person, 'entry'>) => lms(p) === 'inactive' || lms(p) === 'student';
const unemployed = (p: Pick<Person, 'entry'>) => lms(p) === 'unemployed' || lms(p) === 'longTermUnemployed';
/** A labour-market status at entry (not 'preferNot', not missing): what EECO01 sums. */
const hasStatus = (p: Pick<Person, 'entry'>) => unemployed(p) || inactive(p) || lms(p) === 'employed';
const IN_BASE: Record<EsfBase, (p: Pick<Person, 'entry'>) => boolean> = {
  inactive,
  notEmployed: (p) => unemployed(p) || inactive(p),
  employed: (p) => lms(p) === 'employed',
};
const sensitiveYes = (item: (typeof SENSITIVE_ITEMS)[number]) => (p: Person) => p.sensitive?.[item] === 'yes';
const situation = (s: (typeof EXIT_SITUATIONS)[number]) => (p: Person) => !!p.exit?.situations.includes(s);

/**
 * The ESF+ common indicators in the Commission's toolbox numbering, in report order; each is
 * shown with the catalogue key `esf.indicator.<code>`. Output: at entry; result: within four
 * weeks of leaving; longResult: six months after leaving.
 *
 * The `base` of EECR01, EECR04 and EECR06 follows the Commission's ESF+ indicator toolbox
 * definitions (as in 2014–2020: job searching counts those inactive at entry, employment those
 * not employed at entry, an improved situation those employed at entry); check them against the
 * managing authority's guidance for the programme.
 */
const TABLE: readonly Counted[] = [
  { code: 'EECO01', kind: 'output', sensitive: false, counts: hasStatus }, // participants in total: the sum of the labour-market statuses
  { code: 'EECO02', kind: 'output', sensitive: false, counts: unemployed }, // unemployed, incl. long-term
  { code: 'EECO03', kind: 'output', sensitive: false, counts: (p) => lms(p) === 'longTermUnemployed' }, // long-term unemployed
  { code: 'EECO04', kind: 'output', sensitive: false, counts: inactive }, // inactive (legacy "student" too)
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
  { code: 'EECR01', kind: 'result', sensitive: false, base: 'inactive', counts: situation('jobSearching') }, // engaged in job searching upon leaving
  { code: 'EECR02', kind: 'result', sensitive: false, counts: situation('education') }, // in education or training upon leaving
  { code: 'EECR03', kind: 'result', sensitive: false, counts: situation('qualification') }, // gaining a qualification upon leaving
  { code: 'EECR04', kind: 'result', sensitive: false, base: 'notEmployed', counts: situation('employed') }, // in employment, incl. self-employment, upon leaving
  { code: 'EECR05', kind: 'longResult', sensitive: false, counts: (p) => p.followUp?.employed === 'yes' }, // in employment six months after leaving
  { code: 'EECR06', kind: 'longResult', sensitive: false, base: 'employed', counts: (p) => p.followUp?.improved === 'yes' }, // improved labour-market situation six months after leaving
];

export const ESF_INDICATORS: readonly EsfIndicator[] = TABLE.map(({ code, kind, sensitive, base }) => ({ code, kind, sensitive, ...(base ? { base } : {}) }));

/** The columns of every indicator: the counts by gender as the monitoring system asks them, and their total. */
export const ESF_COUNT_COLUMNS = ['woman', 'man', 'nonBinary', 'notStated', 'total'] as const;
export type EsfCounts = Record<(typeof ESF_COUNT_COLUMNS)[number], number>;

export interface EsfReport {
  project: string;
  period: Period;
  rows: { indicator: EsfIndicator; counts: EsfCounts }[];
  /** Persons who entered in the period (with or without a labour-market status). */
  entrants: number;
  /** Entrants without a labour-market status ('preferNot' or none), not in EECO01. */
  entrantsWithoutStatus: number;
  /** Persons who left the project in the period. */
  leavers: number;
  /** Leavers with no answer on their situation within four weeks for this exit. */
  exitsWithoutAnswer: number;
  /** Persons whose six months after leaving fall in the period (whom the long-term results count). */
  dueInPeriod: number;
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
  sensitive?: EsfSensitive;
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
/** Latest last: by start, then by end, an ongoing record after an ended one. */
const byStart = (a: EsfRecord, b: EsfRecord) => a.startDate.localeCompare(b.startDate) || (a.endDate ?? '\uffff').localeCompare(b.endDate ?? '\uffff');

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

function personOf(key: string, project: string, records: EsfRecord[], groups: Group[]): ProjectPerson {
  // A move copies the entry date; a move in from outside the project is the entry into it.
  const fromOutside = (r: EsfRecord) => !!r.movedFrom && projectOf(groups, r.movedFrom) !== project;
  const entryDates = records.flatMap((r) => (fromOutside(r) ? [r.startDate] : r.esf?.entryDate ? [r.esf.entryDate] : []));
  const entryDate = entryDates.length ? entryDates.sort()[0]! : records.map((r) => r.startDate).sort()[0]!;
  const byLatest = [...records].sort(byStart).reverse();
  const latest = byLatest[0]!;
  const entry: Entry = byLatest.find((r) => r.esf)?.esf ?? {};

  const person: ProjectPerson = { key, entryDate, entry, ...(latest.esfSensitive ? { sensitive: latest.esfSensitive } : {}) };
  if (records.some((r) => r.status !== 'ended')) return person;
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
  return [...byPerson].map(([key, records]) => personOf(key, project, records, data.groups));
}

/** The first day a six-month answer for the exit on `exitDate` can be recorded: 30 days before it is due. */
export const followUpOpensOn = (exitDate: string) => isoDay(subDays(parseISO(sixMonthsAfter(exitDate)), 30));

/**
 * The six-month answer on a record for its exit on `exitDate`: recorded (in Finland) no earlier
 * than 30 days before it is due. An earlier one says nothing of six months on, or answered an earlier exit.
 */
export const followUpFor = ({ esfFollowUp }: Pick<Participant, 'esfFollowUp'>, exitDate: string) =>
  esfFollowUp && localDate(new Date(esfFollowUp.recordedAt)) >= followUpOpensOn(exitDate) ? esfFollowUp : undefined;

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
    const all = indicator.kind === 'output' ? entrants : indicator.kind === 'result' ? leavers : followed;
    const counts: EsfCounts = { woman: 0, man: 0, nonBinary: 0, notStated: 0, total: 0 };
    for (const p of indicator.base ? all.filter(IN_BASE[indicator.base]) : all) {
      if (!countsPerson({ entry: p.entry, sensitive: p.sensitive, exit: exitAnswer(p), followUp: followUpAnswer(p) })) continue;
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
    entrantsWithoutStatus: entrants.filter((p) => !hasStatus(p)).length,
    leavers: leavers.length,
    exitsWithoutAnswer: leavers.filter((p) => !exitAnswer(p)).length,
    dueInPeriod: followed.length,
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
 * The special-category columns only when `options.sensitive` (the coordinator asked for them),
 * and then a last column `specialCategoryData` saying so on every row, so the file says it
 * wherever it is copied.
 */
export function esfPersonRows(data: EsfData, project: string, period: Period, options: { sensitive: boolean }): string[][] {
  const sensitiveColumns = options.sensitive ? SENSITIVE_ITEMS : [];
  const header = ['person', 'entryDate', ...ENTRY_COLUMNS, ...sensitiveColumns, 'exitDate', ...EXIT_SITUATIONS.map((s) => `exit.${s}`), 'followUpDue', 'followUp.employed', 'followUp.improved', ...(options.sensitive ? ['specialCategoryData'] : [])];
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
      ...sensitiveColumns.map((item) => p.sensitive?.[item] ?? ''),
      p.exitDate ?? '',
      ...EXIT_SITUATIONS.map((s) => (exit ? (exit.situations.includes(s) ? 'yes' : 'no') : '')),
      p.dueDate ?? '',
      followUp?.employed ?? '',
      followUp?.improved ?? '',
      ...(options.sensitive ? ['yes'] : []),
    ];
  });
  return [header, ...rows];
}
