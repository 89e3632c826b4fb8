import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Logger } from '../../logger.js';
import type { Actor } from '../events/event-log.js';
import { isE164 } from '../numbers/numbering-plan.js';
import type { UserProfile } from '../users/user.js';
import type { UserService } from '../users/user-service.js';
import { ConnectionLease, LeaseLostError } from './connection-lease.js';
import { ConnectionStore, type ConnectionRecord } from './connection-store.js';
import { contactMapping, type SourceAttribute } from './directory-connection.js';
import { DirectoryMirrorStore } from './directory-mirror-store.js';
import {
  inputOf,
  mapProfile,
  sourceValue,
  type MappingContext,
  type MirroredUser,
} from './directory-user-mapping.js';
import {
  ReconciliationRunStore,
  type ContactConflict,
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
export type StartedReconciliation =
  | { status: 'busy'; connectionId: string }
  | { status: 'started'; runId: string; finished: Promise<ReconciliationRun> };

interface RunContext {
  runId: string;
  actor: Actor;
  connection: ConnectionRecord;
  mapping: Map<string, SourceAttribute>;
  /** Mapped phone targets and their sources: the directory numbers checked against the tenant's pool. */
  phones: Array<[string, SourceAttribute]>;
}

interface LinkedRow {
  object_id: string;
  data: MirroredUser;
  user_id: string;
  profile: UserProfile;
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
  private readonly batchSize: number;

  constructor(private readonly deps: ContactReconciliationDeps) {
    this.lease = new ConnectionLease('reconciliation', deps.leaseMs ?? 10 * 60_000);
    this.batchSize = deps.batchSize ?? 500;
  }

  async run(connectionId: string, options: ReconcileOptions): Promise<ReconciliationOutcome> {
    const started = await this.start(connectionId, options);
    return started.status === 'busy' ? started : { status: 'done', run: await started.finished };
  }

  /** Takes the connection's reconciliation lease and records the run, then reconciles in the background. */
  async start(connectionId: string, options: ReconcileOptions): Promise<StartedReconciliation> {
    const { knex } = this.deps;
    const runId = randomUUID();
    const connection = await knex.transaction(async (trx) => {
      if (!(await this.lease.take(trx, connectionId, runId))) return null;
      const record = await new ConnectionStore(trx).findById(connectionId);
      if (!record) return null;
      const runs = new ReconciliationRunStore(trx);
      await runs.abandon(connectionId);
      await runs.insert({ id: runId, tenantId: record.tenantId, connectionId, trigger: options.trigger });
      return record;
    });
    if (!connection) {
      if (!isUuid(connectionId) || !(await new ConnectionStore(knex).findById(connectionId)))
        throw notFound('Directory connection', connectionId);
      return { status: 'busy', connectionId };
    }
    return {
      status: 'started',
      runId,
      finished: this.execute(connection, runId, options.touch ?? (async () => undefined)),
    };
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
  ): Promise<ContactConflict[]> {
    await this.getRun(tenantId, runId);
    return new ReconciliationRunStore(this.deps.knex).conflicts(runId, limit, after);
  }

  private async execute(
    connection: ConnectionRecord,
    runId: string,
    touch: () => Promise<void>,
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
          const rows = await this.linkedUsers(trx, connection, after);
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

  /** The next batch of active seatsync users the connection feeds, in directory object id order. */
  private async linkedUsers(trx: Knex, connection: ConnectionRecord, after: string): Promise<LinkedRow[]> {
    const result = await trx.raw(
      `SELECT du.object_id, du.data, u.id AS user_id, u.profile
       FROM directory_users du JOIN users u ON u.id = du.user_id
       WHERE du.connection_id = ? AND NOT du.removed AND du.object_id > ?
         AND u.tenant_id = ? AND u.deleted_at IS NULL AND u.active
       ORDER BY du.object_id LIMIT ?`,
      [connection.id, after, connection.tenantId, this.batchSize],
    );
    return result.rows as LinkedRow[];
  }

  private async reconcileBatch(
    trx: Knex,
    ctx: RunContext,
    rows: LinkedRow[],
  ): Promise<{ counts: ReconciliationCounts; conflicts: NewConflict[] }> {
    const { connection, actor } = ctx;
    const users = this.deps.servicesOn(trx).users;
    const managerIds = [
      ...new Set(rows.map((r) => r.data.managerId).filter((id): id is string => typeof id === 'string')),
    ];
    const managers = await new DirectoryMirrorStore(trx).linkedUsers(connection.id, managerIds);
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
  private async numberConflicts(trx: Knex, ctx: RunContext, rows: LinkedRow[]): Promise<NewConflict[]> {
    const numbers: Array<{ row: LinkedRow; attribute: string; number: string; e164: string | null }> = [];
    for (const row of rows) {
      for (const [attribute, source] of ctx.phones) {
        const number = sourceValue(row.data, source);
        if (typeof number === 'string') numbers.push({ row, attribute, number, e164: toE164(number) });
      }
    }
    const wanted = [...new Set(numbers.map((n) => n.e164).filter((e): e is string => e !== null))];
    const owned = new Map<string, string | null>();
    if (wanted.length > 0) {
      const found = (await trx('phone_numbers')
        .where('tenant_id', ctx.connection.tenantId)
        .whereRaw('e164 = ANY(?::text[])', [wanted])
        .select('e164', 'user_id')) as Array<{ e164: string; user_id: string | null }>;
      for (const number of found) owned.set(number.e164, number.user_id);
    }
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
