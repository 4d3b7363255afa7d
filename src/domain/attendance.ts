import { z } from 'zod';
import { mutableFields, prefixedId } from './common.ts';
import { attendanceId } from './ids.ts';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One document per (session, participant), with a deterministic id. */
export const attendanceSchema = z
  .looseObject({
    id: prefixedId('attendance', 2),
    type: z.literal('attendance'),
    ...mutableFields,
    sessionId: prefixedId('session'),
    participantId: prefixedId('participant'),
    status: z.enum(ATTENDANCE_STATUSES, 'v.choose'),
  })
  .refine((a) => a.id === attendanceId(a.sessionId, a.participantId), { path: ['id'], error: 'v.id' });
export type Attendance = z.infer<typeof attendanceSchema>;
