import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import supertest, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, type Container } from '../../src/container.js';
import type { Database } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { createTenant, type NewTenant } from '../../src/operator.js';
import { DatabaseProxy } from '../helpers/database-proxy.js';
import { newUser, scimClient, type ScimClient } from '../helpers/test-app.js';
import { createTestDatabase, testConfig } from '../helpers/test-db.js';
import { expectScimError, filterQuery } from '../helpers/scim-expect.js';

/** Host and port the test database listens on (the embedded socket, or the server of TEST_DATABASE_URL). */
function targetOf(
  database: Database,
  databaseUrl: string | undefined,
): { host: string; port: number; user: string; name: string } {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      name: url.pathname.slice(1),
    };
  }
  const connection = database.knex.client.config.connection as {
    host: string;
    port: number;
    user: string;
    database: string;
  };
  return { host: connection.host, port: connection.port, user: connection.user, name: connection.database };
}

const QUERY_TIMEOUT_MS = 500;
const POOL_MAX = 2;
/**
 * Every request is answered by its deadline, REQUEST_TIMEOUT_MS (here the query timeout). The bound is that many
 * times over, so a loaded machine running the deadline's timer late does not fail it: what matters is an answer
 * in bounded time (a hang would run into the test timeout), not a fast one.
 */
const ANSWER_WITHIN_MS = QUERY_TIMEOUT_MS * 16;

describe('SCIM while the database is unreachable', () => {
  let database: Database;
  let proxy: DatabaseProxy;
  let container: Container;
  let tenant: NewTenant;
  let app: Express;
  let scim: ScimClient;
  let userId = '';
  let dataDir = '';

  beforeAll(async () => {
    const opened = await createTestDatabase();
    database = opened.database;
    const target = targetOf(database, opened.config.DATABASE_URL);
    proxy = new DatabaseProxy(target.host, target.port);
    await proxy.start();
    // The app reaches the same database through the proxy, each mode by its own code path: a server through
    // DATABASE_URL; the embedded database as a CLI run reaches a running embedded server, by the socket named in
    // DATA_DIR's embedded-server.json (so it is not mistaken for a server: no prepared statements, whose names
    // would collide in pglite-socket's single session once connections are re-opened).
    const embedded = !opened.config.DATABASE_URL;
    if (embedded) {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'seatsync-outage-'));
      await writeFile(
        path.join(dataDir, 'embedded-server.json'),
        JSON.stringify({ pid: process.pid, host: '127.0.0.1', port: proxy.port }),
      );
    }
    const config = testConfig({
      ...(embedded
        ? { DATA_DIR: dataDir }
        : { DATABASE_URL: `postgres://${target.user}@127.0.0.1:${proxy.port}/${target.name}` }),
      DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      DB_POOL_MAX: String(POOL_MAX),
    });
    container = await createContainer(config, createLogger('silent'), { reuseRunningEmbedded: embedded });
    // Guard: the app really goes through the proxy.
    const connection = container.database.knex.client.config.connection as {
      port?: number;
      connectionString?: string;
    };
    expect(String(connection.port ?? new URL(connection.connectionString ?? 'x:').port)).toBe(
      String(proxy.port),
    );
    app = createApp(container);
    tenant = await createTenant(container, 'outage');
    scim = scimClient(app, tenant.scimToken);
    const created = await scim.post('/Users', newUser('before-outage@x.com'));
    expect(created.status).toBe(201);
    userId = created.body.id as string;
  });
  afterAll(async () => {
    await proxy?.stop();
    await container?.close();
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Every kind of SCIM request, each answered 503 with a SCIM error and Retry-After, in bounded time. */
  const requests: Array<[name: string, send: () => PromiseLike<Response>]> = [
    ['GET /Users/:id', () => scim.get(`/Users/${userId}`)],
    ['GET /Users?filter', () => scim.get(`/Users?${filterQuery('userName eq "before-outage@x.com"')}`)],
    ['POST /Users', () => scim.post('/Users', newUser('during-outage@x.com'))],
    [
      'PATCH /Users/:id',
      () => scim.patchOps(`/Users/${userId}`, { op: 'replace', path: 'active', value: false }),
    ],
    [
      'PUT /Users/:id',
      () => scim.put(`/Users/${userId}`, newUser('before-outage@x.com', { title: 'during outage' })),
    ],
    ['DELETE /Users/:id', () => scim.delete(`/Users/${userId}`)],
    ['GET /Groups', () => scim.get('/Groups')],
    [
      'POST /Groups',
      () => scim.post('/Groups', { displayName: 'During outage', members: [{ value: userId }] }),
    ],
  ];

  const expectUnavailable = async (send: () => PromiseLike<Response>) => {
    const started = Date.now();
    const res = await send();
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expectScimError(res, 503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('answers normally while the database is up', async () => {
    expect((await scim.get(`/Users/${userId}`)).status).toBe(200);
  });

  describe('database down (connections cut, connects refused)', () => {
    beforeAll(() => proxy.down());

    it.each(requests)('%s → 503', async (_name, send) => {
      await expectUnavailable(send);
    });

    it('an unknown token cannot be verified either: 503, not 401 or 404', async () => {
      await expectUnavailable(() =>
        scimClient(app, 'sst_notcachedtokennotcachedtokennotcachedtok').get('/Users'),
      );
    });

    it('/readyz reports unavailable', async () => {
      const res = await supertest(app).get('/readyz');
      expect(res.status).toBe(503);
      expect((await supertest(app).get('/healthz')).status).toBe(200);
    });
  });

  describe('database back', () => {
    beforeAll(() => proxy.up());

    it('/readyz is ready at its first check after the database returns', async () => {
      // It opens a connection of its own: nothing it waits for was left over from the outage.
      const res = await supertest(app).get('/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ready' });
    });

    // On a server /readyz does not queue behind the pool; the embedded database is one connection in this process.
    it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
      '/readyz answers ready while every connection of the pool is taken',
      async () => {
        const knex = container.database.knex;
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let taken = 0;
        let allTaken!: () => void;
        const everyConnectionTaken = new Promise<void>((resolve) => (allTaken = resolve));
        const holders = Array.from({ length: POOL_MAX }, () =>
          knex.transaction(async (trx) => {
            await trx.raw('SELECT 1');
            taken += 1;
            if (taken === POOL_MAX) allTaken();
            await released;
          }),
        );
        await everyConnectionTaken;
        try {
          // Through the pool this would wait for a connection until the acquire timeout and answer 503.
          const res = await supertest(app).get('/readyz');
          expect(res.status).toBe(200);
        } finally {
          release();
          await Promise.all(holders);
        }
      },
    );

    it('answers again, and nothing from the outage was half-written', async () => {
      const got = await scim.get(`/Users/${userId}`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ active: true, meta: { version: 'W/"1"' } });
      expect(got.body.title).toBeUndefined();
      expect(
        (await scim.get(`/Users?${filterQuery('userName eq "during-outage@x.com"')}`)).body.totalResults,
      ).toBe(0);
      expect((await scim.get('/Groups')).body.totalResults).toBe(0);
    });
  });

  describe('database hanging (connections open, no answers)', () => {
    beforeAll(() => proxy.blackhole());

    it.each(requests.slice(0, 4))('%s → 503 within the query timeout', async (_name, send) => {
      await expectUnavailable(send);
    });
  });
});
