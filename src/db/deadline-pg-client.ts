import { createRequire } from 'node:module';
import type { Knex } from 'knex';

/**
 * knex's PostgreSQL client, but a transaction given a deadline (`deadlineConfig`) opens with
 * `BEGIN; SET LOCAL statement_timeout = <ms left>` in one round trip instead of two. knex has no hook for what a
 * transaction sends first, so its PostgreSQL dialect's own classes are extended here, and only here. Each round
 * trip cost the server as much CPU as the rest of a SCIM create (BENCHMARKS.md, "SCIM hot path").
 */
const require = createRequire(import.meta.url);
type TransactionClass = new (...args: unknown[]) => {
  isolationLevel?: string;
  readOnly?: boolean;
  begin(connection: unknown): Promise<unknown>;
  query(connection: unknown, sql: string): Promise<unknown>;
};
const PgClient = require('knex/lib/dialects/postgres/index.js') as new (config: Knex.Config) => object;
const PgTransaction = require('knex/lib/dialects/postgres/execution/pg-transaction.js') as TransactionClass;

/** The config of `knex.transaction(work, config)` for a transaction bound to `deadline` (epoch ms). */
export function deadlineConfig(deadline: number): Knex.TransactionConfig {
  // knex passes the config it is given on to the transaction (but replaces `userParams` with its own).
  return { deadline } as Knex.TransactionConfig;
}

class DeadlineTransaction extends PgTransaction {
  private readonly deadline: unknown;

  constructor(client: unknown, container: unknown, config?: { deadline?: unknown }, outerTx?: unknown) {
    super(client, container, config, outerTx);
    this.deadline = config?.deadline;
  }

  override begin(connection: unknown): Promise<unknown> {
    const deadline = this.deadline;
    if (typeof deadline !== 'number' || this.isolationLevel || this.readOnly) return super.begin(connection);
    // statement_timeout 0 means none: a deadline already passed still gets one millisecond (the work checks it).
    const remaining = Math.max(1, Math.ceil(deadline - Date.now()));
    return this.query(connection, `BEGIN; SET LOCAL statement_timeout = ${remaining}`);
  }
}

export class DeadlinePgClient extends PgClient {
  transaction(container: unknown, config?: { deadline?: unknown }, outerTx?: unknown) {
    return new DeadlineTransaction(this, container, config, outerTx);
  }
}
