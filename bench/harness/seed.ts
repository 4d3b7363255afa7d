import { addWeeks, format } from 'date-fns';

/**
 * One group's three years, about 5,000 documents: weekly sessions, twelve participants,
 * attendance, rides, notes, check-ins, path stages and goals — stored as the app stores them.
 */
export function seedDocuments(g: number): Record<string, unknown>[] {
  const key = `bench${String(g).padStart(4, '0')}`;
  const scope = `polku-g-${key}`;
  const at = '2024-01-01T08:00:00.000Z';
  const base = { schemaVersion: 1, scope, createdAt: at, updatedAt: at, createdBy: 'bench', updatedBy: 'bench', syncState: 'synced' };
  const docs: Record<string, unknown>[] = [];
  const add = (doc: Record<string, unknown> & { id: string; type: string }, ref: string) =>
    docs.push({ ...base, ...doc, pk: `${scope}|${doc.id}`, ref, person: typeof doc.participantId === 'string' ? doc.participantId : '' });
  const people = Array.from({ length: 12 }, (_, p) => `participant:${key}p${String(p).padStart(2, '0')}`);
  people.forEach((id, p) => {
    add({ id, type: 'participant', clock: {}, groupKey: key, displayName: `Osallistuja ${p}`, homeVillage: `Kylä ${p % 4}`, language: 'fi', status: 'active', startDate: '2024-01-01' }, key);
    add({ id: `planstep:${key}a${p}`, type: 'planstep', clock: {}, participantId: id, stage: 'workTrial', status: 'completed', startDate: '2024-03-01', endDate: '2025-03-01', visibleToParticipant: true }, id);
    add({ id: `planstep:${key}b${p}`, type: 'planstep', clock: {}, participantId: id, stage: 'paySubsidisedWork', status: 'active', startDate: '2025-03-01', visibleToParticipant: true }, id);
    add({ id: `goal:${key}g${p}`, type: 'goal', clock: {}, participantId: id, title: 'Tavoite', steps: [], status: p % 3 ? 'open' : 'reached', visibleToParticipant: true }, id);
  });
  for (let w = 0; w < 156; w++) {
    const sessionKey = `${key}s${String(w).padStart(3, '0')}`;
    const session = `session:${sessionKey}`;
    const date = format(addWeeks(new Date(2024, 0, 2), w), 'yyyy-MM-dd');
    add({ id: session, type: 'session', clock: {}, groupKey: key, date, startTime: '10:00', endTime: '13:00', village: 'Kylä', instructors: [], capacity: 8, costCents: 33000, status: w % 20 === 7 ? 'cancelled' : 'held' }, date);
    people.forEach((pid, p) => {
      const pk = pid.slice('participant:'.length);
      add({ id: `attendance:${sessionKey}:${pk}`, type: 'attendance', clock: {}, sessionId: session, participantId: pid, status: (w + p) % 5 ? 'present' : 'absent' }, session);
      if (p < 10) add({ id: `note:${sessionKey}n${p}`, type: 'note', participantId: pid, category: 'wellbeing', text: 'Havainto.', sessionId: session }, pid);
      if (p < 6) add({ id: `checkin:${sessionKey}:${pk}`, type: 'checkin', clock: {}, sessionId: session, participantId: pid, mood: 1 + ((w + p) % 5), useful: 1 + (p % 5) }, pid);
      if (p < 3) add({ id: `ride:${sessionKey}:${pk}`, type: 'ride', clock: {}, sessionId: session, participantId: pid, village: `Kylä ${p}`, pickupPoint: 'Kauppa', seats: 1, status: 'confirmed' }, session);
    });
  }
  return docs;
}
