import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupId, groupScope, observationId, planStepId, ROLE, sessionId } from '../domain/index.ts';
import { impactReport, joinImpactData } from '../domain/impact.ts';
import { GROUP_KEY, openTestData, SCOPE, seedGroup, type TestData } from '../test-support.tsx';

let api: TestData;
let people: string[];
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.group(GROUP_KEY), ROLE.group('othergroup')]);
  people = await seedGroup(api, 2);
});
afterEach(() => api.close());

describe("the impact report's records on the device", () => {
  it("reads a group's records, and the report counts the chosen groups' together", async () => {
    const OTHER = groupScope('othergroup');
    await api.store.create('group', { id: groupId('othergroup'), scope: OTHER, name: 'Toinen', settings: { sessionMinutes: 180, capacity: 8, instructorsPerSession: 2, sessionCostCents: 33000 }, villages: [], instructors: [], coordinators: [] });
    for (const [scope, date] of [[SCOPE, '2027-01-12'], [OTHER, '2027-01-19']] as const) {
      const id = sessionId();
      await api.store.create('session', { id, scope, groupKey: scope === SCOPE ? GROUP_KEY : 'othergroup', date, startTime: '10:00', endTime: '13:00', village: 'Kylmälä', instructors: [], capacity: 8, costCents: 33000, status: 'held' });
      await api.store.markAttendance(scope, id, people[0]!, 'present');
    }
    await api.store.create('planstep', { id: planStepId(), scope: SCOPE, participantId: people[1]!, stage: 'openLabourMarket', status: 'active', startDate: '2027-01-15', visibleToParticipant: false });
    await api.store.create('observation', { id: observationId(), scope: SCOPE, participantId: people[1]!, date: '2027-01-12', social: 3 });

    const mine = await firstValueFrom(api.store.impactData(SCOPE));
    expect(mine).toMatchObject({ groups: [{ name: 'Testiryhmä' }], sessions: [{ date: '2027-01-12' }], attendance: [{ status: 'present' }], steps: [{ stage: 'openLabourMarket' }], observations: [{ social: 3 }] });
    expect(mine.participants).toHaveLength(2);

    const both = joinImpactData([mine, await firstValueFrom(api.store.impactData(OTHER))]);
    const report = impactReport(both, { from: '2027-01-01', to: '2027-01-31' }, {});
    // The same person at a session of each group: two visits, one participant.
    expect(report.economy).toMatchObject({ costCents: 66000, visits: 2, participants: 1, movesToWorkOrEducation: 1 });
  });
});
