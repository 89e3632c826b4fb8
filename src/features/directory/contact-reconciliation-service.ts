import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Logger } from '../../logger.js';
import type { Actor } from '../events/event-log.js';
import { isE164 } from '../numbers/numbering-plan.js';
import type { UserService } from '../users/user-service.js';
import { ConnectionLease, LeaseLostError } from './connection-lease.js';
import type { ConnectionRecord } from './connection-store.js';
import { contactMapping, type SourceAttribute } from './directory-connection.js';
import { DirectoryLinks } from './directory-links.js';
import { ContactReconciliationStore, type LinkedUserRow } from './contact-reconciliation-store.js';
import { ConnectionRuns } from './connection-run.js';
import { inputOf, mapProfile, sourceValue, type MappingContext } from './directory-user-mapping.js';
import {
  ReconciliationRunStore,
  type ListedConflict,
  type NewConflict,
  type ReconciliationCounts,
  type ReconciliationRun,
} from './reconciliation-run-store.js';
import type { SyncTrigger } from './sync-run-store.js';

export interface ContactReconciliationDeps {
  knex: Knex;
  /** The user service on a transaction (the container's servicesFor), so fixes write events and fire its hooks. */
  servicesOn: (db: Knex) => { users: UserService };
  logger: Logger;
  /** How long a run holds its connection without renewing (renewed with every batch). */
  leaseMs?: number;
  /** Users compared per transaction. */
  batchSize?: number;
}

export interface ReconcileOptions {
  trigger: SyncTrigger;
  /** Called after every committed batch: the job's `touch()`, so Agenda does not hand the run to another worker. */
  touch?: () => Promise<void>;
}

export type ReconciliationOutcome =
  { status: 'busy'; connectionId: string } | { status: 'done'; run: ReconciliationRun };

interface RunContext {
  runId: string;
  actor: Actor;
  connection: ConnectionRecord;
  mapping: Map<string, SourceAttribute>;
  /** Mapped phone targets and their sources: the directory numbers checked against the tenant's pool. */
  phones: Array<[string, SourceAttribute]>;
}

/**
 * Contact reconciliation of an Entra connection. The sync writes a directory-owned attribute when the directory
 * reports a change; between changes seatsync can drift (an edit through SCIM or the admin API, a mapping changed
 * since the user was synced). A run compares, for every active seatsync user linked to the connection, the
 * directory-owned contact fields with what the mirror holds, brings the drifted ones back through
 * UserService.modify (events, licensing hooks), and reports directory phone numbers the tenant does not own. Users
 * are taken in batches, each one transaction that also records its figures and conflicts.
 */
export class ContactReconciliationService {
  private readonly lease: ConnectionLease;
  private readonly runs: ConnectionRuns;
  private readonly batchSize: number;

  constructor(private readonly deps: ContactReconciliationDeps) {
    this.lease = new ConnectionLease('reconciliation', deps.leaseMs ?? 10 * 60_000);
    this.runs = new ConnectionRuns(
      this.lease,
      (db) => {
        const store = new ReconciliationRunStore(db);
        return {
          abandon: (connectionId) => store.abandon(connectionId),
          isRunning: (runId) => store.isRunning(runId),
          insert: (runId, connection, trigger) =>
            store.insert({ id: runId, tenantId: connection.tenantId, connectionId: connection.id, trigger }),
        };
      },
      'contact_reconciliation.already_running',
      'A reconciliation of this connection is already running',
    );
    this.batchSize = deps.batchSize ?? 500;
  }

  /** Runs one reconciliation of a connection now, in this process, unless another holds it. */
  async run(connectionId: string, options: ReconcileOptions): Promise<ReconciliationOutcome> {
    const started = await this.deps.knex.transaction((trx) =>
      this.runs.begin(trx, connectionId, options.trigger),
    );
    if (!started) return { status: 'busy', connectionId };
    return { status: 'done', run: await this.execute(started.connection, started.runId, options.touch) };
  }

  /**
   * Records a reconciliation of a tenant's connection in the caller's transaction, for a job to run (runRequested).
   * 409 while one holds the connection.
   */
  request(db: Knex, tenantId: string, connectionId: string, trigger: SyncTrigger): Promise<string> {
    return this.runs.request(db, tenantId, connectionId, trigger);
  }

  /** Gives up on a run request() recorded, when no job could be queued for it (see ConnectionRuns.giveUp). */
  async giveUp(connectionId: string, runId: string): Promise<void> {
    await this.deps.knex.transaction((trx) => this.runs.giveUp(trx, connectionId, runId));
  }

  /** Runs a reconciliation that request() recorded; busy when that run is over or another holds the connection. */
  async runRequested(
    connectionId: string,
    runId: string,
    touch?: () => Promise<void>,
  ): Promise<ReconciliationOutcome> {
    const connection = await this.deps.knex.transaction((trx) => this.runs.resume(trx, connectionId, runId));
    if (!connection) return { status: 'busy', connectionId };
    return { status: 'done', run: await this.execute(connection, runId, touch) };
  }

  async listRuns(tenantId: string, connectionId: string, limit = 50): Promise<ReconciliationRun[]> {
    return new ReconciliationRunStore(this.deps.knex).list(tenantId, connectionId, limit);
  }

  async getRun(tenantId: string, runId: string): Promise<ReconciliationRun> {
    const run = isUuid(runId) ? await new ReconciliationRunStore(this.deps.knex).find(tenantId, runId) : null;
    if (!run) throw notFound('Reconciliation run', runId);
    return run;
  }

