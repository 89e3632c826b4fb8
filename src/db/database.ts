import knexFactory, { type Knex } from 'knex';
import type { Config } from '../config.js';
import { findRunningEmbeddedServer, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export interface Database {
  knex: Knex;
  mode: 'server' | 'embedded';
  close(): Promise<void>;
}

interface OpenOptions {
  /** For CLI runs: use the socket of an embedded server already running on DATA_DIR instead of opening it. */
  reuseRunningEmbedded?: boolean;
  /** Test runs: an in-memory embedded database. */
  inMemory?: boolean;
}

function createKnex(connection: Knex.PgConnectionConfig | string, poolMax: number, queryTimeoutMs: number): Knex {
  const base = typeof connection === 'string' ? { connectionString: connection } : connection;
  return knexFactory({
    client: 'pg',
    connection: { ...base, query_timeout: queryTimeoutMs, connectionTimeoutMillis: 5_000 },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: queryTimeoutMs,
  });
}

/** Opens DATABASE_URL when set, else the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  if (config.DATABASE_URL) {
    const knex = createKnex(config.DATABASE_URL, config.DB_POOL_MAX, config.DB_QUERY_TIMEOUT_MS);
    return { knex, mode: 'server', close: () => knex.destroy() };
  }
  const running = options.reuseRunningEmbedded ? await findRunningEmbeddedServer(config.DATA_DIR) : null;
  let embedded: EmbeddedPostgres | null = null;
  const target =
    running ?? (embedded = await startEmbeddedPostgres(options.inMemory ? 'memory' : config.DATA_DIR));
  // One shared session behind the socket: a small pool, since extra connections only queue.
  const knex = createKnex(
    { host: target.host, port: target.port, user: 'postgres', database: 'postgres' },
    Math.min(config.DB_POOL_MAX, 4),
    config.DB_QUERY_TIMEOUT_MS,
  );
  return {
    knex,
    mode: 'embedded',
    async close() {
      await knex.destroy();
      await embedded?.stop();
    },
  };
}
