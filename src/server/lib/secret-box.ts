import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the server must read back (an access key's secret: SigV4 needs it to recompute a
 * signature) sealed with AES-256-GCM under a server key. A ring holds the current key, which
 * seals, and previous keys, which only open, so an operator can rotate without losing a secret.
 */
export type SecretBox = {
  /** The id of the key that seals new secrets (stored beside each sealed value). */
  currentKeyId: string;
  seal(plaintext: string): { ciphertext: string; keyId: string };
  /** The plaintext, or undefined when no key of the ring opens it (or it was tampered with). */
  open(ciphertext: string): string | undefined;
  /** Whether the ring has the key a value was sealed with. */
  hasKey(keyId: string): boolean;
};

type RingKey = { id: string; key: Buffer };

const IV_BYTES = 12;

/** The AES key of a configured secret: HKDF, so any long random string serves as a key. */
function ringKey(secret: string): RingKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'tessera', 'tessera/access-key-secrets', 32));
  // An id that names the key without revealing it: a digest of the derived key.
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

export function createSecretBox(current: string, previous: readonly string[] = []): SecretBox {
  const sealing = ringKey(current);
  const ring = new Map([sealing, ...previous.map(ringKey)].map((k) => [k.id, k.key]));
  return {
    currentKeyId: sealing.id,
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
      // The key id is authenticated too: a value cannot be passed off as sealed by another key.
      cipher.setAAD(Buffer.from(sealing.id));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return { ciphertext: ['v1', sealing.id, ...parts].join('.'), keyId: sealing.id };
    },
    open(ciphertext) {
      const [version, keyId, iv, tag, body] = ciphertext.split('.');
      const key = keyId === undefined ? undefined : ring.get(keyId);
      if (version !== 'v1' || !key || iv === undefined || tag === undefined || body === undefined) {
        return undefined;
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(keyId!));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } catch {
        return undefined;
      }
    },
    hasKey: (keyId) => ring.has(keyId),
  };
}
