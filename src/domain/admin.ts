import { z } from 'zod';
import { isoDateTime, keyPattern, scopeName, text } from './common.ts';
import { LANGUAGES } from './doc-types/participant.ts';

/**
 * The coordinator's operations on accounts and groups: one set of rules for the app's
 * forms (checked before sending), the server's admin API and the admin CLI (checked again
 * there), and the shape of each answer (checked by the app when it arrives).
 */
export const userNameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'v.userName');
export const passwordSchema = z.string().min(8, 'v.passwordTooShort').max(200, 'v.tooLong');
const groupKey = z.string().regex(keyPattern, 'v.id');

/** What a new account or a password reset hands out: the person sets their own password with it. */
export const oneTimeCodeSchema = z.object({
  name: z.string(),
  /** Digits in three groups, easy to print and to read aloud: 4821-0937-5512. */
  code: z.string(),
  expiresAt: isoDateTime,
});
export type OneTimeCode = z.infer<typeof oneTimeCodeSchema>;

/**
 * Why a coordinator cuts an account off: a device lost (the person gets back in with a new
 * one-time code on another device) or the person's access to the group ended.
 */
export const CUT_OFF_REASONS = ['deviceLost', 'accessEnded'] as const;
export type CutOffReason = (typeof CUT_OFF_REASONS)[number];

/** A code only when the account is new; an existing user just gets the roles. */
const maybeCode = z.object({ code: oneTimeCodeSchema.optional() });
const nothing = z.object({});

/**
 * One line of the access log as a coordinator reads it (server/access-log.ts keeps them):
 * who (as the server knew them; null when no one was signed in), when, read or changed,
 * which database and kind of request, and the records about the participant it carried.
 * `incomplete`: a read whose answer was not all seen by the log (it may have had any).
 */
export const accessLogEntrySchema = z.object({
  at: isoDateTime,
  user: z.string().nullable(),
  action: z.enum(['read', 'write']),
  db: scopeName,
  kind: z.string(),
  docs: z.array(z.object({ id: z.string(), type: z.string().optional() })),
  incomplete: z.boolean().optional(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

const OPERATIONS = {
  createGroup: {
    input: z.object({ name: text(120), municipality: text(80).optional(), key: groupKey.optional() }),
    result: z.object({ key: groupKey, scope: scopeName }),
  },
  addInstructor: { input: z.object({ groupKey, name: userNameSchema }), result: maybeCode },
  addCoordinator: { input: z.object({ groupKey, name: userNameSchema }), result: maybeCode },
  removeStaff: { input: z.object({ groupKey, name: userNameSchema }), result: nothing },
  enrol: {
    input: z.object({
      groupKey,
      username: userNameSchema,
      displayName: text(80),
      homeVillage: text(80),
      language: z.enum(LANGUAGES, 'v.choose').optional(),
    }),
    result: z.object({ participantKey: groupKey, code: oneTimeCodeSchema.optional() }),
  },
  move: { input: z.object({ participantKey: groupKey, toGroup: groupKey }), result: nothing },
  end: { input: z.object({ participantKey: groupKey }), result: nothing },
  /**
   * The controller erases a participant: every document about them leaves the server and, at
   * their next sync, every device. `groupKey`: the group whose roster shows them, needed only
   * for someone who never had an account (a walk-in); otherwise their own group decides.
   */
  erase: { input: z.object({ participantKey: groupKey, groupKey: groupKey.optional() }), result: z.object({ removed: z.int().min(0) }) },
  resetPassword: { input: z.object({ groupKey, name: userNameSchema }), result: z.object({ code: oneTimeCodeSchema }) },
  /**
   * Every session of the account ends and every device signed in before now wipes the
   * person's data at its next contact. `self`: cutting off one's own account is said aloud.
   * `participantKey`: the participant the coordinator chose by their record (whose
   * `username` instructors write): the account must be that participant's.
   */
  cutOff: {
    input: z.object({
      groupKey,
      name: userNameSchema,
      reason: z.enum(CUT_OFF_REASONS, 'v.choose'),
      self: z.literal(true).optional(),
      participantKey: groupKey.optional(),
    }),
    result: z.object({ at: isoDateTime }),
  },
  /** Who has seen or changed the participant's data, newest first; `truncated` when there were more than it lists. */
  accessLog: { input: z.object({ participantKey: groupKey }), result: z.object({ entries: z.array(accessLogEntrySchema), truncated: z.boolean() }) },
};

type Operations = typeof OPERATIONS;
export type AdminOperation = keyof Operations;
/** What a caller sends (before trimming and defaults). */
export type AdminInput<O extends AdminOperation> = z.input<Operations[O]['input']>;
/** The input once checked: what the server's handlers receive. */
export type AdminParsed<O extends AdminOperation> = z.output<Operations[O]['input']>;
/** What a handler returns and the API sends (besides `ok: true`). */
export type AdminReply<O extends AdminOperation> = z.input<Operations[O]['result']>;
/** The answer as the app reads it, once checked. */
export type AdminResult<O extends AdminOperation> = z.output<Operations[O]['result']>;

export interface AdminSpec<O extends AdminOperation> {
  input: z.ZodType<AdminParsed<O>, AdminInput<O>>;
  result: z.ZodType<AdminResult<O>, AdminReply<O>>;
}

/**
 * Every operation's input and result schemas. Typed as a mapped type so that code generic
 * in the operation (`ADMIN_OPERATIONS[op].input.parse(…)`) gets that operation's types.
 */
export const ADMIN_OPERATIONS: { readonly [O in AdminOperation]: AdminSpec<O> } = OPERATIONS;
export const isAdminOperation = (op: string): op is AdminOperation => Object.hasOwn(OPERATIONS, op);

export const claimSchema = z.object({ name: userNameSchema, code: z.string().trim().min(1, 'v.required').max(40, 'v.tooLong'), password: passwordSchema });
