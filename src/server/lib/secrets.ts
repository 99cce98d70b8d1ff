import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or token, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets are stored only as their SHA-256: a database leak does not leak a usable session. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
