import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { DomainError, notFound, type DomainErrorCode } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { ConnectionLease } from './connection-lease.js';
import { ConnectionStore, type ConnectionRecord } from './connection-store.js';
import type { SyncTrigger } from './sync-run-store.js';

/** The run records of one kind of connection run (syncs, reconciliations), on a connection or transaction. */
export interface RunRecords {
  /** Marks the connection's runs still recorded as running as failed: their process died (the caller holds the lease). */
  abandon(connectionId: string): Promise<void>;
  insert(runId: string, connection: ConnectionRecord, trigger: SyncTrigger): Promise<void>;
  isRunning(runId: string): Promise<boolean>;
}

/**
 * How a run of a connection starts, the same for its sync and its contact reconciliation: it takes the connection's
 * lease of its kind (one run of a kind per connection, across processes), gives up on the runs a dead process left
 * marked running, and records itself, all in one transaction. A run requested through the admin API is recorded by
 * the request and executed by a job, which takes the lease over again (`resume`).
 */
export class ConnectionRuns {
  constructor(
    readonly lease: ConnectionLease,
    private readonly records: (db: Knex) => RunRecords,
    /** The problem code of a request while a run of this kind holds the connection. */
    private readonly busyCode: DomainErrorCode,
    private readonly busyMessage: string,
  ) {}

  /**
   * Starts a run in the caller's transaction. Null when another run holds the connection; throws not_found when there
   * is no such connection.
   */
  async begin(
    db: Knex,
    connectionId: string,
    trigger: SyncTrigger,
  ): Promise<{ runId: string; connection: ConnectionRecord } | null> {
    const runId = randomUUID();
    const taken = await this.lease.take(db, connectionId, runId);
    const connection = taken ? await new ConnectionStore(db).findById(connectionId) : null;
    if (!connection) {
      if (!isUuid(connectionId) || !(await new ConnectionStore(db).findById(connectionId)))
        throw notFound('Directory connection', connectionId);
      return null;
    }
    const records = this.records(db);
    await records.abandon(connectionId);
    await records.insert(runId, connection, trigger);
    return { runId, connection };
  }

  /**
   * Records a run of a tenant's connection for a job to execute (the admin API's "now"), in the request's
   * transaction. Throws the kind's busy problem while another run holds the connection.
   */
  async request(db: Knex, tenantId: string, connectionId: string, trigger: SyncTrigger): Promise<string> {
    if (!isUuid(connectionId) || !(await new ConnectionStore(db).find(tenantId, connectionId)))
      throw notFound('Directory connection', connectionId);
    const started = await this.begin(db, connectionId, trigger);
    if (!started) throw new DomainError(this.busyCode, this.busyMessage);
    return started.runId;
  }

  /**
   * Gives up on a run `request` recorded when no job could be queued for it: the run is recorded as failed (as a run
   * whose process died) and the connection is free again at once, not when the lease runs out.
   */
  async giveUp(db: Knex, connectionId: string, runId: string): Promise<void> {
    if (!(await this.lease.reclaim(db, connectionId, runId))) return;
    await this.records(db).abandon(connectionId);
    await this.lease.release(db, connectionId, runId);
  }

  /**
   * Takes the lease over for a run `request` recorded; null when that run is over (another run gave up on it after
   * its lease ran out) or another run holds the connection now.
   */
  async resume(db: Knex, connectionId: string, runId: string): Promise<ConnectionRecord | null> {
    if (!(await this.lease.reclaim(db, connectionId, runId))) return null;
    if (!(await this.records(db).isRunning(runId))) {
      await this.lease.release(db, connectionId, runId);
      return null;
    }
    return new ConnectionStore(db).findById(connectionId);
  }
}
