import type { Knex } from 'knex';
import type { SyncTrigger } from './sync-run-store.js';

export type ReconciliationStatus = 'running' | 'succeeded' | 'failed';

/** Why a directory phone number does not fit the tenant's number pool. */
export type ConflictCode = 'number.not_owned' | 'number.assigned_to_other_user' | 'number.not_international';

export interface ReconciliationCounts {
  /** Users whose directory-owned contact fields were compared. */
  checked: number;
  /** Users whose contact fields were brought back to the directory's. */
  fixed: number;
  conflicts: number;
}

export interface ReconciliationRun extends ReconciliationCounts {
  id: string;
  tenantId: string;
  connectionId: string;
  trigger: SyncTrigger;
  status: ReconciliationStatus;
  startedAt: Date;
  finishedAt: Date | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface ContactConflict {
  id: string;
  runId: string;
  userId: string | null;
  objectId: string;
  /** The profile attribute the number is mapped to (phoneNumbers.work, phoneNumbers.mobile). */
  attribute: string;
  /** The number as the directory has it. */
  number: string;
  /** Its E.164 form, when it has one. */
  e164: string | null;
  code: ConflictCode;
  message: string;
  createdAt: Date;
}

export type NewConflict = Omit<ContactConflict, 'id' | 'runId' | 'createdAt'>;

/** A conflict as listed: with the user's names as they are now, so a reader sees whose number it is. */
export interface ListedConflict extends ContactConflict {
  userName: string | null;
  displayName: string | null;
}

interface RunRow {
  id: string;
  tenant_id: string;
  connection_id: string;
  trigger: SyncTrigger;
  status: ReconciliationStatus;
  started_at: Date;
  finished_at: Date | null;
  checked: number;
  fixed: number;
  conflicts: number;
  error_code: string | null;
  error_message: string | null;
}

interface ConflictRow {
  id: string;
  run_id: string;
  user_id: string | null;
  object_id: string;
  attribute: string;
  number: string;
  e164: string | null;
  code: ConflictCode;
  message: string;
  created_at: Date;
}

const toRun = (row: RunRow): ReconciliationRun => ({
  id: row.id,
  tenantId: row.tenant_id,
  connectionId: row.connection_id,
  trigger: row.trigger,
  status: row.status,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  checked: row.checked,
  fixed: row.fixed,
  conflicts: row.conflicts,
  errorCode: row.error_code,
  errorMessage: row.error_message,
});

const toConflict = (row: ConflictRow): ContactConflict => ({
  id: row.id,
  runId: row.run_id,
  userId: row.user_id,
  objectId: row.object_id,
  attribute: row.attribute,
  number: row.number,
  e164: row.e164,
  code: row.code,
  message: row.message,
  createdAt: row.created_at,
});

/** Reconciliation runs and the conflicts each found. */
export class ReconciliationRunStore {
  constructor(private readonly db: Knex) {}

  async insert(run: {
    id: string;
    tenantId: string;
    connectionId: string;
    trigger: SyncTrigger;
  }): Promise<void> {
    await this.db('directory_reconciliation_runs').insert({
      id: run.id,
      tenant_id: run.tenantId,
      connection_id: run.connectionId,
      trigger: run.trigger,
      status: 'running',
    });
  }

  /** Runs of the connection still marked running: their process died (the caller holds the lease). */
  async abandon(connectionId: string): Promise<void> {
    await this.db('directory_reconciliation_runs')
      .where({ connection_id: connectionId, status: 'running' })
      .update({
        status: 'failed',
        finished_at: this.db.fn.now(),
        error_code: 'reconciliation.abandoned',
        error_message: 'The process running this reconciliation stopped before it finished',
      });
  }

  /** Whether the run is still marked running (a queued run another run has not given up on). */
  async isRunning(id: string): Promise<boolean> {
    return (
      (await this.db('directory_reconciliation_runs').where({ id, status: 'running' }).first('id')) !==
      undefined
    );
  }

  /** Adds a batch's figures and conflicts, in the batch's transaction: a run's record never counts what did not commit. */
  async recordBatch(
    runId: string,
    tenantId: string,
    counts: ReconciliationCounts,
    conflicts: NewConflict[],
  ): Promise<void> {
    await this.db('directory_reconciliation_runs')
      .where({ id: runId })
      .update({
        checked: this.db.raw('checked + ?', [counts.checked]),
        fixed: this.db.raw('fixed + ?', [counts.fixed]),
        conflicts: this.db.raw('conflicts + ?', [counts.conflicts]),
      });
    if (conflicts.length === 0) return;
    await this.db('directory_reconciliation_conflicts').insert(
      conflicts.map((c) => ({
        run_id: runId,
        tenant_id: tenantId,
        user_id: c.userId,
        object_id: c.objectId,
        attribute: c.attribute,
        number: c.number,
        e164: c.e164,
        code: c.code,
        message: c.message,
      })),
    );
  }

  async finish(
    id: string,
    outcome: { status: 'succeeded' } | { status: 'failed'; errorCode: string; errorMessage: string },
  ): Promise<ReconciliationRun> {
    const [row] = await this.db('directory_reconciliation_runs')
      .where({ id })
      .update({
        status: outcome.status,
        finished_at: this.db.fn.now(),
        error_code: outcome.status === 'failed' ? outcome.errorCode : null,
        error_message: outcome.status === 'failed' ? outcome.errorMessage : null,
      })
      .returning('*');
    return toRun(row);
  }

  async find(tenantId: string, id: string): Promise<ReconciliationRun | null> {
    const row = await this.db('directory_reconciliation_runs').where({ tenant_id: tenantId, id }).first();
    return row ? toRun(row) : null;
  }

  async list(tenantId: string, connectionId: string, limit: number): Promise<ReconciliationRun[]> {
    const rows = await this.db('directory_reconciliation_runs')
      .where({ tenant_id: tenantId, connection_id: connectionId })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toRun);
  }

  /** A page of a run's conflicts in (created_at, id) order, after the cursor; `limit` rows at most. */
  async conflicts(
    runId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<ListedConflict[]> {
    const q = this.db({ k: 'directory_reconciliation_conflicts' })
      .leftJoin({ u: 'users' }, 'u.id', 'k.user_id')
      .where('k.run_id', runId)
      .select('k.*', 'u.user_name', 'u.display_name');
    if (after) {
      // The cursor's own row gives created_at at full (microsecond) precision, which a JavaScript Date cannot carry.
      q.whereRaw(
        '(k.created_at, k.id) > (COALESCE((SELECT c.created_at FROM directory_reconciliation_conflicts c WHERE c.run_id = ? AND c.id = ?), ?::timestamptz), ?::uuid)',
        [runId, after.id, after.createdAt, after.id],
      );
    }
    const rows: Array<ConflictRow & { user_name: string | null; display_name: string | null }> = await q
      .orderBy([{ column: 'k.created_at' }, { column: 'k.id' }])
      .limit(limit);
    return rows.map((row) => ({
      ...toConflict(row),
      userName: row.user_name,
      displayName: row.display_name,
    }));
  }
}
