import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../tooling/doc-examples.ts';
import { DOC_TYPES, type AnyDoc } from './doc-types/index.ts';
import { subjectAccess } from './subject-access.ts';

const AINO = 'participant:aino0001';
const OTHER = 'participant:eero0002';
const at = (day: string) => `${day}T08:00:00.000Z`;
const of = (type: Parameters<typeof exampleOf>[0], fields: Record<string, unknown> = {}, given: Parameters<typeof exampleOf>[1] = {}) =>
  ({ ...exampleOf(type, { participant: AINO, ...given }), ...fields }) as AnyDoc;

describe("a participant's own data", () => {
  it('has a document of every type that names the person, whatever the type (a new type included by itself)', () => {
    const all = DOC_TYPES.map((type) => of(type));
    const report = subjectAccess(AINO, all)!;
    const about = all.filter((d) => (d as Record<string, unknown>).participantId === AINO);
    expect(about.length).toBeGreaterThan(10);
    const listed = report.sections.flatMap((s) => s.entries.map((e) => e.doc));
    expect(listed.map((d) => d.id).sort()).toEqual(about.map((d) => d.id).sort());
    expect(report.person.id).toBe(AINO);
    // Nothing about the group itself (its sessions, partners) is listed as the person's.
    expect(report.sections.map((s) => s.type)).not.toContain('session');
    expect(report.sections.map((s) => s.type)).not.toContain('partner');
  });

  it("leaves out another person's records, sorts each type by date and says who recorded what and when", () => {
    const sessions = [
      of('session', { id: 'session:sess0001', date: '2026-11-10' }),
      of('session', { id: 'session:sess0002', date: '2026-10-06' }),
    ];
    const docs = [
      of('participant'),
      of('participant', { id: OTHER, displayName: 'Eero' }),
      ...sessions,
      of('attendance', {}, { session: 'session:sess0001' }),
      of('attendance', {}, { session: 'session:sess0002' }),
      of('attendance', {}, { session: 'session:sess0001', participant: OTHER }),
      of('note', { id: 'note:late0001', text: 'Myöhempi', createdAt: at('2026-11-20'), createdBy: 'ohjaaja2' }),
      of('note', { id: 'note:earl0001', text: 'Aiempi', createdAt: at('2026-10-01') }),
      of('note', { id: 'note:corr0001', text: 'Korjaus', supersedes: 'note:earl0001', createdAt: at('2026-10-02') }),
      of('partner', { id: 'partner:kyla0001', name: 'Kylmälän kyläyhdistys' }),
      of('placement', { partnerId: 'partner:kyla0001' }),
    ];
    const report = subjectAccess(AINO, docs)!;
    const section = (type: string) => report.sections.find((s) => s.type === type)!.entries;

    const attendance = section('attendance');
    expect(attendance.map((e) => e.date)).toEqual(['2026-10-06', '2026-11-10']);
    expect(attendance.every((e) => (e.doc as { participantId: string }).participantId === AINO)).toBe(true);
    expect(attendance[0]!.refs.sessionId!.id).toBe('session:sess0002');

    const notes = section('note');
    expect(notes.map((e) => (e.doc as { text: string }).text)).toEqual(['Aiempi', 'Korjaus', 'Myöhempi']);
    expect(notes[1]!.refs.supersedes!.id).toBe('note:earl0001');
    expect(notes[0]!.correctedBy!.id).toBe('note:corr0001');
    expect(notes[2]!.correctedBy).toBeUndefined();
    expect(notes[2]!.doc.createdBy).toBe('ohjaaja2');
    expect(notes[2]!.doc.createdAt).toBe(at('2026-11-20'));

    const [placement] = section('placement');
    expect((placement!.refs.partnerId as { name: string }).name).toBe('Kylmälän kyläyhdistys');
    expect(placement!.date).toBe('2026-12-07');

    expect(section('goal')).toEqual([]);
  });

  it('has nothing for a person not in the group', () => {
    expect(subjectAccess('participant:nobody01', [of('participant')])).toBeUndefined();
  });
});
