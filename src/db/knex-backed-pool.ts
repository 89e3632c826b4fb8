import type { Knex } from 'knex';
import type { Pool } from 'pg';

interface PgConnection {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * A pg Pool look-alike that borrows knex's connections, for Agenda's Postgres backend on the embedded database.
 *
 * Why: pglite-socket runs every client connection on one PGlite session and queues their protocol messages
 * one by one; it keeps a connection's messages together only inside a transaction. Two connections that both
 * run extended-protocol queries interleave their Parse/Bind/Execute and break each other ("unnamed prepared
 * statement does not exist", hung queries). So on the embedded database the whole process uses ONE
 * connection: knex's pool of one, and Agenda through this adapter. It implements what the backend calls:
 * `query`, `connect` (+ `release`) and `end`.
 */
export function knexBackedPool(knex: Knex): Pool {
  const withConnection = async <T>(work: (connection: PgConnection) => Promise<T>): Promise<T> => {
    const connection = (await knex.client.acquireConnection()) as PgConnection;
    try {
      return await work(connection);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  };
  const pool = {
    query: (text: string, values?: unknown[]) => withConnection((c) => c.query(text, values)),
    connect: async () => {
      const connection = (await knex.client.acquireConnection()) as PgConnection;
      return {
        query: (text: string, values?: unknown[]) => connection.query(text, values),
        release: () => void knex.client.releaseConnection(connection),
      };
    },
    // knex owns the connections; the container closes them.
    end: async () => {},
  };
  // Agenda's backend types its option as pg's Pool; this object covers the part of it the backend uses.
  return pool as unknown as Pool;
}
