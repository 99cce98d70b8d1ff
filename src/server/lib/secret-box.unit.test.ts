import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.js';

const CURRENT = 'a-long-random-operator-secret-0123456789';
const OLD = 'the-previous-operator-secret-9876543210xx';

describe('createSecretBox', () => {
  it('opens what it sealed, and the ciphertext does not contain the secret', () => {
    const box = createSecretBox(CURRENT);
    const { ciphertext, keyId } = box.seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(ciphertext).not.toContain('wJalrXUtnFEMI');
    expect(keyId).toBe(box.currentKeyId);
    expect(box.open(ciphertext)).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    const box = createSecretBox(CURRENT);
    expect(box.seal('same').ciphertext).not.toBe(box.seal('same').ciphertext);
  });

  it('opens values sealed with a previous key once that key is listed, and seals with the new one', () => {
    const sealedBefore = createSecretBox(OLD).seal('secret').ciphertext;
    const rotated = createSecretBox(CURRENT, [OLD]);
    expect(rotated.open(sealedBefore)).toBe('secret');
    expect(rotated.seal('secret').keyId).not.toBe(createSecretBox(OLD).currentKeyId);
    expect(createSecretBox(CURRENT).open(sealedBefore)).toBeUndefined();
  });

  it('refuses a tampered value, a value whose key id was swapped, and garbage', () => {
    const box = createSecretBox(CURRENT, [OLD]);
    const { ciphertext } = box.seal('secret');
    const parts = ciphertext.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), body.toString('base64url')].join('.');
    expect(box.open(tampered)).toBeUndefined();
    const oldId = createSecretBox(OLD).currentKeyId;
    expect(box.open([parts[0], oldId, ...parts.slice(2)].join('.'))).toBeUndefined();
    expect(box.open('not.a.sealed.value')).toBeUndefined();
    expect(box.open('')).toBeUndefined();
  });
});
