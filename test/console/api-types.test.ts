import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypes } from '../../web/generate-api-types.js';

describe("the console's typed client", () => {
  it('is generated from the current OpenAPI document (npm run generate:api-types)', async () => {
    const committed = readFileSync(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    expect(
      committed === (await apiTypes()),
      'web/src/api/schema.d.ts is stale: npm run generate:api-types',
    ).toBe(true);
  });
});
