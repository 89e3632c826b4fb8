import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../../domain-error.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts secrets stored at rest (AES-256-GCM: confidentiality and integrity, a fresh 96-bit IV per value).
 * Stored layout: iv | tag | ciphertext. Built without a key it refuses to encrypt or decrypt instead of falling
 * back to a derived or fixed key, so a missing SECRET_KEY is an error an operator sees, not a silent weakness.
 */
export class SecretBox {
  constructor(private readonly key: Buffer | null) {
    if (key !== null && key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  encrypt(plaintext: string): Buffer {
    const key = this.requireKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    const key = this.requireKey();
    if (stored.length < IV_BYTES + TAG_BYTES)
      throw new DomainError('invalid_value', 'Stored secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(0, IV_BYTES));
    decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // A wrong key (SECRET_KEY rotated without re-encrypting) or a tampered value: the tag does not verify.
      throw new DomainError('invalid_value', 'Stored secret cannot be decrypted with the current SECRET_KEY');
    }
  }

  private requireKey(): Buffer {
    if (!this.key) {
      throw new DomainError(
        'invalid_value',
        'SECRET_KEY is not set: seatsync stores secrets (directory client secrets, webhook signing secrets) only encrypted. Set SECRET_KEY to 32 random bytes (openssl rand -base64 32).',
      );
    }
    return this.key;
  }
}
