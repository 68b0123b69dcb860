import { z } from 'zod';
import { ROLES } from '../organization/roles.ts';
import { PASSWORD_MAX_LENGTH } from './password-policy.ts';

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * A new password as the request carries it. The password rule (`passwordProblems`) needs the username and the
 * current password, so the use case applies it and names every broken rule (AUTH_PASSWORD_POLICY).
 */
export const newPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const passwordChangeRequest = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword,
});

export const me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeTownId: z.string().nullable(),
  scopeTownName: z.string().nullable(),
  /** The person behind the login and their team (field pages preselect the officer and know their team). */
  personId: z.uuid().nullable(),
  scopeTeamId: z.uuid().nullable(),
  permissions: z.array(z.string()),
  /**
   * The password must be changed before anything else (a temporary password from an administrator, or a demo
   * account outside demo mode): every other API call answers 403 AUTH_PASSWORD_CHANGE_REQUIRED until then.
   */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof me>;
