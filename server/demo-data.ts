import {
  attendanceId,
  errandId,
  rideId,
  wishSupportId,
  checkDoc,
  DEFAULT_GROUP_SETTINGS,
  groupScope,
  localDate,
  shiftDate,
  weekday,
  SCHEMA_VERSION,
  type AnyDoc,
  type AttendanceStatus,
} from '../src/domain/index.ts';

export const DEMO_GROUP_KEY = 'pitstop01';
export const DEMO_PASSWORD = 'polku-demo';
export const DEMO_USERS = {
  coordinator: 'koordinaattori',
  instructors: ['ohjaaja1', 'ohjaaja2'],
  /** Participants with an account and a database of their own: user name → participant key. */
  participants: { aino: 'aino0001', eero: 'eero0002' },
} as const;

const PARTICIPANTS: [key: string, name: string, village: string][] = [
  ['aino0001', 'Aino K.', 'Kylmälä'],
  ['eero0002', 'Eero H.', 'Hietala'],
  ['helmi003', 'Helmi S.', 'Hietala'],
  ['jussi004', 'Jussi L.', 'Kivijärvi'],
  ['kaari005', 'Kaarina P.', 'Kylmälä'],
  ['lauri006', 'Lauri M.', 'Saarikylä'],
  ['mirja007', 'Mirja T.', 'Kivijärvi'],
  ['onni0008', 'Onni R.', 'Saarikylä'],
];

/**
 * ESF+ entry data (gender, age group, labour-market status, education), and who consented to
 * the sensitive items (living in a rural area; Jussi also a disability). The funder's report's
 * e2e test counts from this table.
 */
export const DEMO_ESF: Record<string, { gender: string; ageGroup: string; labourMarketStatus: string; educationLevel: string; sensitive?: Record<string, string> }> = {
  aino0001: { gender: 'woman', ageGroup: '18to29', labourMarketStatus: 'longTermUnemployed', educationLevel: 'basic', sensitive: { rural: 'yes' } },
  eero0002: { gender: 'man', ageGroup: '55plus', labourMarketStatus: 'unemployed', educationLevel: 'upperSecondary', sensitive: { rural: 'yes' } },
  helmi003: { gender: 'woman', ageGroup: '55plus', labourMarketStatus: 'inactive', educationLevel: 'basic', sensitive: { rural: 'yes' } },
  jussi004: { gender: 'man', ageGroup: '30to54', labourMarketStatus: 'longTermUnemployed', educationLevel: 'upperSecondary', sensitive: { rural: 'yes', disability: 'yes' } },
  kaari005: { gender: 'woman', ageGroup: '30to54', labourMarketStatus: 'unemployed', educationLevel: 'tertiary', sensitive: { rural: 'yes' } },
  lauri006: { gender: 'man', ageGroup: '18to29', labourMarketStatus: 'inactive', educationLevel: 'upperSecondary' },
  mirja007: { gender: 'nonBinary', ageGroup: '30to54', labourMarketStatus: 'longTermUnemployed', educationLevel: 'basic' },
  onni0008: { gender: 'preferNot', ageGroup: '18to29', labourMarketStatus: 'employed', educationLevel: 'preferNot' },
};
/** The demo group's ESF+ project (its EURA code). */
export const DEMO_PROJECT = 'S30123';

/** How each found the group (Laavu: by themselves or through the network). */
const REFERRALS = ['employmentOffice', 'self', 'socialHealth', 'municipalEmployment', 'villageAssociation', 'kela', 'self', 'employmentOffice'] as const;

/** The model's split of a session's 330 € (instructors, travel, premises, activities), in cents. */
const COST_PARTS = { instructors: 22_000, travel: 4_000, premises: 3_000, activities: 4_000 };

const VILLAGES = [
  { name: 'Kylmälä', pickupPoints: ['Kylmälän kauppa', 'Koulun pysäkki'] },
  { name: 'Hietala', pickupPoints: ['Hietalan seurantalo'] },
  { name: 'Kivijärvi', pickupPoints: ['Kivijärven risteys', 'Rantatie 4'] },
  { name: 'Saarikylä', pickupPoints: ['Saarikylän kylätalo'] },
];

/**
 * The demo organisation: a coordinator, two instructors, one group of 8 from side villages.
 * Its calendar is Finland's (as the app's is), so "this Tuesday" is the same day for the
 * server building it and the tablet showing it, at any hour and in any server zone.
 */
