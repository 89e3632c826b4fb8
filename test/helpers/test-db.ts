import { createHash, randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';

/**
 * A fresh, migrated database for one test file.
 * - Default: an in-memory embedded PostgreSQL (PGlite), so `npm test` needs no server.
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
    const database = await openDatabase(config, { inMemory: true });
    await migrateToLatest(database.knex);
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

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_SECOND: '0',
    PUBLIC_URL: 'http://seatsync.test',
    // The fake Graph and token service listen on localhost.
    ENTRA_EXTRA_HOSTS: '127.0.0.1,localhost',
    ...overrides,
  });
}

async function ensureTemplate(admin: Knex, serverUrl: string): Promise<string> {
  const fingerprint = createHash('sha256')
    .update(migrations.map(([name]) => name).join(','))
    .digest('hex')
    .slice(0, 12);
  const template = `seatsync_template_${fingerprint}`;
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
