import { expect } from 'vitest';
import type { Response } from 'supertest';
import type { ScimClient } from './test-app.js';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const SEATSYNC = 'urn:ietf:params:scim:schemas:extension:seatsync:2.0:User';

/** Asserts a SCIM error response (RFC 7644 §3.12): status, the Error schema, `status` as a string, scimType. */
export function expectScimError(res: Response, status: number, scimType?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}) },
  });
  expect(typeof res.body.detail).toBe('string');
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
}

/** `?filter=` with the filter URL-encoded. */
export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;

/** Creates a user and returns its id; fails the test when the server does not answer 201. */
export async function createUser(scim: ScimClient, body: Record<string, unknown>): Promise<string> {
  const res = await scim.post('/Users', body);
  if (res.status !== 201)
    throw new Error(
      `POST /Users ${String(body.userName)} answered ${res.status}: ${JSON.stringify(res.body)}`,
    );
  return res.body.id as string;
}
