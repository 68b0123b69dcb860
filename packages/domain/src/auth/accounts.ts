import { z } from 'zod';
import { displayName, pageQuery, searchText, version } from '../common/schemas.ts';
import { ROLES } from '../organization/roles.ts';

/**
 * User accounts as administrators manage them (SPEC persona 系统管理员): create, edit role and data scope, link to a
 * person, disable and re-enable, reset the password (a temporary one, shown once, that must be changed at the next
 * login), and lift login throttling ("unlock").
 */
export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * Why a password must be changed before anything else: `temporary` (set by an administrator, shown once) or `demo`
 * (the published demo password; enforced only outside demo mode).
 */
export const PASSWORD_CHANGE_REASONS = ['temporary', 'demo'] as const;
export type PasswordChangeReason = (typeof PASSWORD_CHANGE_REASONS)[number];

/** Lower-case letters, digits and `._-`, 3–32 characters, starting with a letter or digit. */
export const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'username_characters');

export const userAccount = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  scopeTownId: z.string().nullable(),
  scopeTownName: z.string().nullable(),
  scopeTeamId: z.uuid().nullable(),
  scopeTeamName: z.string().nullable(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  mustChangePassword: z.enum(PASSWORD_CHANGE_REASONS).nullable(),
  /** Failed logins within the throttling window, from any address; "unlock" clears them. */
  recentFailures: z.number().int(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version,
});
export type UserAccount = z.infer<typeof userAccount>;

export const userListQuery = pageQuery.extend({
  q: searchText.optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  townId: z.string().max(20).optional(),
});

const scopeFields = {
  /** Null: the whole county. */
  scopeTownId: z.string().max(20).nullable(),
  scopeTeamId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
};

export const userCreate = z.strictObject({
  username,
  displayName,
  role: z.enum(ROLES),
  scopeTownId: scopeFields.scopeTownId.default(null),
  scopeTeamId: scopeFields.scopeTeamId.default(null),
  personId: scopeFields.personId.default(null),
});
export type UserCreate = z.infer<typeof userCreate>;

/** Role, scope, name and person; omitted fields stay as they are (no defaults), with the version read. */
export const userPatch = z
  .strictObject({ displayName, role: z.enum(ROLES), ...scopeFields })
  .partial()
  .extend({ version });
export type UserPatch = z.infer<typeof userPatch>;

/** Disable, re-enable and password reset carry the version the administrator saw. */
export const userAction = z.strictObject({ version });

/** A new account or a reset password: the temporary password is shown this once and stored only as a hash. */
export const userWithPassword = z.object({ user: userAccount, temporaryPassword: z.string() });
