/** Random lowercase base36 key (16 chars ≈ 82 bits), valid in CouchDB database names. */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return out;
}

export const keyOf = (id: string): string => id.slice(id.lastIndexOf(':') + 1);

export const groupScope = (groupKey: string) => `polku-g-${groupKey}`;
export const participantScope = (participantKey: string) => `polku-p-${participantKey}`;

export const groupId = (groupKey: string) => `group:${groupKey}`;
export const sessionId = (k = newKey()) => `session:${k}`;
export const participantId = (k = newKey()) => `participant:${k}`;
export const noteId = (k = newKey()) => `note:${k}`;
export const goalId = (k = newKey()) => `goal:${k}`;

/** Deterministic: two devices marking the same person for the same session write one document. */
export const attendanceId = (session: string, participant: string) =>
  `attendance:${keyOf(session)}:${keyOf(participant)}`;
export const rideId = (session: string, participant: string) => `ride:${keyOf(session)}:${keyOf(participant)}`;
export const rsvpId = (session: string, participant: string) => `rsvp:${keyOf(session)}:${keyOf(participant)}`;
export const checkinId = (session: string, participant: string) => `checkin:${keyOf(session)}:${keyOf(participant)}`;
export const planStepId = (k = newKey()) => `planstep:${k}`;
