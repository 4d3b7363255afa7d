import { describe, expect, it } from 'vitest';
import { checkDoc } from './registry.ts';

const at = '2026-11-24T08:00:00.000Z';
const participant = {
  id: 'participant:efgh5678', type: 'participant', schemaVersion: 1, scope: 'polku-g-pitstop01', createdAt: at, updatedAt: at,
  createdBy: 'koordinaattori', updatedBy: 'koordinaattori', clock: {}, groupKey: 'pitstop01', displayName: 'Aino',
  homeVillage: 'Kylmälä', language: 'fi', status: 'ended', startDate: '2026-09-01', endDate: '2026-11-24',
};

describe('a move as the participant record tells it', () => {
  it('names the groups moved to and from by their keys', () => {
    expect(checkDoc({ ...participant, movedTo: 'toinen01' }).ok).toBe(true);
    expect(checkDoc({ ...participant, movedFrom: 'toinen01' }).ok).toBe(true);
    expect(checkDoc({ ...participant, movedTo: 'polku-g-toinen01' })).toEqual({ ok: false, problems: [{ path: 'movedTo', key: 'v.id' }] });
  });

  it('has no status of its own: a moved record is ended', () => {
    expect(checkDoc({ ...participant, status: 'moved' })).toMatchObject({ ok: false, problems: [{ path: 'status', key: 'v.choose' }] });
  });
});