export function demoDocuments(now = new Date()): AnyDoc[] {
  const today = localDate(now);
  const scope = groupScope(DEMO_GROUP_KEY);
  const createdBy = DEMO_USERS.coordinator;
  const at = new Date(now.getTime() - 60 * 86_400_000).toISOString();
  const base = { schemaVersion: SCHEMA_VERSION, scope, createdAt: at, updatedAt: at, createdBy, updatedBy: createdBy };
  const docs: Record<string, unknown>[] = [
    {
      ...base, clock: {}, id: 'organisation', type: 'organisation', name: 'Kylien Polku ry', defaults: DEFAULT_GROUP_SETTINGS,
      // About the municipality's share of the labour-market subsidy a month, for the savings estimate.
      reporting: { smallCountThreshold: 5, unitValues: { subsidyMonthCents: 32_000 } },
    },
    {
      ...base,
      clock: {},
      id: `group:${DEMO_GROUP_KEY}`,
      type: 'group',
      name: 'PopUp Pitstoppi',
      municipality: 'Pudasjärvi',
      projectCode: DEMO_PROJECT,
      settings: { ...DEFAULT_GROUP_SETTINGS, costParts: COST_PARTS },
      villages: VILLAGES,
      startDate: shiftDate(today, -8 * 7),
      endDate: shiftDate(today, 30 * 7),
      targetSize: 8,
      instructors: [...DEMO_USERS.instructors],
      coordinators: [DEMO_USERS.coordinator],
    },
  ];
  PARTICIPANTS.forEach(([key, displayName, homeVillage], i) => {
    docs.push({
      ...base,
      clock: {},
      id: `participant:${key}`,
      type: 'participant',
      groupKey: DEMO_GROUP_KEY,
      displayName,
      homeVillage,
      language: 'fi',
      status: 'active',
      startDate: shiftDate(today, -8 * 7),
      referral: REFERRALS[i],
      ...(({ sensitive, ...entry }) => ({
        esf: { ...entry, entryDate: shiftDate(today, -8 * 7), recordedAt: at },
        ...(sensitive ? { esfSensitive: { consentRecordedAt: at, ...sensitive } } : {}),
      }))(DEMO_ESF[key]!),
      ...Object.fromEntries(Object.entries(DEMO_USERS.participants).filter(([, k]) => k === key).map(([username]) => ['username', username])),
    });
  });
  // Partner organisations: a village association (placements, and one session bought from it) and a workshop.
  const association = 'partner:demoseura';
  docs.push(
    { ...base, clock: {}, id: association, type: 'partner', name: 'Kylmälän kyläyhdistys ry', kind: 'villageAssociation', work: 'Kylätalon kiinteistöhuolto ja kahvio', contact: 'Matti K., 040 123 4567', capacity: 2 },
    { ...base, clock: {}, id: 'partner:demopaja', type: 'partner', name: 'Pudasjärven työpaja', kind: 'workshop', work: 'Puutyöt ja kierrätys', capacity: 4 },
  );
  // Weekly Tuesday sessions 10–13: three held, five planned.
  // Tuesday this week if today is Tuesday, else the next one, three weeks back.
  const firstTuesday = shiftDate(today, ((2 - weekday(today) + 7) % 7) - 3 * 7);
  const statuses: AttendanceStatus[] = ['present', 'present', 'present', 'absent', 'present', 'excused', 'present', 'present'];
  for (let week = 0; week < 8; week++) {
    const date = shiftDate(firstTuesday, week * 7);
    const id = `session:demo${String(week).padStart(4, '0')}`;
    const held = week < 3;
    docs.push({
      ...base,
      clock: {},
      id,
      type: 'session',
      groupKey: DEMO_GROUP_KEY,
      date,
      startTime: '10:00',
      endTime: '13:00',
      village: 'Pudasjärvi',
      address: 'Kirkkotie 5, nuorisotalo',
      theme: ['Kelan asiointi verkossa', 'Ruokaa yhdessä', 'Työnhaku ja CV', 'Retki kylälle'][week % 4],
      instructors: [...DEMO_USERS.instructors],
      capacity: DEFAULT_GROUP_SETTINGS.capacity,
      costCents: DEFAULT_GROUP_SETTINGS.sessionCostCents,
      costParts: COST_PARTS,
      ...(week === 1 ? { producerId: association } : {}),
      status: held ? 'held' : 'planned',
    });
    if (week === 3) {
      // The next session: three ride requests from the side villages, waiting for an answer.
      for (const [key, village, point, seats, needs] of [
        ['eero0002', 'Hietala', 'Hietalan seurantalo', 1, undefined],
        ['jussi004', 'Kivijärvi', 'Kivijärven risteys', 2, 'pyörätuoli'],
        ['onni0008', 'Saarikylä', 'Saarikylän kylätalo', 1, undefined],
      ] as const) {
        docs.push({
          ...base, clock: {}, id: rideId(id, `participant:${key}`), type: 'ride', sessionId: id, participantId: `participant:${key}`,
          village, pickupPoint: point, seats, ...(needs ? { needs } : {}), status: 'requested',
        });
      }
    }
    if (!held) continue;
    PARTICIPANTS.forEach(([key], i) => {
      const participantId = `participant:${key}`;
      docs.push({
        ...base,
        clock: {},
        id: attendanceId(id, participantId),
        type: 'attendance',
        sessionId: id,
        participantId,
        status: statuses[(i + week) % statuses.length],
      });
    });
  }
  // At the last session held: guided errands, and guidance on to other services.
  const lastHeld = `session:demo0002`;
  for (const [key, kinds] of [['aino0001', ['kela', 'employmentServices']], ['jussi004', ['bankOrId']]] as const) {
    const participantId = `participant:${key}`;
    docs.push({ ...base, clock: {}, id: errandId(lastHeld, participantId), type: 'errand', sessionId: lastHeld, participantId, kinds: [...kinds] });
  }
  docs.push(
    { ...base, clock: {}, id: 'guidance:demomirja', type: 'guidance', participantId: 'participant:mirja007', sessionId: lastHeld, date: shiftDate(firstTuesday, 14), service: 'mentalHealthServices', outcome: 'happened', followedUpOn: shiftDate(firstTuesday, 21) },
    { ...base, clock: {}, id: 'guidance:demolauri', type: 'guidance', participantId: 'participant:lauri006', sessionId: lastHeld, date: shiftDate(firstTuesday, 14), service: 'education', outcome: 'pending' },
  );
  // The participants' wishes, with support from their group.
  docs.push(
    { ...base, clock: {}, id: 'wish:demopilkki', type: 'wish', participantId: 'participant:eero0002', text: 'Pilkkiretki Kivijärvelle', status: 'open' },
    { ...base, clock: {}, id: 'wish:demoleipa', type: 'wish', participantId: 'participant:helmi003', text: 'Leivotaan yhdessä kylätalolla', status: 'open' },
  );
  for (const [wish, key] of [['wish:demopilkki', 'jussi004'], ['wish:demopilkki', 'onni0008'], ['wish:demoleipa', 'mirja007']] as const) {
    const participantId = `participant:${key}`;
    docs.push({ ...base, clock: {}, id: wishSupportId(wish, participantId), type: 'wishsupport', wishId: wish, participantId, supported: true });
  }
  // One-to-one coaching: Aino's phone call with the second instructor on Thursday this week or next.
  docs.push({
    ...base, clock: {}, id: 'coaching:demoaino1', type: 'coaching', participantId: 'participant:aino0001', date: shiftDate(today, ((4 - weekday(today) + 7) % 7) || 7),
    startTime: '13:00', endTime: '13:45', mode: 'phone', coach: DEMO_USERS.instructors[1], status: 'planned',
  });
  // Path to work: two people in stages that move during the coming weeks.
  docs.push(
    { ...base, clock: {}, id: 'planstep:demojussi', type: 'planstep', participantId: 'participant:jussi004', stage: 'workTrial', status: 'active', startDate: shiftDate(today, -6 * 7), visibleToParticipant: true },
    { ...base, clock: {}, id: 'planstep:demoaino1', type: 'planstep', participantId: 'participant:aino0001', stage: 'rehabilitativeWorkActivity', status: 'active', startDate: shiftDate(today, -4 * 7), visibleToParticipant: true },
    {
      ...base, clock: {}, id: 'placement:demojussi', type: 'placement', participantId: 'participant:jussi004', partnerId: association, stage: 'workTrial',
      planStepId: 'planstep:demojussi', startDate: shiftDate(today, -6 * 7), hoursPerWeek: 20, supervisor: 'Matti K.',
    },
    { ...base, id: 'observation:demojussi1', type: 'observation', participantId: 'participant:jussi004', date: shiftDate(today, -6 * 7), physical: 3, cognitive: 4, psychological: 2, social: 3 },
    { ...base, id: 'observation:demojussi2', type: 'observation', participantId: 'participant:jussi004', date: shiftDate(today, -7), physical: 4, cognitive: 4, psychological: 3, social: 4 },
    { ...base, clock: {}, id: 'goal:demoaino1', type: 'goal', participantId: 'participant:aino0001', title: 'Ajokortti', steps: [{ id: 's1', text: 'Teoriakoe', done: true }, { id: 's2', text: 'Ajokoe', done: false }], status: 'open', visibleToParticipant: true },
  );
  return docs.map((d) => {
    const checked = checkDoc(d);
    if (!checked.ok) throw new Error(`demo document ${String(d.id)} is invalid: ${JSON.stringify(checked.problems)}`);
    return checked.value;
  });
}
