import type { Knex } from 'knex';
import type { Database } from './database.js';
import { deadlineConfig } from './deadline-pg-client.js';

/** PostgreSQL's query_canceled, which a statement cut by statement_timeout also raises. */
const QUERY_CANCELED = '57014';

/** The work of a transaction was stopped because its request's deadline passed. */
export class DeadlinePassedError extends Error {
  readonly code = QUERY_CANCELED;
  constructor() {
    super('The request deadline passed before its transaction finished; it was rolled back');
    this.name = 'DeadlinePassedError';
  }
}

/**
 * Runs a request's transaction so that nothing of it outlives the request's deadline (epoch ms), after which the
 * client has had its 503: a request that got a connection only after the deadline does no work; on a server every
 * statement is cut by PostgreSQL at the deadline (SET LOCAL statement_timeout, sent with BEGIN), so one waiting on a
 * row lock gives up and the rollback releases what the transaction held; and work that finishes late rolls back
 * instead of committing, so a 503 means nothing was written (short of the instant between this check and COMMIT).
 * The embedded database has a single connection, so its transactions never wait on one another's locks; there the
 * deadline is checked at both ends only.
 */
export async function deadlineBoundTransaction<T>(
  database: Database,
  deadline: number,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return database.knex.transaction(
    async (trx) => {
      if (Date.now() >= deadline) throw new DeadlinePassedError();
      const result = await work(trx);
      if (Date.now() >= deadline) throw new DeadlinePassedError();
      return result;
    },
    // On a server the transaction opens with the statement timeout (db/deadline-pg-client.ts).
    database.mode === 'server' ? deadlineConfig(deadline) : {},
  );
}
