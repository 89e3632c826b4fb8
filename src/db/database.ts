import knexFactory, { type Knex } from 'knex';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { DeadlinePgClient } from './deadline-pg-client.js';
import { allowPreparedReads } from './prepared-reads.js';
import {
  findRunningEmbeddedServer,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres.js';

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
  /** With inMemory: a dump (`PGlite.dumpDataDir`) to start from, e.g. an already migrated database. */
  loadDataDir?: Blob;
  /** Where knex's own warnings go (lost connections, failed acquires); without it knex writes them to the console. */
  logger?: Logger;
}

function createKnex(
  connection: Knex.PgConnectionConfig | string,
  poolMax: number,
  queryTimeoutMs: number,
  logger?: Logger,
): Knex {
  const base = typeof connection === 'string' ? { connectionString: connection } : connection;
  return knexFactory({
    client: DeadlinePgClient as unknown as typeof Knex.Client,
    connection: { ...base, query_timeout: queryTimeoutMs, connectionTimeoutMillis: 5_000 },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: queryTimeoutMs,
    // Keep the logs structured: knex would print unstructured lines on stdout.
    ...(logger
      ? {
          log: {
            warn: (message: unknown) => logger.warn({ component: 'knex' }, String(message)),
            error: (message: unknown) => logger.error({ component: 'knex' }, String(message)),
            deprecate: (method: unknown, alternative: unknown) =>
              logger.warn(
                { component: 'knex' },
                `${String(method)} is deprecated; use ${String(alternative)}`,
              ),
            debug: (message: unknown) => logger.debug({ component: 'knex' }, String(message)),
          },
        }
      : {}),
  });
}

/** Opens DATABASE_URL when set, else the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  if (config.DATABASE_URL) {
    const knex = createKnex(
      config.DATABASE_URL,
      config.DB_POOL_MAX,
      config.DB_QUERY_TIMEOUT_MS,
      options.logger,
    );
    allowPreparedReads(knex);
    return { knex, mode: 'server', close: () => knex.destroy() };
  }
  const running = options.reuseRunningEmbedded ? await findRunningEmbeddedServer(config.DATA_DIR) : null;
  let embedded: EmbeddedPostgres | null = null;
  const target =
    running ??
    (embedded = await startEmbeddedPostgres(
      options.inMemory ? 'memory' : config.DATA_DIR,
      options.inMemory ? options.loadDataDir : undefined,
    ));
  // ONE connection: pglite-socket interleaves the protocol messages of concurrent connections outside
  // transactions (see db/knex-backed-pool.ts), so requests and jobs take turns on a single connection.
  const knex = createKnex(
    { host: target.host, port: target.port, user: 'postgres', database: 'postgres' },
    1,
    config.DB_QUERY_TIMEOUT_MS,
    options.logger,
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
