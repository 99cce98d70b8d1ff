import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { okSchema, wholeListOf } from './common.js';
import { access } from './access.js';
import { endpoint } from './endpoint.js';

/** AWS's shape: 20 characters, here `TKIA` and 16 base32 letters and digits. */
export const ACCESS_KEY_ID_PATTERN = /^TKIA[A-Z2-7]{16}$/;

export const ACCESS_KEY_LIMITS = {
  nameMax: LIMITS.tokenNameMax,
  /** Keys one account may hold at once (AWS allows two per user; scripts here often want more). */
  perUserMax: 10,
} as const;

export const createAccessKeyBodySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(ACCESS_KEY_LIMITS.nameMax, `must be at most ${ACCESS_KEY_LIMITS.nameMax} characters`),
});
export type CreateAccessKeyBody = z.infer<typeof createAccessKeyBodySchema>;

export const accessKeySchema = z.object({
  accessKeyId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** Updated at most once a minute. */
  lastUsedAt: z.string().nullable(),
});
export type AccessKey = z.infer<typeof accessKeySchema>;

/** The answer to a create: the only time the secret is shown. */
export const createdAccessKeySchema = accessKeySchema.extend({ secretAccessKey: z.string() });
export type CreatedAccessKey = z.infer<typeof createdAccessKeySchema>;

export const accessKeyParamsSchema = z.strictObject({
  accessKeyId: z.string().regex(ACCESS_KEY_ID_PATTERN, 'must be an access key id (TKIA…)'),
});

// A requester's keys sign MTurk-compatible calls with every requester scope.
const keys = access('access keys', 'projects:write', ['requester']);

export const accessKeyEndpoints = {
  create: endpoint({
    ...keys,
    method: 'POST',
    path: '/me/access-keys',
    summary:
      'Create an access key for the MTurk-compatible API (the secret is shown once; browser session only)',
    body: createAccessKeyBodySchema,
    response: createdAccessKeySchema,
    status: 201,
  }),
  list: endpoint({
    ...keys,
    method: 'GET',
    path: '/me/access-keys',
    summary: 'My access keys for the MTurk-compatible API, newest first (browser session only)',
    response: wholeListOf(accessKeySchema),
  }),
  delete: endpoint({
    ...keys,
    method: 'DELETE',
    path: '/me/access-keys/:accessKeyId',
    summary:
      'Delete an access key: requests signed with it are refused at once (browser session only)',
    params: accessKeyParamsSchema,
    response: okSchema,
  }),
};
