import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Runs hot read queries as named prepared statements, so PostgreSQL plans each query shape once per connection
 * instead of on every request (planning was two thirds of the database time of a SCIM userName lookup; see
 * BENCHMARKS.md). Names are a hash of the SQL text. Only a bounded number of shapes are prepared, because
 * clients choose filter shapes and a prepared statement lives as long as its connection.
 *
 * Only on a real server: pglite-socket multiplexes every connection onto one session, where per-connection
 * statement names would collide. A transaction runs them on its own connection, like its other statements.
 */
// Keyed by the client's config, which a transaction's client shares with the pool's (knex's makeTxClient).
const preparable = new WeakSet<object>();
const MAX_SHAPES = 256;
const shapes = new Set<string>();

interface PgConnection {
  query(config: { name?: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Marks a pool as one whose reads may be prepared (db/database.ts does, for DATABASE_URL). */
export function allowPreparedReads(knex: Knex): void {
  preparable.add(knex.client.config as object);
}

const isPreparable = (db: Knex): boolean => preparable.has(db.client.config as object);

/** SQL with knex's `?` placeholders and its bindings, for hot queries written out rather than built. */
export interface SqlText {
  sql: string;
  bindings: readonly unknown[];
}

const nativeText = new Map<string, string>();
/** Statement name per SQL text: hashing the text on every request showed in the lookup's profile. */
const statementNames = new Map<string, string>();

/** `?` → `$n`, cached per text (the SQL comes from seatsync's code, where `?` is only ever a placeholder). */
function toNative(sql: string): string {
  let text = nativeText.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (nativeText.size < MAX_SHAPES * 4) nativeText.set(sql, text);
  }
  return text;
}

export async function readRows<T>(db: Knex, query: Knex.QueryBuilder | Knex.Raw | SqlText): Promise<T[]> {
  if (isSqlText(query)) {
    if (!isPreparable(db)) return (await db.raw(query.sql, query.bindings as Knex.RawBinding[])).rows as T[];
    return runPrepared<T>(db, toNative(query.sql), query.bindings);
  }
  if (!isPreparable(db)) return (await query) as T[];
  const { sql, bindings } = query.toSQL().toNative();
  return runPrepared<T>(db, sql, bindings);
}

const isSqlText = (query: Knex.QueryBuilder | Knex.Raw | SqlText): query is SqlText => !('toSQL' in query);

async function runPrepared<T>(db: Knex, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `ss_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    if (statementNames.size < MAX_SHAPES * 4) statementNames.set(sql, name);
  }
  const prepared = shapes.has(name) || shapes.size < MAX_SHAPES;
  if (prepared) shapes.add(name);
  const connection = (await db.client.acquireConnection()) as PgConnection;
  try {
    const result = await connection.query({ ...(prepared ? { name } : {}), text: sql, values: bindings });
    return result.rows as T[];
  } finally {
    await db.client.releaseConnection(connection);
  }
}
