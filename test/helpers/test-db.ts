import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import knexFactory, { type Knex } from 'knex';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { PGLITE_OPTIONS } from '../../src/db/embedded-postgres.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { TEST_TIMEOUT_MS } from './test-timeouts.js';

/**
 * A fresh, migrated database for one test file.
 * - Default: an in-memory embedded PostgreSQL (PGlite) loaded from a migrated dump (pgliteTemplate), so `npm test`
 *   needs no server.
 * - With TEST_DATABASE_URL (a server where the user may create databases): a database of its own, cloned
 *   from a migrated template that the first test file creates (named after the migrations, so a new
 *   migration makes a new template). Dropped again by close().
 */
export async function createTestDatabase(
  overrides: Record<string, string> = {},
): Promise<{ database: Database; config: Config }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const config = testConfig(overrides);
    const database = await openDatabase(config, { inMemory: true, loadDataDir: await pgliteTemplate() });
    return { database, config };
  }
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    const template = await ensureTemplate(admin, serverUrl);
    const name = `seatsync_test_${randomBytes(6).toString('hex')}`;
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = withDatabase(serverUrl, name);
    const config = testConfig({ ...overrides, DATABASE_URL: url });
    const database = await openDatabase(config);
    return {
      config,
      database: {
        ...database,
        async close() {
          await database.close();
          const dropper = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
          await dropper.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await dropper.destroy();
        },
      },
    };
  } finally {
    await admin.destroy();
  }
}

/**
 * The migrated embedded database as a dump, built once per set of migrations and kept in the OS temp directory, so
 * every test file (in every vitest worker) loads it instead of migrating: on a busy 2-core machine a fresh PGlite plus
 * the migrations took 21 s, loading the dump 2.7 s. Written under a temporary name and renamed, so a worker never
 * reads another's half-written file; two workers building it at once both produce the same content.
 */
async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(tmpdir(), `seatsync-pglite-template-${migrationsFingerprint()}.tar.gz`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not built yet.
  }
  const db = await PGlite.create('memory://', PGLITE_OPTIONS);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const port = Number(server.getServerConn().split(':')[1]);
  const knex = knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    await migrateToLatest(knex);
  } finally {
    await knex.destroy();
    await server.stop();
  }
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  return dump;
}

function migrationsFingerprint(): string {
  return createHash('sha256')
    .update(migrations.map(([name]) => name).join(','))
    .digest('hex')
    .slice(0, 12);
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_SECOND: '0',
    PUBLIC_URL: 'http://seatsync.test',
    // The database and request timeouts (a pool connection, a statement, a request's answer; REQUEST_TIMEOUT_MS
    // follows this) are production guards against a stuck database. A test's requests wait for one another — 50
    // concurrent ones queue for the embedded database's one connection, or for one seat row — for as long as the
    // machine's load makes them, so here they give up only with the test itself. Tests about timeouts set their own.
    DB_QUERY_TIMEOUT_MS: String(TEST_TIMEOUT_MS),
    // The fake Graph and token service listen on localhost.
    ENTRA_EXTRA_HOSTS: '127.0.0.1,localhost',
    ...overrides,
  });
}

async function ensureTemplate(admin: Knex, serverUrl: string): Promise<string> {
  const template = `seatsync_template_${migrationsFingerprint()}`;
  // One test file builds the template; the others wait on the lock and then find it.
  await admin.raw('SELECT pg_advisory_lock(727274)');
  try {
    const exists = await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [template]);
    if (exists.rows.length === 0) {
      await admin.raw(`CREATE DATABASE ${template}`);
      const db = knexFactory({
        client: 'pg',
        connection: withDatabase(serverUrl, template),
        pool: { min: 0, max: 1 },
      });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
    }
  } finally {
    await admin.raw('SELECT pg_advisory_unlock(727274)');
  }
  return template;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
