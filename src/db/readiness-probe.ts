import pg from 'pg';
import type { Config } from '../config.js';
import { migrations } from '../../migrations/index.js';
import type { Database } from './database.js';
import { migrationsAreCurrent } from './migrate.js';

export type Readiness = 'ready' | 'migrations_pending' | 'unreachable';

/**
 * What /readyz asks the database. On a server it opens a connection of its own for each check instead of taking
 * one from the request pool: after an outage the pool may still hold dead connections and queued requests, and
 * readiness would follow it tens of seconds behind the database. The check is bounded by DB_QUERY_TIMEOUT_MS.
 * The embedded database lives in this process and has a single session, so it is asked through knex.
 */
export function readinessProbe(config: Config, database: Database): () => Promise<Readiness> {
  if (database.mode === 'embedded' || !config.DATABASE_URL) {
    return async () => {
      try {
        return (await migrationsAreCurrent(database.knex)) ? 'ready' : 'migrations_pending';
      } catch {
        return 'unreachable';
      }
    };
  }
  const connectionString = config.DATABASE_URL;
  const timeout = Math.min(config.DB_QUERY_TIMEOUT_MS, 5_000);
  const known = migrations.map(([name]) => name);
  return async () => {
    const client = new pg.Client({
      connectionString,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
    });
    // A connection error after connect (the server going away) must not become an unhandled 'error' event.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const applied = await client.query<{ name: string }>('SELECT name FROM knex_migrations');
      const names = new Set(applied.rows.map((row) => row.name));
      return known.every((name) => names.has(name)) ? 'ready' : 'migrations_pending';
    } catch (error) {
      // No knex_migrations table yet: a database nobody has migrated.
      return (error as { code?: string }).code === '42P01' ? 'migrations_pending' : 'unreachable';
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}
