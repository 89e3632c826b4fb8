import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Every request is answered within REQUEST_TIMEOUT_MS, whatever the database does: here a transaction holds the
 * user's row (and, on the embedded database, its only connection) far longer than the deadline, and the query
 * timeout is longer still, so only the deadline can answer.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ REQUEST_TIMEOUT_MS: '300', DB_QUERY_TIMEOUT_MS: '60000' });
});
afterAll(async () => {
  await t?.close();
});

describe('the request deadline', () => {
  it("answers 503 with Retry-After in the caller's format when the database does not answer in time", async () => {
    // Set up without HTTP: on a busy machine even a normal request may take longer than this test's deadline.
    const user = await t.container.transaction((s) =>
      s.users.create(
        t.tenant.tenantId,
        { userName: 'deadline@example.com', active: true, profile: {} },
        'scim',
        {
          type: 'cli',
        },
      ),
    );
    const created = { body: { id: user.id } };
    const knex = t.container.database.knex;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const blocker = knex.transaction(async (trx: Knex.Transaction) => {
      await trx('users').where({ id: created.body.id }).forUpdate().first('id');
      holding();
      await released;
    });
    await held;
    try {
      const scim = await t.scim.patchOps(`/Users/${created.body.id}`, {
        op: 'replace',
        path: 'title',
        value: 'Late',
      });
      expect(scim.status).toBe(503);
      expect(scim.headers['retry-after']).toBe('5');
      expect(scim.body).toMatchObject({
        status: '503',
        detail: expect.stringContaining('No answer within 300 ms'),
      });
      const api = await t.admin.post(`/users/${created.body.id}/suspend`);
      expect(api.status).toBe(503);
      expect(api.body).toMatchObject({ code: 'service.unavailable' });
    } finally {
      release();
      await blocker;
    }
    // The abandoned handlers finish on their own and leave the database usable.
    expect((await t.container.services.users.get(t.tenant.tenantId, user.id)).userName).toBe(
      'deadline@example.com',
    );
  });
});
