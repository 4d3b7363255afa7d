import { describe, expect, it } from 'vitest';
import { DOC_TYPE_SPECS } from './registry.ts';
import { routeToParticipants, travelsToGroup } from './routing.ts';

const aino = 'participant:aino0001';

describe('where a group document goes among its participants', () => {
  it('sends the schedule and the group to everyone, deletions included', () => {
    expect(routeToParticipants('session:s0000001', { village: 'Kylmälä' }, false)).toEqual({ to: 'everyone' });
    expect(routeToParticipants('group:pitstop01', undefined, true)).toEqual({ to: 'everyone' });
  });

  it('shows the group its wishes and their support, and a person their coaching meetings, never the notes or ratings on them', () => {
    expect(routeToParticipants('wish:w0000001', { participantId: aino, text: 'Pilkkimään' }, false)).toEqual({ to: 'everyone' });
    expect(routeToParticipants('wishsupport:w0000001:aino0001', { participantId: aino }, false)).toEqual({ to: 'everyone' });
    expect(routeToParticipants('coaching:c0000001', { participantId: aino }, false)).toEqual({ to: 'person', participantKey: 'aino0001', withdraw: false });
    for (const id of ['note:n0000002', 'observation:o0000001', 'guidance:g0000001', 'placement:p0000001', 'partner:k0000001']) {
      expect(routeToParticipants(id, { participantId: aino, coachingId: 'coaching:c0000001' }, false), id).toEqual({ to: 'nobody' });
    }
    expect(routeToParticipants('errand:s0000001:aino0001', { participantId: aino }, false)).toEqual({ to: 'nobody' });
  });

  it('keeps staff-only types with the staff', () => {
    expect(routeToParticipants('note:n0000001', { participantId: aino }, false)).toEqual({ to: 'nobody' });
    expect(routeToParticipants('participant:aino0001', {}, false)).toEqual({ to: 'nobody' });
    expect(routeToParticipants('organisation', {}, false)).toEqual({ to: 'nobody' });
    expect(routeToParticipants('virus:x', { participantId: aino }, false)).toEqual({ to: 'nobody' });
  });

  it('sends a person their own records, and a deletion by the person its id names', () => {
    expect(routeToParticipants('attendance:s0000001:aino0001', { participantId: aino }, false)).toEqual({ to: 'person', participantKey: 'aino0001', withdraw: false });
    expect(routeToParticipants('ride:s0000001:aino0001', undefined, true)).toEqual({ to: 'person', participantKey: 'aino0001', withdraw: false });
  });

  it('sends plan steps and goals only while visible, and withdraws a deleted one everywhere', () => {
    expect(routeToParticipants('planstep:p0000001', { participantId: aino, visibleToParticipant: true }, false)).toEqual({ to: 'person', participantKey: 'aino0001', withdraw: false });
    expect(routeToParticipants('goal:g0000001', { participantId: aino, visibleToParticipant: false }, false)).toEqual({ to: 'person', participantKey: 'aino0001', withdraw: true });
    expect(routeToParticipants('goal:g0000001', undefined, true)).toEqual({ to: 'withdrawEverywhere' });
  });

  it('carries back to the group exactly the types participants write', () => {
    const written = DOC_TYPE_SPECS.filter((s) => travelsToGroup(`${s.name}:x`)).map((s) => s.name);
    expect(written.sort()).toEqual(['checkin', 'ride', 'rsvp', 'wish', 'wishsupport']);
    expect(travelsToGroup('_design/polku')).toBe(false);
  });
});
