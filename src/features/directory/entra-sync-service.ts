import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { EventLog } from '../events/event-log.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Logger } from '../../logger.js';
import type { Actor } from '../events/event-log.js';
import { ConnectionLease, LeaseLostError } from './connection-lease.js';
import { ConnectionRuns } from './connection-run.js';
import type { ConnectionService } from './connection-service.js';
import { ConnectionStore, type ConnectionRecord } from './connection-store.js';
import { ConnectorError } from './connector-error.js';
import { effectiveMapping } from './directory-connection.js';
import { DirectoryMirrorStore } from './directory-mirror-store.js';
import { inputOf } from './directory-user-mapping.js';
import { enumerate } from './delta-enumeration.js';
import { applyGroups } from './group-apply-stage.js';
import { analyzeAfterLoad } from './planner-settings.js';
import {
  concurrently,
  ownedPredicate,
  type RunContext,
  type SyncServices,
  type SyncStageDeps,
} from './sync-run-context.js';
import { emptyCounts, SyncRunStore, type SyncRun, type SyncTrigger } from './sync-run-store.js';
import { applyUsers } from './user-apply-stage.js';

export type { SyncServices } from './sync-run-context.js';

export interface EntraSyncDeps {
  knex: Knex;
  /** The domain services built on a transaction (the container's servicesFor); the event log records held and failed runs. */
  servicesOn: (db: Knex) => SyncServices & { events: EventLog };
  connectionsOn: (db: Knex) => ConnectionService;
  logger: Logger;
  /** How long a run holds its connection without renewing (renewed with every page). */
  leaseMs?: number;
  /** Users applied per transaction. */
  batchSize?: number;
}

export interface RunOptions {
  trigger: SyncTrigger;
  /** Called after every committed page and batch: the job's `touch()`, so Agenda does not hand the run to another worker. */
  touch?: () => Promise<void>;
}

export type SyncOutcome = { status: 'busy'; connectionId: string } | { status: 'done'; run: SyncRun };

/**
 * Pulls a directory into seatsync through the connection's DirectorySource. A run has two stages:
 * 1. Enumerate users, then groups (delta-enumeration.ts): each page into the mirror with the link to continue from.
 * 2. Apply the mirror rows that changed to seatsync users (user-apply-stage.ts) and groups (group-apply-stage.ts)
 *    through their owners, UserService and GroupService, in batches, each one transaction.
 * A run that would suspend more users than the tenant's mass-change threshold applies everything else and is
 * recorded as held with the planned suspensions, which wait for approve() or reject().
 */
export class EntraSyncService {
  private readonly runs: ConnectionRuns;
  private readonly stage: SyncStageDeps;

  constructor(private readonly deps: EntraSyncDeps) {
    const lease = new ConnectionLease('sync', deps.leaseMs ?? 10 * 60_000);
    this.runs = new ConnectionRuns(
      lease,
      (db) => {
        const store = new SyncRunStore(db);
        return {
          abandon: (connectionId) => store.abandon(connectionId),
          isRunning: (runId) => store.isRunning(runId),
          insert: (runId, connection, trigger) =>
            store.insert({
              id: runId,
              tenantId: connection.tenantId,
              connectionId: connection.id,
              trigger,
              mode: nextMode(connection),
            }),
        };
      },
      'directory_sync.already_running',
      'A sync of this connection is already running',
    );
    this.stage = {
      knex: deps.knex,
      servicesOn: deps.servicesOn,
      lease,
      logger: deps.logger,
      batchSize: deps.batchSize ?? 1000,
    };
  }

  /** Runs one sync of a connection now, in this process, unless another run holds it. */
  async run(connectionId: string, options: RunOptions): Promise<SyncOutcome> {
    const started = await this.deps.knex.transaction((trx) =>
      this.runs.begin(trx, connectionId, options.trigger),
    );
    if (!started) return { status: 'busy', connectionId };
    return { status: 'done', run: await this.execute(started.connection, started.runId, options.touch) };
  }

  /**
   * Records a sync of a tenant's connection in the caller's transaction, for a job to run (runRequested); the admin
   * API answers with the run id at once while a large directory takes minutes. 409 while a run holds the connection.
   */
  request(db: Knex, tenantId: string, connectionId: string, trigger: SyncTrigger): Promise<string> {
    return this.runs.request(db, tenantId, connectionId, trigger);
  }

  /** Gives up on a run request() recorded, when no job could be queued for it (see ConnectionRuns.giveUp). */
  async giveUp(connectionId: string, runId: string): Promise<void> {
    await this.deps.knex.transaction((trx) => this.runs.giveUp(trx, connectionId, runId));
  }

