import type { Knex } from 'knex';

export type SyncTrigger = 'schedule' | 'cli' | 'api' | 'test';
export type SyncRunStatus = 'running' | 'succeeded' | 'failed' | 'held' | 'approved' | 'rejected';

export interface SyncCounts {
  pages: number;
  created: number;
  updated: number;
  suspended: number;
  reactivated: number;
  groups: number;
  membershipsAdded: number;
  membershipsRemoved: number;
}

export interface SyncProblem {
  objectId: string;
  code: string;
  message: string;
}

export interface SyncRun extends SyncCounts {
  id: string;
  tenantId: string;
  connectionId: string;
  trigger: SyncTrigger;
  mode: 'full' | 'incremental';
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** Seatsync user ids a held run would suspend. */
  plannedSuspensions: string[] | null;
  problems: SyncProblem[];
  errorCode: string | null;
  errorMessage: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export const emptyCounts = (): SyncCounts => ({
  pages: 0,
  created: 0,
  updated: 0,
  suspended: 0,
  reactivated: 0,
  groups: 0,
  membershipsAdded: 0,
  membershipsRemoved: 0,
});

const countColumns = (counts: SyncCounts) => ({
  pages: counts.pages,
  created: counts.created,
  updated: counts.updated,
  suspended: counts.suspended,
  reactivated: counts.reactivated,
  groups: counts.groups,
  memberships_added: counts.membershipsAdded,
  memberships_removed: counts.membershipsRemoved,
});

interface RunRow {
  id: string;
  tenant_id: string;
  connection_id: string;
  trigger: SyncTrigger;
  mode: 'full' | 'incremental';
  status: SyncRunStatus;
  started_at: Date;
  finished_at: Date | null;
  pages: number;
  created: number;
  updated: number;
  suspended: number;
  reactivated: number;
  groups: number;
  memberships_added: number;
  memberships_removed: number;
  planned_suspensions: string[] | null;
  problems: SyncProblem[];
  error_code: string | null;
  error_message: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

function toRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    connectionId: row.connection_id,
    trigger: row.trigger,
    mode: row.mode,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    pages: row.pages,
    created: row.created,
    updated: row.updated,
    suspended: row.suspended,
    reactivated: row.reactivated,
    groups: row.groups,
    membershipsAdded: row.memberships_added,
    membershipsRemoved: row.memberships_removed,
    plannedSuspensions: row.planned_suspensions,
    problems: row.problems,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

/** Problems kept per run: enough to act on, bounded however broken the directory is. */
const MAX_PROBLEMS = 100;

export class SyncRunStore {
  constructor(private readonly db: Knex) {}

  async insert(run: {
    id: string;
    tenantId: string;
    connectionId: string;
    trigger: SyncTrigger;
    mode: 'full' | 'incremental';
  }): Promise<void> {
    await this.db('directory_sync_runs').insert({
      id: run.id,
      tenant_id: run.tenantId,
      connection_id: run.connectionId,
      trigger: run.trigger,
      mode: run.mode,
      status: 'running',
    });
  }

  /** Runs of the connection still marked running: their process died (the caller holds the lease). */
  async abandon(connectionId: string): Promise<void> {
    await this.db('directory_sync_runs').where({ connection_id: connectionId, status: 'running' }).update({
      status: 'failed',
      finished_at: this.db.fn.now(),
      error_code: 'sync.abandoned',
      error_message:
        'The process running this sync stopped; the next run resumed from its last committed page',
    });
  }

  /** Whether a run of the connection waits for an admin's approval. */
  async hasHeld(connectionId: string): Promise<boolean> {
    return (
      (await this.db('directory_sync_runs')
        .where({ connection_id: connectionId, status: 'held' })
        .first('id')) !== undefined
    );
  }

  /** Whether the run is still marked running (a queued run another run has not given up on). */
  async isRunning(id: string): Promise<boolean> {
    return (await this.db('directory_sync_runs').where({ id, status: 'running' }).first('id')) !== undefined;
  }

  async setMode(id: string, mode: 'full' | 'incremental'): Promise<void> {
    await this.db('directory_sync_runs').where({ id }).update({ mode });
  }

  /**
   * The figures of a run still going, after each committed page and batch: what the console's progress bar shows.
   * A run that has ended keeps the figures it ended with.
   */
  async progress(id: string, counts: SyncCounts): Promise<void> {
    await this.db('directory_sync_runs').where({ id, status: 'running' }).update(countColumns(counts));
  }

  async finish(
    id: string,
    outcome: {
      status: SyncRunStatus;
      counts: SyncCounts;
      problems: SyncProblem[];
      plannedSuspensions?: string[];
      errorCode?: string;
      errorMessage?: string;
    },
  ): Promise<SyncRun> {
    const { counts } = outcome;
    const [row] = await this.db('directory_sync_runs')
      .where({ id })
      .update({
        status: outcome.status,
        finished_at: this.db.fn.now(),
        ...countColumns(counts),
        planned_suspensions: outcome.plannedSuspensions ? JSON.stringify(outcome.plannedSuspensions) : null,
        problems: JSON.stringify(outcome.problems.slice(0, MAX_PROBLEMS)),
        error_code: outcome.errorCode ?? null,
        error_message: outcome.errorMessage ?? null,
      })
      .returning('*');
    return toRun(row);
  }

  async decide(
    id: string,
    status: 'approved' | 'rejected',
    decidedBy: string,
    suspended: number,
  ): Promise<SyncRun> {
    const [row] = await this.db('directory_sync_runs')
      .where({ id })
      .update({
        status,
        decided_by: decidedBy,
        decided_at: this.db.fn.now(),
        suspended: this.db.raw('suspended + ?', [suspended]),
      })
      .returning('*');
    return toRun(row);
  }

  async find(tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SyncRun | null> {
    const q = this.db('directory_sync_runs').where({ tenant_id: tenantId, id });
    if (options.forUpdate) q.forUpdate();
    const row = await q.first();
    return row ? toRun(row) : null;
  }

  async list(tenantId: string, connectionId: string, limit: number): Promise<SyncRun[]> {
    const rows = await this.db('directory_sync_runs')
      .where({ tenant_id: tenantId, connection_id: connectionId })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toRun);
  }
}
