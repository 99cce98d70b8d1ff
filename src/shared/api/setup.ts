import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema, userEnvelopeSchema } from './accounts.js';
import { endpoint } from './endpoint.js';

/** Creating the first administrator with the one-time link a server prints while none exists. */
export const setupAdminBodySchema = z.object({
  token: z.string().min(1).max(200),
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
});
export type SetupAdminBody = z.infer<typeof setupAdminBodySchema>;

export const setupEndpoints = {
  createFirstAdmin: endpoint({
    tag: 'setup',
    // Public, but only the holder of a live one-time link gets anywhere (and only once).
    auth: 'public',
    method: 'POST',
    path: '/setup/admin',
    summary: 'Create the first administrator with the setup link the server printed',
    body: setupAdminBodySchema,
    response: userEnvelopeSchema,
    status: 201,
  }),
};
