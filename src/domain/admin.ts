import { z } from 'zod';
import { keyPattern, text } from './common.ts';
import { LANGUAGES } from './doc-types/participant.ts';

/**
 * The coordinator's operations on accounts and groups: one set of rules for the app's
 * forms (checked before sending) and for the server's admin API (checked again there).
 */
export const userNameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'v.userName');
export const passwordSchema = z.string().min(8, 'v.passwordTooShort').max(200, 'v.tooLong');
const groupKey = z.string().regex(keyPattern, 'v.id');

export const ADMIN_OPERATIONS = {
  createGroup: z.object({ name: text(120), municipality: text(80).optional(), key: groupKey.optional() }),
  addInstructor: z.object({ groupKey, name: userNameSchema }),
  addCoordinator: z.object({ groupKey, name: userNameSchema }),
  removeStaff: z.object({ groupKey, name: userNameSchema }),
  enrol: z.object({
    groupKey,
    username: userNameSchema,
    displayName: text(80),
    homeVillage: text(80),
    language: z.enum(LANGUAGES, 'v.choose').optional(),
  }),
  move: z.object({ participantKey: groupKey, toGroup: groupKey }),
  end: z.object({ participantKey: groupKey }),
  resetPassword: z.object({ groupKey, name: userNameSchema }),
} as const;
export type AdminOperation = keyof typeof ADMIN_OPERATIONS;
export type AdminInput<O extends AdminOperation> = z.input<(typeof ADMIN_OPERATIONS)[O]>;

export const claimSchema = z.object({ name: userNameSchema, code: z.string().trim().min(1, 'v.required').max(40, 'v.tooLong'), password: passwordSchema });
