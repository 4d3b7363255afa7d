// For unit tests of screens: the real data layer (RxDB, store, sync scheduler) on RxDB's
// memory storage, kept offline so no request leaves the test, inside the real providers.
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { DataContext } from './app/useData.ts';
import { openData, type DataApi } from './data/api.ts';
import { openDatabase, type PolkuDatabase } from './data/database.ts';
import type { SchedulerEnv } from './data/sync/scheduler.ts';
import { groupId, groupScope, localDate, participantId, participantScope, ROLE, shiftDate, type Checked } from './domain/index.ts';
import { I18nProvider } from './i18n/useT.tsx';

export const GROUP_KEY = 'testgroup';

/** The date `days` from today in Finland: tests never type a literal future (or recent) date. */
export const dayFromToday = (days: number) => shiftDate(localDate(new Date()), days);
export const SCOPE = groupScope(GROUP_KEY);

export const offlineEnv: SchedulerEnv = {
  isOnline: () => false,
  isVisible: () => true,
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
};

let counter = 0;

export const MY_KEY = 'mine0001';
export const MY_SCOPE = participantScope(MY_KEY);

/** The data layer as the app gets it, and its database for the test to look inside. */
export type TestData = DataApi & { db: PolkuDatabase };

export async function openTestData(name = 'ohjaaja1', roles: string[] = [ROLE.instructor, ROLE.group(GROUP_KEY)]): Promise<TestData> {
  const user = { name, roles };
  const db = await openDatabase(`unit${++counter}${Date.now().toString(36)}`, getRxStorageMemory());
  return Object.assign(await openData(user, { database: db, env: offlineEnv }), { db });
}

/** A group with settings and `count` participants, written through the store as the app would. */
export async function seedGroup(api: DataApi, count: number, settings = { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 }) {
  const group = await api.store.create('group', {
    id: groupId(GROUP_KEY),
    scope: SCOPE,
    name: 'Testiryhmä',
    settings,
    villages: [{ name: 'Kylmälä', pickupPoints: [] }],
    instructors: [api.user.name],
    coordinators: [],
  });
  if (!group.ok) throw new Error(JSON.stringify(group.problems));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = participantId();
    const r = await api.store.create('participant', {
      id, scope: SCOPE, groupKey: GROUP_KEY, displayName: `Osallistuja ${i + 1}`, homeVillage: 'Kylmälä', language: 'fi', status: 'active', startDate: '2026-09-01',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    ids.push(id);
  }
  return ids;
}

export function renderWithData(api: DataApi, ui: ComponentChildren, lang = 'fi') {
  return render(
    <I18nProvider lang={lang}>
      <DataContext.Provider value={api}>{ui}</DataContext.Provider>
    </I18nProvider>,
  );
}

/** A participant's phone: their own database holding what the relay would have put there. */
export async function openParticipantData(sessions: { id: string; date: string; startTime?: string; endTime?: string; status?: 'planned' | 'held' | 'cancelled'; theme?: string }[]) {
  const api = await openTestData('aino', [ROLE.participant, ROLE.self(MY_KEY)]);
  // Written through the store as the user "aino" only because a test needs the documents there.
  await api.store.create('group', {
    id: groupId(GROUP_KEY), scope: MY_SCOPE, name: 'Testiryhmä', settings: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 },
    villages: [{ name: 'Kylmälä', pickupPoints: ['Kauppa', 'Koulu'] }, { name: 'Hietala', pickupPoints: [] }], instructors: [], coordinators: [],
  });
  for (const s of sessions) {
    const r = await api.store.create('session', {
      id: s.id, scope: MY_SCOPE, groupKey: GROUP_KEY, date: s.date, startTime: s.startTime ?? '10:00', endTime: s.endTime ?? '13:00', village: 'Kylmälä',
      address: 'Kylätalo', ...(s.theme ? { theme: s.theme } : {}), instructors: [], capacity: 8, costCents: 0, status: s.status ?? 'planned',
      ...(s.status === 'cancelled' ? { cancelReason: 'Myrsky' } : {}),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
  }
  return api;
}

/** A write a test's setup relies on: its value, or the test stops with the problems. */
export async function ok<T>(write: Promise<Checked<T>>): Promise<T> {
  const result = await write;
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}
