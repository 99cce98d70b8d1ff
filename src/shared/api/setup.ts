import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema } from './accounts.js';

/** Creating the first administrator with the one-time link a server prints while none exists. */
export const setupAdminBodySchema = z.object({
  token: z.string().min(1).max(200),
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
});
export type SetupAdminBody = z.infer<typeof setupAdminBodySchema>;