  /** Runs a sync that request() recorded; busy when that run is over or another run holds the connection. */
  async runRequested(connectionId: string, runId: string, touch?: () => Promise<void>): Promise<SyncOutcome> {
    const connection = await this.deps.knex.transaction((trx) => this.runs.resume(trx, connectionId, runId));
    if (!connection) return { status: 'busy', connectionId };
    return { status: 'done', run: await this.execute(connection, runId, touch) };
  }

  /**
   * Records how a run ended and frees the connection; a held or failed run is also an event of its connection (the
   * admins' alert), in the same transaction. Freed together with the record, a connection whose run reads as over is
   * never still held by it (a scope change is refused while a run holds the connection).
   */
  private finishRun(
    connectionId: string,
    runId: string,
    outcome: Parameters<SyncRunStore['finish']>[1],
  ): Promise<SyncRun> {
    return this.deps.knex.transaction(async (trx) => {
      const run = await new SyncRunStore(trx).finish(runId, outcome);
      await this.stage.lease.release(trx, connectionId, runId);
      if (run.status === 'held' || run.status === 'failed')
        await this.deps.servicesOn(trx).events.append({
          tenantId: run.tenantId,
          actor: { type: 'connector', id: run.connectionId },
          action: `directory_connection.sync_${run.status}`,
          entityType: 'directory_connection',
          entityId: run.connectionId,
          after: {
            runId: run.id,
            plannedSuspensions: run.plannedSuspensions?.length ?? 0,
            errorCode: run.errorCode,
            errorMessage: run.errorMessage,
          },
        });
      return run;
    });
  }

  async listRuns(tenantId: string, connectionId: string, limit = 50): Promise<SyncRun[]> {
    return new SyncRunStore(this.deps.knex).list(tenantId, connectionId, limit);
  }

  async getRun(tenantId: string, runId: string): Promise<SyncRun> {
    const run = isUuid(runId) ? await new SyncRunStore(this.deps.knex).find(tenantId, runId) : null;
    if (!run) throw notFound('Sync run', runId);
    return run;
  }

  /**
   * Applies the suspensions a held run planned, each only if the directory still says so (the user may have come
   * back since), in the caller's transaction (`db`) or one of its own. Holds the connection's lease meanwhile, so no
   * sync runs alongside.
   */
  async approve(tenantId: string, runId: string, decidedBy: Actor, db?: Knex): Promise<SyncRun> {
    return this.inTransaction(db, (trx) => this.decide(trx, tenantId, runId, decidedBy, 'approved'));
  }

  /** Drops the suspensions a held run planned; the users stay as they are until the directory changes them again. */
  async reject(tenantId: string, runId: string, decidedBy: Actor, db?: Knex): Promise<SyncRun> {
    return this.inTransaction(db, (trx) => this.decide(trx, tenantId, runId, decidedBy, 'rejected'));
  }

  private inTransaction<T>(db: Knex | undefined, work: (trx: Knex) => Promise<T>): Promise<T> {
    return db && db.isTransaction ? work(db) : this.deps.knex.transaction(work);
  }

  private async decide(
    trx: Knex,
    tenantId: string,
    runId: string,
    actor: Actor,
    decision: 'approved' | 'rejected',
  ): Promise<SyncRun> {
    const { lease } = this.stage;
    const runs = new SyncRunStore(trx);
    const run = isUuid(runId) ? await runs.find(tenantId, runId) : null;
    if (!run) throw notFound('Sync run', runId);
    // Taken and released in this transaction: a sync starting meanwhile waits for it on the connection's row.
    const leaseId = randomUUID();
    if (!(await lease.take(trx, run.connectionId, leaseId))) {
      throw new DomainError(
        'directory_sync.already_running',
        'A sync of this connection is running; decide once it has finished',
      );
    }
    const locked = await runs.find(tenantId, runId, { forUpdate: true });
    if (!locked || locked.status !== 'held')
      throw new DomainError(
        'directory_sync_run.invalid_state',
        `Run ${runId} is not held (it is ${locked?.status ?? 'gone'})`,
      );
    const connection = await new ConnectionStore(trx).find(tenantId, locked.connectionId);
    if (!connection) throw notFound('Directory connection', locked.connectionId);
    const mirror = new DirectoryMirrorStore(trx);
    const planned = new Set(locked.plannedSuspensions ?? []);
    const stillPlanned = (
      await mirror.plannedSuspensions(connection.id, connection.scopedGroupIds.length === 0)
    ).filter((p) => planned.has(p.user_id));
    let suspended = 0;
    if (decision === 'approved') {
      const users = this.deps.servicesOn(trx).users;
      for (const { user_id } of stillPlanned) {
        await users.modify(tenantId, user_id, (u) => ({ ...inputOf(u), active: false }), actor, undefined);
        suspended += 1;
      }
    }
    await mirror.markUsersClean(
      connection.id,
      stillPlanned.map((p) => p.object_id),
    );
    const decided = await runs.decide(runId, decision, actorLabel(actor), suspended);
    await lease.release(trx, run.connectionId, leaseId);
    return decided;
  }

