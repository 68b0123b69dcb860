import { z } from 'zod';
import { ROLES } from '../organization/roles.ts';

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Password rule: at least 8 characters with letters and digits; long passphrases welcome. */
export const newPassword = z
  .string()
  .min(8, 'password_min_8')
  .max(256)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'password_letters_and_digits');

export const passwordChangeRequest = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword });

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
});
export type Me = z.infer<typeof me>;