  /** A page of a run's conflicts: `limit` rows at most, after the cursor. */
  async listConflicts(
    tenantId: string,
    runId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<ListedConflict[]> {
    await this.getRun(tenantId, runId);
    return new ReconciliationRunStore(this.deps.knex).conflicts(runId, limit, after);
  }

  private async execute(
    connection: ConnectionRecord,
    runId: string,
    touch: () => Promise<void> = async () => undefined,
  ): Promise<ReconciliationRun> {
    const { knex } = this.deps;
    const log = this.deps.logger.child({ connectionId: connection.id, runId, tenantId: connection.tenantId });
    const mapping = contactMapping(connection.attributeMapping, connection.directoryOwned);
    const ctx: RunContext = {
      runId,
      actor: { type: 'connector', id: connection.id },
      connection,
      mapping,
      phones: [...mapping].filter(([target]) => target.startsWith('phoneNumbers.')),
    };
    const runs = new ReconciliationRunStore(knex);
    try {
      let after = '';
      for (;;) {
        const last = await knex.transaction(async (trx) => {
          if (!(await this.lease.renew(trx, connection.id, runId))) {
            throw new LeaseLostError(`Reconciliation ${runId} lost its lease on connection ${connection.id}`);
          }
          const rows = await new ContactReconciliationStore(trx).linkedUsers(
            connection.id,
            connection.tenantId,
            after,
            this.batchSize,
          );
          if (rows.length === 0) return null;
          const { counts, conflicts } = await this.reconcileBatch(trx, ctx, rows);
          await new ReconciliationRunStore(trx).recordBatch(runId, connection.tenantId, counts, conflicts);
          return rows[rows.length - 1]?.object_id ?? null;
        });
        if (last === null) break;
        after = last;
        await touch();
      }
      const run = await runs.finish(runId, { status: 'succeeded' });
      log.info(
        { checked: run.checked, fixed: run.fixed, conflicts: run.conflicts },
        'contact reconciliation finished',
      );
      return run;
    } catch (error) {
      const { code, message } = describe(error);
      log.warn({ code, message }, 'contact reconciliation failed');
      return runs.finish(runId, { status: 'failed', errorCode: code, errorMessage: message });
    } finally {
      await this.lease.release(knex, connection.id, runId);
    }
  }

  private async reconcileBatch(
    trx: Knex,
    ctx: RunContext,
    rows: LinkedUserRow[],
  ): Promise<{ counts: ReconciliationCounts; conflicts: NewConflict[] }> {
    const { connection, actor } = ctx;
    const users = this.deps.servicesOn(trx).users;
    const managerIds = [
      ...new Set(rows.map((r) => r.data.managerId).filter((id): id is string => typeof id === 'string')),
    ];
    const managers = await new DirectoryLinks(trx).linkedUsers(connection.id, managerIds);
    // Every target in the contact mapping is directory-owned, so each takes the directory's value (a manager who is
    // not a seatsync user yet leaves the current one).
    const context: MappingContext = {
      mapping: ctx.mapping,
      owned: () => true,
      resolveManager: (id) => managers.get(id),
    };
    let fixed = 0;
    for (const row of rows) {
      if (isDeepStrictEqual(mapProfile(row.profile, row.data, context, false).profile, row.profile)) continue;
      let lockedVersion = -1;
      try {
        const updated = await users.modify(
          connection.tenantId,
          row.user_id,
          (user) => {
            lockedVersion = user.version;
            return { ...inputOf(user), profile: mapProfile(user.profile, row.data, context, false).profile };
          },
          actor,
          undefined,
        );
        if (updated.version !== lockedVersion) fixed += 1;
      } catch (error) {
        // Deleted since the batch was read: nothing to reconcile (the lookup failed before any write).
        if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
      }
    }
    const conflicts = await this.numberConflicts(trx, ctx, rows);
    return { counts: { checked: rows.length, fixed, conflicts: conflicts.length }, conflicts };
  }

  /** Directory phone numbers (of the mapped phone targets) that are not the tenant's, or are another user's. */
  private async numberConflicts(trx: Knex, ctx: RunContext, rows: LinkedUserRow[]): Promise<NewConflict[]> {
    const numbers: Array<{ row: LinkedUserRow; attribute: string; number: string; e164: string | null }> = [];
    for (const row of rows) {
      for (const [attribute, source] of ctx.phones) {
        const number = sourceValue(row.data, source);
        if (typeof number === 'string') numbers.push({ row, attribute, number, e164: toE164(number) });
      }
    }
    const wanted = [...new Set(numbers.map((n) => n.e164).filter((e): e is string => e !== null))];
    const owned = await new ContactReconciliationStore(trx).numberHolders(ctx.connection.tenantId, wanted);
    const conflicts: NewConflict[] = [];
    for (const { row, attribute, number, e164 } of numbers) {
      const base = { userId: row.user_id, objectId: row.object_id, attribute, number, e164 };
      if (e164 === null) {
        conflicts.push({
          ...base,
          code: 'number.not_international',
          message: `${number} is not an international number (+ and country code), so it cannot be matched to the tenant's numbers`,
        });
      } else if (!owned.has(e164)) {
        conflicts.push({
          ...base,
          code: 'number.not_owned',
          message: `${e164} is not one of the tenant's numbers`,
        });
      } else {
        const holder = owned.get(e164);
        if (holder && holder !== row.user_id) {
          conflicts.push({
            ...base,
            code: 'number.assigned_to_other_user',
            message: `${e164} is assigned to another user (${holder})`,
          });
        }
      }
    }
    return conflicts;
  }
}

/** A directory phone number as E.164: spaces, dashes, dots, slashes and parentheses dropped, a leading 00 read as +. */
function toE164(number: string): string | null {
  const compact = number.replace(/[\s().\-/]/g, '').replace(/^00/, '+');
  return isE164(compact) ? compact : null;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof LeaseLostError) return { code: 'reconciliation.lease_lost', message: error.message };
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
