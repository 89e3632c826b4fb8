import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, newUser, type TestApp } from '../helpers/test-app.js';

describe('SCIM smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('creates, finds case-insensitively and deletes a user', async () => {
    const created = await t.scim.post('/Users', newUser('Ada@Example.com'));
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('W/"1"');
    const found = await t.scim.get('/Users?filter=' + encodeURIComponent('userName eq "ada@example.COM"'));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(created.body.id);
    expect((await t.scim.delete(`/Users/${created.body.id}`)).status).toBe(204);
    expect((await t.scim.get(`/Users/${created.body.id}`)).status).toBe(404);
  });
});
