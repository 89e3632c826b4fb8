import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SecretBox } from '../../src/features/directory/secret-box.js';

describe('secret key', () => {
  it('refuses to store a secret without SECRET_KEY, with a message that says what to do', () => {
    expect(() => new SecretBox(null).encrypt('x')).toThrow(/SECRET_KEY is not set/);
  });

  it('round-trips with a fresh IV each time and rejects a value encrypted under another key', () => {
    const box = new SecretBox(Buffer.alloc(32, 1));
    const a = box.encrypt('s3cret');
    expect(box.decrypt(a)).toBe('s3cret');
    expect(a.equals(box.encrypt('s3cret'))).toBe(false);
    expect(() => new SecretBox(Buffer.alloc(32, 2)).decrypt(a)).toThrow(/cannot be decrypted/);
  });

  it('accepts 32 bytes as base64 or hex and rejects anything else at start-up', () => {
    expect(loadConfig({ SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }).SECRET_KEY).toBeDefined();
    expect(loadConfig({ SECRET_KEY: Buffer.alloc(32, 7).toString('hex') }).SECRET_KEY).toBeDefined();
    expect(() => loadConfig({ SECRET_KEY: 'too-short' })).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/SECRET_KEY/);
  });
});
