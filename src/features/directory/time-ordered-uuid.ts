import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence within the millisecond, then
 * 62 random bits; increasing within this process. For ids created by the thousand (a first sync's users): their
 * primary key and every index that leads with them fill in order, where random (version 4) ids touch a different
 * index page per row.
 */
export function timeOrderedUuid(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
  } else {
    // Same millisecond (or the clock stepped back): count on, borrowing the next millisecond when the 12 bits run out.
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
