import { createHmac } from 'node:crypto';
import type { Config } from '../config.js';
import { newSecret } from './secrets.js';
import { createSecretBox, type SecretBox } from './secret-box.js';

const STORED_KEY_NAME = 'access_key_encryption_key';

/**
 * The server keys that seal the secrets the server must read back: MTurk access keys' secrets
 * (SigV4 recomputes signatures with them) and webhooks' signing secrets.
 * ACCESS_KEY_ENCRYPTION_KEY when set (always in production); otherwise, on a laptop or in tests, a
 * key derived from SESSION_SECRET, or else a random key generated once and kept in the database —
 * never a key written in the source. The names say "access key" because those came first; they
 * stay, since another name would derive another key and leave every sealed secret unreadable.
 */
export async function loadServerKeyBox(
  config: Pick<Config, 'accessKeyEncryption' | 'sessionSecret'>,
  secrets: { getOrCreate(name: string, create: () => Promise<unknown>): Promise<unknown> },
): Promise<SecretBox> {
  const { key, previousKeys } = config.accessKeyEncryption;
  if (key) return createSecretBox(key, previousKeys);
  if (config.sessionSecret) {
    const derived = createHmac('sha256', config.sessionSecret)
      .update('tessera/access-key-secrets')
      .digest('base64url');
    return createSecretBox(derived, previousKeys);
  }
  const stored = await secrets.getOrCreate(STORED_KEY_NAME, () => Promise.resolve(newSecret(32)));
  if (typeof stored !== 'string' || stored.length < 32) {
    throw new Error('The stored access key encryption key is malformed');
  }
  return createSecretBox(stored, previousKeys);
}
