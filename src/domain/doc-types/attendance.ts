import { z } from 'zod';
import { mutableFields } from '../common.ts';
import { defineDocType, docHead, idNamesSessionAndPerson, sessionPersonFields, sessionPersonIdOf, STAFF } from './define.ts';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

const spec = { name: 'attendance', id: 'perRefPerson' } as const;
export const attendanceId = sessionPersonIdOf(spec.name);

/** One document per (session, participant), with a deterministic id. */
export const attendanceSchema = z
  .looseObject({
    ...docHead(spec),
    ...mutableFields,
    ...sessionPersonFields,
    status: z.enum(ATTENDANCE_STATUSES, 'v.choose'),
  })
  .refine(...idNamesSessionAndPerson(spec.name));
export type Attendance = z.infer<typeof attendanceSchema>;

export const attendanceType = defineDocType({
  ...spec,
  schema: attendanceSchema,
  writers: STAFF,
  reach: 'own',
  summarised: true,
  ref: 'sessionId',
  labels: { status: ['attendance'] },
});
