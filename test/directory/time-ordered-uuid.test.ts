import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../../src/features/directory/time-ordered-uuid.js';
import { isUuid } from '../../src/lib/uuid.js';

describe('timeOrderedUuid', () => {
  it('makes version 7 UUIDs that increase in creation order, many per millisecond', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => timeOrderedUuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, id] of ids.entries()) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
      if (i > 0) expect(id > (ids[i - 1] ?? '')).toBe(true);
    }
    const ms = Number.parseInt((ids[0] ?? '').replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 60_000);
  });
});
