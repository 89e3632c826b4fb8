import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlinePassedError } from '../../src/db/deadline-bound-transaction.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const REQUEST_TIMEOUT_MS = 300;
const QUERY_TIMEOUT_MS = 60_000;

/**
 * Every request is answered within REQUEST_TIMEOUT_MS, whatever the database does, and its work stops there: here a
 * transaction holds the user's row (and, on the embedded database, its only connection) far longer than the
 * deadline, and the query timeout is longer still, so only the deadline can answer or stop anything.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
  });
});
afterAll(async () => {
  await t?.close();
});

/** Set up without HTTP: on a busy machine even a normal request may take longer than this file's deadline. */
async function newUser(userName: string) {
  return t.container.transaction((s) =>
    s.users.create(t.tenant.tenantId, { userName, active: true, profile: {} }, 'scim', { type: 'cli' }),
  );
}

/** A transaction that locks the user's row until `release` is called; `pid` is its server backend. */
async function holdRow(userId: string) {
  const knex = t.container.database.knex;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: (pid: number) => void;
  const held = new Promise<number>((resolve) => (holding = resolve));
  const done = knex.transaction(async (trx: Knex.Transaction) => {
    await trx('users').where({ id: userId }).forUpdate().first('id');
    const { rows } = await trx.raw<{ rows: Array<{ pid: number }> }>('SELECT pg_backend_pid() AS pid');
    holding(rows[0]!.pid);
    await released;
  });
  const pid = await held;
  return {
    pid,
    release: async () => {
      release();
      await done;
    },
  };
}

/**
 * Server only: the backends of this database, other than the caller's and `except`, that are not idle — a statement
 * running or waiting, or a transaction open. Polled until none is left, within the query timeout: without the
 * deadline in the database, a statement waiting on the held row stays until the row is released, long after that.
 */
async function waitUntilOnlyIdle(except: number): Promise<void> {
  const knex = t.container.database.knex;
  const giveUpAt = Date.now() + QUERY_TIMEOUT_MS;
  for (;;) {
    const { rows } = await knex.raw<{ rows: Array<{ pid: number; state: string; query: string }> }>(
      `SELECT pid, state, query FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> ? AND state <> 'idle'`,
      [except],
    );
    if (rows.length === 0) return;
    if (Date.now() > giveUpAt) throw new Error(`still busy after the query timeout: ${JSON.stringify(rows)}`);
    await sleep(50);
  }
}

/** Until no connection of the app's pool is in use or awaited: every request of the test has done its database work. */
async function waitUntilPoolIdle(): Promise<void> {
  const pool = (t.container.database.knex.client as { pool: TarnPool }).pool;
  // Twice in a row: a request between two of its queries holds no connection for a moment.
  let idleReadings = 0;
  while (idleReadings < 2) {
    idleReadings = pool.numUsed() + pool.numPendingAcquires() === 0 ? idleReadings + 1 : 0;
    await sleep(50);
  }
}

interface TarnPool {
  numUsed(): number;
  numPendingAcquires(): number;
}

describe('the request deadline', () => {
  it("answers 503 with Retry-After in the caller's format, and the abandoned work stops and writes nothing", async () => {
    const user = await newUser('deadline@example.com');
    const blocker = await holdRow(user.id);
    try {
      const scim = await t.scim.patchOps(`/Users/${user.id}`, {
        op: 'replace',
        path: 'title',
        value: 'Late',
      });
      expect(scim.status).toBe(503);
      expect(scim.headers['retry-after']).toBe('5');
      expect(scim.body).toMatchObject({
        status: '503',
        detail: expect.stringContaining(`No answer within ${REQUEST_TIMEOUT_MS} ms`),
      });
      const api = await t.admin.post(`/users/${user.id}/suspend`);
      expect(api.status).toBe(503);
      expect(api.body).toMatchObject({ code: 'service.unavailable' });
      // On a server both requests were waiting for the held row: their statements are cancelled at the deadline
      // and their transactions rolled back while the row is still held, so they hold nothing either.
      if (t.container.database.mode === 'server') await waitUntilOnlyIdle(blocker.pid);
    } finally {
      await blocker.release();
    }
    // On the embedded database the two requests waited for its one connection, behind the blocker: once they have
    // had it and given it back, the user shows what they did with it — nothing, their deadline had passed.
    await waitUntilPoolIdle();
    const after = await t.container.services.users.get(t.tenant.tenantId, user.id);
    expect(after).toMatchObject({ userName: 'deadline@example.com', active: true, version: user.version });
    expect(after.profile.title).toBeUndefined();
  });
});

describe('a transaction bounded by a deadline', () => {
  it('does nothing when the deadline passed before it got its connection', async () => {
    let ran = false;
    await expect(
      t.container.transaction(
        async () => {
          ran = true;
        },
        { deadline: Date.now() - 1 },
      ),
    ).rejects.toBeInstanceOf(DeadlinePassedError);
    expect(ran).toBe(false);
  });

  it('rolls back work that finishes after the deadline instead of committing it', async () => {
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    await expect(
      t.container.transaction(
        async (s) => {
          await s.users.create(
            t.tenant.tenantId,
            { userName: 'too-late@example.com', active: true, profile: {} },
            'scim',
            { type: 'cli' },
          );
          while (Date.now() <= deadline) await sleep(REQUEST_TIMEOUT_MS / 10);
        },
        { deadline },
      ),
    ).rejects.toBeInstanceOf(DeadlinePassedError);
    const found = await t.container.services.users.findByLoginKeys(t.tenant.tenantId, [
      'too-late@example.com',
      'deadline@example.com',
    ]);
    // The user of the test above is found by the same read; the late one is not.
    expect(found.map((f) => f.key)).toEqual(['deadline@example.com']);
  });
});