  private async execute(
    connection: ConnectionRecord,
    runId: string,
    touch: (() => Promise<void>) | undefined,
  ): Promise<SyncRun> {
    const { knex } = this.deps;
    const stage = this.stage;
    const connectionId = connection.id;
    const log = this.deps.logger.child({ connectionId, runId, tenantId: connection.tenantId });
    const ctx: RunContext = {
      runId,
      actor: { type: 'connector', id: connectionId },
      connection,
      source: this.deps.connectionsOn(knex).sourceFor(connection),
      counts: emptyCounts(),
      problems: [],
      scoped: new Set(connection.scopedGroupIds),
      mapping: effectiveMapping(connection.attributeMapping),
      owned: ownedPredicate(connection.directoryOwned),
      // After every committed page and batch: the run's figures so far for whoever follows it, then the job's lock.
      touch: async () => {
        await new SyncRunStore(knex).progress(runId, ctx.counts);
        await touch?.();
      },
      full: false,
      usersPending: false,
      groupsPending: false,
      stop: new AbortController(),
    };
    const runs = new SyncRunStore(knex);
    const mirror = new DirectoryMirrorStore(knex);
    try {
      // A full enumeration can grow the mirror from nothing to 100k rows within a minute, long before autovacuum
      // analyses it: fresh statistics keep the following queries on their indexes instead of scanning.
      await enumerate(stage, ctx, 'users');
      if (ctx.full) await analyzeAfterLoad(knex, 'directory_users');
      // Only this run applies users and groups, after enumerating them: what holds now holds for every groups page.
      ctx.usersPending = !(await mirror.hasAppliedUsers(connectionId));
      ctx.groupsPending = !(await mirror.hasAppliedGroups(connectionId));
      let held: string[];
      if (ctx.scoped.size === 0 && ctx.usersPending) {
        // A first sync of a connection without scoped groups: applying a user needs nothing from the groups (every
        // user is in scope), and the two stages write disjoint rows, so the groups are enumerated while the users
        // are applied, on two connections (the database's work is most of a first sync's time).
        [, held] = await concurrently(
          ctx,
          () => enumerate(stage, ctx, 'groups'),
          () => applyUsers(stage, ctx),
        );
        if (ctx.full) await analyzeAfterLoad(knex, 'directory_groups');
      } else {
        await enumerate(stage, ctx, 'groups');
        // Scope is membership in the scoped groups: fresh statistics of the memberships before reading it per user.
        if (ctx.full) await analyzeAfterLoad(knex, 'directory_groups');
        held = await applyUsers(stage, ctx);
      }
      if (ctx.full) {
        await runs.setMode(runId, 'full');
        // The users stage linked tens of thousands of mirror rows; see applyGroups for group_members.
        await analyzeAfterLoad(knex, 'directory_users');
      }
      await applyGroups(stage, ctx);
      const run = await this.finishRun(connectionId, runId, {
        status: held.length > 0 ? 'held' : 'succeeded',
        counts: ctx.counts,
        problems: ctx.problems,
        ...(held.length > 0 ? { plannedSuspensions: held } : {}),
      });
      log.info({ status: run.status, counts: ctx.counts }, 'directory sync finished');
      return run;
    } catch (error) {
      const { code, message } = describe(error);
      log.warn({ code, message, counts: ctx.counts }, 'directory sync failed');
      return this.finishRun(connectionId, runId, {
        status: 'failed',
        counts: ctx.counts,
        problems: ctx.problems,
        errorCode: code,
        errorMessage: message,
      });
    } finally {
      await stage.lease.release(knex, connectionId, runId);
    }
  }
}

/** A connection without both delta links, or in the middle of a full enumeration, runs a full sync next. */
function nextMode(record: ConnectionRecord): 'full' | 'incremental' {
  const full =
    !record.usersDeltaLink ||
    !record.groupsDeltaLink ||
    record.usersFullMarker !== null ||
    record.groupsFullMarker !== null;
  return full ? 'full' : 'incremental';
}

function actorLabel(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof ConnectorError) return { code: error.code, message: error.message };
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  if (error instanceof LeaseLostError) return { code: 'sync.lease_lost', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
