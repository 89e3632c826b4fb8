import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { ConnectorError } from '../../../connectors/entra/connector-error.js';
import type {
  DeltaPage,
  DirectoryGroup,
  DirectoryUser,
} from '../../../connectors/entra/directory-records.js';
import type { EntraDirectoryClient } from '../../../connectors/entra/entra-directory-client.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Logger } from '../../logger.js';
import type { Actor, EventInput, EventLog } from '../events/event-log.js';
import type { GroupService } from '../groups/group-service.js';
import type { MembershipReactions } from '../reactions.js';
import { deriveDisplayName, type UserProfile } from '../users/user.js';
import type { UserService } from '../users/user-service.js';
import { ConnectionLease, LeaseLostError } from './connection-lease.js';
import { ConnectionStore, type ConnectionRecord } from './connection-store.js';
import type { ConnectionService } from './connection-service.js';
import { effectiveMapping } from './directory-connection.js';
import { readAhead } from './read-ahead.js';
import { timeOrderedUuid } from './time-ordered-uuid.js';
import { DirectoryMirrorStore, type DirtyGroupRow, type DirtyUserRow } from './directory-mirror-store.js';
import {
  recordMembershipChanges,
  writeMemberships,
  type LinkedGroup,
} from './directory-membership-writer.js';
import { inputOf, mapProfile, matchKeys, userNameOf, type MappingContext } from './directory-user-mapping.js';
import type { EntraClientRegistry } from './entra-client-registry.js';
import {
  emptyCounts,
  SyncRunStore,
  type SyncCounts,
  type SyncProblem,
  type SyncRun,
  type SyncTrigger,
} from './sync-run-store.js';

export interface SyncServices {
  users: UserService;
  groups: GroupService;
  events: EventLog;
  /** Told of the membership changes the sync writes in bulk, as GroupService tells them of its own. */
  reactions: MembershipReactions;
}

export interface EntraSyncDeps {
  knex: Knex;
  /** The domain services built on a transaction (the container's servicesFor). */
  servicesOn: (db: Knex) => SyncServices;
  connectionsOn: (db: Knex) => ConnectionService;
  clients: EntraClientRegistry;
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
export type StartedSync =
  { status: 'busy'; connectionId: string } | { status: 'started'; runId: string; finished: Promise<SyncRun> };

type Resource = 'users' | 'groups';

interface RunContext {
  runId: string;
  actor: Actor;
  connection: ConnectionRecord;
  client: EntraDirectoryClient;
  counts: SyncCounts;
  problems: SyncProblem[];
  scoped: Set<string>;
  mapping: MappingContext['mapping'];
  owned: (target: string) => boolean;
  touch: () => Promise<void>;
  full: boolean;
  /** No user of the connection was applied yet when the groups enumeration began (see PageOptions.usersPending). */
  usersPending: boolean;
  /** No group of the connection was applied yet when the groups enumeration began (see PageOptions.groupsPending). */
  groupsPending: boolean;
  /** Aborted when one of two stages running side by side fails, so the other stops at its next page or batch. */
  stop: AbortController;
}

const GROUP_BATCH = 200;

// The columns queries select and join on; statistics of the wide `data` document would double ANALYZE's cost.
const ANALYZE_DIRECTORY_USERS =
  'ANALYZE directory_users (connection_id, object_id, seq, dirty, removed, user_id)';

/**
 * Pulls an Entra directory into seatsync. A run has two stages:
 * 1. Enumerate users, then groups, through Graph delta queries. Each page is written to the mirror together with
 *    the link to continue from, in one transaction: a failed run resumes from its last committed page and never
 *    leaves half a page applied.
 * 2. Apply the mirror rows that changed to seatsync users and groups (create, link by e-mail, update the
 *    directory-owned attributes, suspend, reactivate, membership), in batches, each one transaction. This stage
 *    compares desired with actual state, so re-running it after a failure does no harm.
 * A run that would suspend more users than the tenant's mass-change threshold applies everything else and is
 * recorded as held with the planned suspensions, which wait for approve() or reject().
 */
export class EntraSyncService {
  private readonly lease: ConnectionLease;
  private readonly batchSize: number;

  constructor(private readonly deps: EntraSyncDeps) {
    this.lease = new ConnectionLease('sync', deps.leaseMs ?? 10 * 60_000);
    this.batchSize = deps.batchSize ?? 1000;
  }

  /** Runs one sync of a connection now, unless another run holds it. */
  async run(connectionId: string, options: RunOptions): Promise<SyncOutcome> {
    const started = await this.start(connectionId, options);
    return started.status === 'busy' ? started : { status: 'done', run: await started.finished };
  }

  /**
   * Takes the connection's lease and records the run, then syncs in the background: for the admin API, which
   * answers at once with the run id while a large directory takes minutes.
   */
  async start(connectionId: string, options: RunOptions): Promise<StartedSync> {
    const { knex } = this.deps;
    const runId = randomUUID();
    const connection = await knex.transaction(async (trx) => {
      const record = await this.takeLease(trx, connectionId, runId);
      if (!record) return null;
      // A run still marked running without the lease died with its process; this run resumes its work.
      await trx('directory_sync_runs').where({ connection_id: connectionId, status: 'running' }).update({
        status: 'failed',
        finished_at: trx.fn.now(),
        error_code: 'sync.abandoned',
        error_message:
          'The process running this sync stopped; the next run resumed from its last committed page',
      });
      const full =
        !record.usersDeltaLink ||
        !record.groupsDeltaLink ||
        record.usersFullMarker !== null ||
        record.groupsFullMarker !== null;
      await new SyncRunStore(trx).insert({
        id: runId,
        tenantId: record.tenantId,
        connectionId,
        trigger: options.trigger,
        mode: full ? 'full' : 'incremental',
      });
      return record;
    });
    if (!connection) {
      if (!(await new ConnectionStore(knex).findById(connectionId)))
        throw notFound('Directory connection', connectionId);
      return { status: 'busy', connectionId };
    }
    return { status: 'started', runId, finished: this.execute(connection, runId, options) };
  }

  private async execute(connection: ConnectionRecord, runId: string, options: RunOptions): Promise<SyncRun> {
    const { knex } = this.deps;
    const connectionId = connection.id;
    const log = this.deps.logger.child({ connectionId, runId, tenantId: connection.tenantId });
    const ctx: RunContext = {
      runId,
      actor: { type: 'connector', id: connectionId },
      connection,
      client: this.deps.clients.clientFor(connection, () =>
        this.deps.connectionsOn(knex).clientConfig(connection),
      ),
      counts: emptyCounts(),
      problems: [],
      scoped: new Set(connection.scopedGroupIds),
      mapping: effectiveMapping(connection.attributeMapping),
      owned: ownedPredicate(connection.directoryOwned),
      touch: options.touch ?? (async () => undefined),
      full: false,
      usersPending: false,
      groupsPending: false,
      stop: new AbortController(),
    };
    const runs = new SyncRunStore(knex);
    try {
      // A full enumeration can grow the mirror from nothing to 100k rows within a minute, long before autovacuum
      // analyses it: fresh statistics keep the following queries on their indexes instead of scanning.
      await this.enumerate(ctx, 'users');
      if (ctx.full) await knex.raw(ANALYZE_DIRECTORY_USERS);
      // Only this run applies users and groups, after enumerating them: what holds now holds for every groups page.
      ctx.usersPending = !(await new DirectoryMirrorStore(knex).hasAppliedUsers(connectionId));
      ctx.groupsPending = !(await new DirectoryMirrorStore(knex).hasAppliedGroups(connectionId));
      let held: string[];
      if (ctx.scoped.size === 0 && ctx.usersPending) {
        // A first sync of a connection without scoped groups: applying a user needs nothing from the groups (every
        // user is in scope), and the two stages write disjoint rows, so the groups are enumerated while the users
        // are applied, on two connections (the database's work is most of a first sync's time).
        [, held] = await this.concurrently(
          ctx,
          () => this.enumerate(ctx, 'groups'),
          () => this.applyUsers(ctx),
        );
        if (ctx.full) await knex.raw('ANALYZE directory_groups, directory_memberships');
      } else {
        await this.enumerate(ctx, 'groups');
        // Scope is membership in the scoped groups: fresh statistics of the memberships before reading it per user.
        if (ctx.full) await knex.raw('ANALYZE directory_groups, directory_memberships');
        held = await this.applyUsers(ctx);
      }
      if (ctx.full) {
        await runs.setMode(runId, 'full');
        // The users stage linked tens of thousands of mirror rows; see applyGroups for group_members.
        await knex.raw(ANALYZE_DIRECTORY_USERS);
      }
      await this.applyGroups(ctx);
      const run = await runs.finish(runId, {
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
      return runs.finish(runId, {
        status: 'failed',
        counts: ctx.counts,
        problems: ctx.problems,
        errorCode: code,
        errorMessage: message,
      });
    } finally {
      await this.lease.release(knex, connectionId, runId);
    }
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
   * Applies the suspensions a held run planned, each only if the directory still says so (the user may have
   * come back since). Holds the connection's lease, so no sync runs meanwhile.
   */
  async approve(tenantId: string, runId: string, decidedBy: Actor): Promise<SyncRun> {
    return this.decide(tenantId, runId, decidedBy, 'approved');
  }

  /** Drops the suspensions a held run planned; the users stay as they are until the directory changes them again. */
  async reject(tenantId: string, runId: string, decidedBy: Actor): Promise<SyncRun> {
    return this.decide(tenantId, runId, decidedBy, 'rejected');
  }

  private async decide(
    tenantId: string,
    runId: string,
    actor: Actor,
    decision: 'approved' | 'rejected',
  ): Promise<SyncRun> {
    const { knex } = this.deps;
    const run = await this.getRun(tenantId, runId);
    const leaseId = randomUUID();
    if (!(await knex.transaction((trx) => this.takeLease(trx, run.connectionId, leaseId)))) {
      throw new DomainError(
        'directory_sync.already_running',
        'A sync of this connection is running; decide once it has finished',
      );
    }
    try {
      return await knex.transaction(async (trx) => {
        const runs = new SyncRunStore(trx);
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
            await users.modify(
              tenantId,
              user_id,
              (current) => ({ ...inputOf(current), active: false }),
              actor,
              undefined,
            );
            suspended += 1;
          }
        }
        await mirror.markUsersClean(
          connection.id,
          stillPlanned.map((p) => p.object_id),
        );
        return runs.decide(runId, decision, actorLabel(actor), suspended);
      });
    } finally {
      await this.lease.release(knex, run.connectionId, leaseId);
    }
  }

  /**
   * Runs two stages side by side; when one fails the other stops at its next page or batch, and the first failure is
   * what the run reports. Both have settled when this returns or throws, so nothing writes after the lease is released.
   */
  private async concurrently<A, B>(
    ctx: RunContext,
    first: () => Promise<A>,
    second: () => Promise<B>,
  ): Promise<[A, B]> {
    const stopOthers = (error: unknown): never => {
      ctx.stop.abort(error);
      throw error;
    };
    const [a, b] = await Promise.allSettled([first().catch(stopOthers), second().catch(stopOthers)]);
    if (a.status === 'rejected' || b.status === 'rejected') throw ctx.stop.signal.reason;
    return [a.value, b.value];
  }

  private async takeLease(trx: Knex, connectionId: string, runId: string): Promise<ConnectionRecord | null> {
    return (await this.lease.take(trx, connectionId, runId))
      ? new ConnectionStore(trx).findById(connectionId)
      : null;
  }

  /**
   * One batch of the apply stages in one transaction. The batch counts and reports into a tally of its own, added
   * to the run's once it has committed, so a run's figures never include a batch that rolled back. The lease is
   * renewed last: a run that lost it must not commit the batch, and renewed first, the batch would hold the
   * connection's row lock throughout, while delta pages committed by a stage alongside wait for it.
   */
  private async inBatch(
    ctx: RunContext,
    work: (trx: Knex, tally: RunContext) => Promise<void>,
  ): Promise<void> {
    const tally: RunContext = { ...ctx, counts: emptyCounts(), problems: [] };
    await this.deps.knex.transaction(async (trx) => {
      await work(trx, tally);
      if (!(await this.lease.renew(trx, ctx.connection.id, ctx.runId)))
        throw new LeaseLostError(`Run ${ctx.runId} lost its lease on connection ${ctx.connection.id}`);
    });
    for (const key of Object.keys(tally.counts) as Array<keyof SyncCounts>)
      ctx.counts[key] += tally.counts[key];
    ctx.problems.push(...tally.problems);
  }

  // --- stage 1: delta pages into the mirror -------------------------------------------------------------------

  private async enumerate(ctx: RunContext, resource: Resource): Promise<void> {
    const state = ctx.connection;
    for (let restarted = false; ; restarted = true) {
      const resume = resource === 'users' ? state.usersResumeLink : state.groupsResumeLink;
      const delta = resource === 'users' ? state.usersDeltaLink : state.groupsDeltaLink;
      let marker = resource === 'users' ? state.usersFullMarker : state.groupsFullMarker;
      const link = resume ?? (marker ? null : delta);
      // No link at all: a full enumeration; everything it does not list has gone from the directory.
      if (!link) marker = randomUUID();
      if (marker) ctx.full = true;
      // The next page is fetched while this one commits; each is still committed in order, one transaction each.
      const pages: AsyncIterable<DeltaPage<unknown>> = readAhead<DeltaPage<unknown>>(
        resource === 'users'
          ? ctx.client.usersDelta(link ?? undefined)
          : ctx.client.groupsDelta(link ?? undefined),
      );
      try {
        for await (const page of pages) {
          await this.commitPage(ctx, resource, page, marker);
          ctx.counts.pages += 1;
          if (resource === 'users') {
            state.usersResumeLink = page.nextLink ?? null;
            if (page.deltaLink)
              Object.assign(state, { usersDeltaLink: page.deltaLink, usersFullMarker: null });
            else state.usersFullMarker = marker;
          } else {
            state.groupsResumeLink = page.nextLink ?? null;
            if (page.deltaLink)
              Object.assign(state, { groupsDeltaLink: page.deltaLink, groupsFullMarker: null });
            else state.groupsFullMarker = marker;
          }
          await ctx.touch();
          ctx.stop.signal.throwIfAborted();
        }
        return;
      } catch (error) {
        if (!(error instanceof ConnectorError && error.code === 'delta.expired') || restarted) throw error;
        // Graph forgot the sync state: enumerate everything again; the sweep at its end suspends whoever is gone.
        this.deps.logger.info(
          { connectionId: ctx.connection.id, resource },
          'delta link expired, running a full sync',
        );
        const reset =
          resource === 'users'
            ? { users_delta_link: null, users_resume_link: null, users_full_marker: null }
            : { groups_delta_link: null, groups_resume_link: null, groups_full_marker: null };
        await this.deps
          .knex('directory_connections')
          .where({ id: ctx.connection.id, ...this.lease.heldBy(ctx.runId) })
          .update(reset);
        if (resource === 'users')
          Object.assign(state, { usersDeltaLink: null, usersResumeLink: null, usersFullMarker: null });
        else Object.assign(state, { groupsDeltaLink: null, groupsResumeLink: null, groupsFullMarker: null });
      }
    }
  }

  private async commitPage(
    ctx: RunContext,
    resource: Resource,
    page: DeltaPage<unknown>,
    marker: string | null,
  ): Promise<void> {
    const { connection } = ctx;
    await this.deps.knex.transaction(async (trx) => {
      const mirror = new DirectoryMirrorStore(trx);
      const options = {
        connectionId: connection.id,
        tenantId: connection.tenantId,
        marker,
        usersPending: ctx.usersPending,
        groupsPending: ctx.groupsPending,
      };
      if (resource === 'users') {
        await mirror.applyUsersPage(options, (page as DeltaPage<DirectoryUser>).items);
        if (page.deltaLink && marker) await mirror.sweepUsers(connection.id, marker);
      } else {
        const allInScope = ctx.scoped.size === 0;
        await mirror.applyGroupsPage(
          options,
          (page as DeltaPage<DirectoryGroup>).items,
          (id) => allInScope || ctx.scoped.has(id),
        );
        if (page.deltaLink && marker) await mirror.sweepGroups(connection.id, marker);
      }
      const columns: Record<string, unknown> = {
        [`${resource}_resume_link`]: page.nextLink ?? null,
        [`${resource}_full_marker`]: page.deltaLink ? null : marker,
        ...this.lease.extension(trx),
      };
      if (page.deltaLink) columns[`${resource}_delta_link`] = page.deltaLink;
      const saved = await trx('directory_connections')
        .where({ id: connection.id, ...this.lease.heldBy(ctx.runId) })
        .update(columns);
      if (saved === 0)
        throw new LeaseLostError(`Run ${ctx.runId} lost its lease on connection ${connection.id}`);
    });
  }

  // --- stage 2: mirror into seatsync --------------------------------------------------------------------------

  /** Applies dirty users; returns the seatsync ids of the suspensions held back by the mass-change threshold. */
  private async applyUsers(ctx: RunContext): Promise<string[]> {
    const { knex } = this.deps;
    const { connection } = ctx;
    const allInScope = ctx.scoped.size === 0;
    const planned = await new DirectoryMirrorStore(knex).plannedSuspensions(connection.id, allInScope);
    const tenant = await knex('tenants').where({ id: connection.tenantId }).first('mass_change_threshold');
    const threshold = Number(tenant?.mass_change_threshold ?? 0);
    const held = planned.length > threshold ? new Set(planned.map((p) => p.object_id)) : new Set<string>();

    let pendingManagers: string[] = [];
    for (let pass = 0; pass < 2; pass += 1) {
      const collect = pass === 0 ? pendingManagers : null;
      let after = '0';
      for (let batch = 0; ; batch += 1) {
        const rows = await new DirectoryMirrorStore(knex).dirtyUsers(
          connection.id,
          allInScope,
          after,
          this.batchSize,
        );
        if (rows.length === 0) break;
        // A first sync starts from an empty users table whose statistics say "empty" until autovacuum catches up,
        // and the planner then answers every lookup with a scan. Once analysed with rows in it, the planner scales
        // its estimates with the table's growth by itself, so one ANALYZE after the first batch is enough.
        if (ctx.full && pass === 0 && batch === 1) await knex.raw('ANALYZE users');

        after = rows[rows.length - 1]?.seq ?? after;
        await this.inBatch(ctx, (trx, tally) => this.applyUserBatch(trx, tally, rows, held, collect));
        await ctx.touch();
        ctx.stop.signal.throwIfAborted();
      }
      // Reports written before their manager was a seatsync user: one more pass now that everyone exists.
      if (pendingManagers.length === 0) break;
      await new DirectoryMirrorStore(knex).markUsersDirty(connection.id, pendingManagers);
      pendingManagers = [];
    }
    return planned.filter((p) => held.has(p.object_id)).map((p) => p.user_id);
  }

  private async applyUserBatch(
    trx: Knex,
    ctx: RunContext,
    rows: DirtyUserRow[],
    held: Set<string>,
    pendingManagers: string[] | null,
  ): Promise<void> {
    const { connection, actor } = ctx;
    const tenantId = connection.tenantId;
    const services = this.deps.servicesOn(trx);
    const mirror = new DirectoryMirrorStore(trx);

    const linkedIds = rows.map((r) => r.user_id).filter((id): id is string => id !== null);
    const current = new Map<
      string,
      { id: string; user_name: string; active: boolean; profile: UserProfile; source: string }
    >();
    if (linkedIds.length > 0) {
      const found = await trx('users')
        .where('tenant_id', tenantId)
        .whereNull('deleted_at')
        .whereRaw('id = ANY(?::uuid[])', [linkedIds])
        .select('id', 'user_name', 'active', 'profile', 'source');
      for (const user of found) current.set(user.id, user);
    }
    const desiredActive = (row: DirtyUserRow) =>
      row.in_scope && !row.removed && row.data.accountEnabled !== false;
    const unlinked = rows.filter((r) => desiredActive(r) && !(r.user_id && current.has(r.user_id)));
    const matches = await this.findMatches(trx, ctx, unlinked);

    const managerIds = [
      ...new Set(rows.map((r) => r.data.managerId).filter((id): id is string => typeof id === 'string')),
    ];
    const managers = await mirror.linkedUsers(connection.id, managerIds);
    const context: MappingContext = {
      mapping: ctx.mapping,
      owned: ctx.owned,
      resolveManager: (id) => managers.get(id),
    };

    // Rows applied, each with the seatsync user it is newly linked to (null: the link, if any, stays).
    const settled: Array<{ objectId: string; userId: string | null }> = [];
    const newlyLinked: string[] = [];
    const creates: Array<{ row: DirtyUserRow; id: string; userName: string }> = [];
    for (const row of rows) {
      const linked = row.user_id ? current.get(row.user_id) : undefined;
      if (!desiredActive(row)) {
        if (linked?.active) {
          if (held.has(row.object_id)) continue;
          await services.users.modify(
            tenantId,
            linked.id,
            (user) => ({ ...inputOf(user), active: false }),
            actor,
            undefined,
          );
          ctx.counts.suspended += 1;
        }
        settled.push({ objectId: row.object_id, userId: null });
        continue;
      }
      const target = linked ? linked.id : matches.get(row.object_id);
      if (target) {
        if (!linked) newlyLinked.push(row.object_id);
        const mapped = linked ? mapProfile(linked.profile, row.data, context, false) : undefined;
        if (mapped?.managerPending) pendingManagers?.push(row.object_id);
        const upn = row.data.userPrincipalName;
        const renamed = linked?.source === 'entra' && upn !== undefined && upn !== linked.user_name;
        if (!linked || !linked.active || renamed || !isDeepStrictEqual(mapped?.profile, linked.profile)) {
          let pending = false;
          let wasActive = true;
          await services.users.modify(
            tenantId,
            target,
            (user) => {
              const next = mapProfile(user.profile, row.data, context, false);
              pending = next.managerPending;
              wasActive = user.active;
              const userName = user.source === 'entra' && upn ? upn : user.userName;
              return { ...inputOf(user), userName, active: true, profile: next.profile };
            },
            actor,
            undefined,
          );
          if (pending && !mapped) pendingManagers?.push(row.object_id);
          if (!wasActive) ctx.counts.reactivated += 1;
          else ctx.counts.updated += 1;
        }
        settled.push({ objectId: row.object_id, userId: linked ? null : target });
        continue;
      }
      const userName = userNameOf(row.data);
      if (!userName) {
        ctx.problems.push({
          objectId: row.object_id,
          code: 'user.no_user_name',
          message: 'The directory user has neither a userPrincipalName nor a mail',
        });
        continue;
      }
      const id = timeOrderedUuid();
      creates.push({ row, id, userName });
      // Reports in the same batch can point at a manager created here.
      managers.set(
        row.object_id,
        row.data.displayName ? { value: id, displayName: row.data.displayName } : { value: id },
      );
    }

    if (creates.length > 0) {
      const records = creates.map(({ row, id, userName }) => {
        const mapped = mapProfile({}, row.data, context, true);
        if (mapped.managerPending) pendingManagers?.push(row.object_id);
        return {
          id,
          user_name: userName,
          display_name: deriveDisplayName(mapped.profile),
          profile: mapped.profile,
        };
      });
      const byId = new Map(records.map((r) => [r.id, r]));
      // One statement for the batch instead of a UserService.create per user: a first sync brings tens of
      // thousands. ON CONFLICT DO NOTHING: a userName held by another user is a problem to report, not a failed batch.
      const inserted = await trx.raw(
        `INSERT INTO users (id, tenant_id, user_name, display_name, active, profile, source)
         SELECT x.id, ?::uuid, x.user_name, x.display_name, true, x.profile, 'entra'
         FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, user_name text, display_name text, profile jsonb)
         ON CONFLICT DO NOTHING
         RETURNING id, version`,
        [tenantId, JSON.stringify(records)],
      );
      const createdRows = inserted.rows as Array<{ id: string; version: number }>;
      const createdIds = new Set(createdRows.map((r) => r.id));
      for (const create of creates) {
        if (createdIds.has(create.id)) {
          settled.push({ objectId: create.row.object_id, userId: create.id });
          newlyLinked.push(create.row.object_id);
        } else {
          ctx.problems.push({
            objectId: create.row.object_id,
            code: 'user.user_name_taken',
            message: `userName ${create.userName} belongs to another seatsync user`,
          });
        }
      }
      // The event carries what was inserted (the profile is not read back: a first sync creates tens of thousands).
      const events: EventInput[] = createdRows.map(({ id, version }) => {
        const record = byId.get(id);
        return {
          tenantId,
          actor,
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          after: {
            id,
            userName: record?.user_name,
            externalId: null,
            displayName: record?.display_name ?? null,
            active: true,
            profile: record?.profile,
            version,
          },
        };
      });
      await services.events.appendMany(events);
      ctx.counts.created += createdRows.length;
    }
    // Their groups were applied before they were seatsync users: those groups need them as members now. While no
    // group has been applied (a first sync), each is still to be applied whole.
    if (!ctx.groupsPending) await mirror.markGroupsOfNewMembers(connection.id, newlyLinked);
    await mirror.settleUsers(connection.id, settled);
  }

  /** Existing seatsync users, not linked to this connection yet, whose userName or e-mail equals the directory user's mail or UPN. */
  private async findMatches(trx: Knex, ctx: RunContext, rows: DirtyUserRow[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const keys = [...new Set(rows.flatMap((r) => matchKeys(r.data)))];
    if (keys.length === 0) return result;
    // One statement per batch, driven by the keys: the userName index and the e-mail GIN index probed once per key
    // (the lateral subquery). A single `&&` over all the batch's keys was planned from statistics taken while the
    // table was small and answered with a scan of every user, once per batch: 110 of the 249 s of a 100k first sync.
    // Both are lateral: as a join, the userName lookup was planned as a hash of every user (the planner ignores the
    // statistics of the partial unique index and assumes hundreds of rows per name).
    const found = await trx.raw(
      `WITH k AS (SELECT DISTINCT key FROM unnest(?::text[]) AS k(key))
       SELECT k.key, n.id, true AS by_name FROM k CROSS JOIN LATERAL (
         SELECT u.id FROM users u WHERE u.tenant_id = ? AND u.deleted_at IS NULL AND lower(u.user_name) = k.key LIMIT 1
       ) n
       UNION ALL
       SELECT k.key, e.id, false FROM k CROSS JOIN LATERAL (
         SELECT u.id FROM users u WHERE user_email_keys(u.profile) @> ARRAY[k.key] AND u.deleted_at IS NULL AND u.tenant_id = ?
       ) e`,
      [keys, ctx.connection.tenantId, ctx.connection.tenantId],
    );
    const candidates = (found.rows as Array<{ key: string; id: string; by_name: boolean }>).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    if (candidates.length === 0) return result;
    // Users this connection feeds already are not candidates. Asked for the few candidates only: as a join, the
    // planner hashed every link of the connection.
    const linked = new Set<string>(
      await trx('directory_users')
        .where('connection_id', ctx.connection.id)
        .whereRaw('user_id = ANY(?::uuid[])', [candidates.map((c) => c.id)])
        .pluck('user_id'),
    );
    const byUserName = new Map<string, string>();
    const byEmail = new Map<string, string>();
    for (const row of candidates) {
      if (linked.has(row.id)) continue;
      const into = row.by_name ? byUserName : byEmail;
      if (!into.has(row.key)) into.set(row.key, row.id);
    }
    const taken = new Set<string>();
    for (const row of rows) {
      const options = matchKeys(row.data).flatMap((key) => [byUserName.get(key), byEmail.get(key)]);
      const id = options.find((c): c is string => c !== undefined && !taken.has(c));
      if (id) {
        taken.add(id);
        result.set(row.object_id, id);
      }
    }
    return result;
  }

  private async applyGroups(ctx: RunContext): Promise<void> {
    const { knex } = this.deps;
    const { connection } = ctx;
    let after = '';
    for (let batch = 0; ; batch += 1) {
      const rows = await new DirectoryMirrorStore(knex).dirtyGroups(connection.id, GROUP_BATCH, after);
      if (rows.length === 0) break;
      // A first sync fills group_members from nothing: analysed once it has rows (see applyUsers).
      if (ctx.full && batch === 1) await knex.raw('ANALYZE group_members');
      after = rows[rows.length - 1]?.object_id ?? after;
      await this.inBatch(ctx, async (trx, tally) => {
        // The membership difference of a batch is costed high enough for JIT compilation, which took longer
        // (0.7 s) than running it; these statements are index probes that gain nothing from it.
        await trx.raw('SET LOCAL jit = off');
        await this.applyGroupBatch(trx, tally, rows);
      });
      await ctx.touch();
    }
  }

  /**
   * One batch of dirty groups: deletions and renames through GroupService (rare), creations in one statement, and
   * the membership of every group in the batch in one set-based statement, all under the groups' row locks.
   */
  private async applyGroupBatch(trx: Knex, ctx: RunContext, rows: DirtyGroupRow[]): Promise<void> {
    const { connection, actor } = ctx;
    const tenantId = connection.tenantId;
    const allInScope = ctx.scoped.size === 0;
    const services = this.deps.servicesOn(trx);
    const linked = await lockGroups(
      trx,
      tenantId,
      rows.map((r) => r.group_id).filter((id): id is string => id !== null),
    );
    // Rows applied, with the seatsync group each now feeds when that changed.
    const settled: Array<{ objectId: string; groupId?: string | null }> = [];
    const members: LinkedGroup[] = [];
    const unlinked: Array<{ objectId: string; displayName: string }> = [];
    for (const row of rows) {
      const displayName = row.data.displayName?.trim();
      const desired = !row.removed && (allInScope || ctx.scoped.has(row.object_id)) && Boolean(displayName);
      const group = row.group_id ? linked.get(row.group_id) : undefined;
      if (!desired || !displayName) {
        if (group) {
          if (group.source === 'entra') await services.groups.delete(tenantId, group.id, actor, undefined);
          ctx.counts.groups += 1;
        }
        settled.push(group ? { objectId: row.object_id, groupId: null } : { objectId: row.object_id });
        continue;
      }
      if (!group) {
        unlinked.push({ objectId: row.object_id, displayName });
        continue;
      }
      if (group.displayName !== displayName) {
        try {
          // A savepoint: a name clash with another group must not abort the whole batch.
          await trx.transaction((sp) =>
            this.deps
              .servicesOn(sp)
              .groups.modify(tenantId, group.id, [{ kind: 'set', displayName }], actor, undefined),
          );
          ctx.counts.groups += 1;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          ctx.problems.push({ objectId: row.object_id, code: 'group.' + error.code, message: error.message });
        }
      }
      members.push({ objectId: row.object_id, groupId: group.id, whole: row.members_stale });
      settled.push({ objectId: row.object_id });
    }
    for (const { objectId, groupId } of await this.adoptOrCreateGroups(trx, ctx, unlinked)) {
      members.push({ objectId, groupId, whole: true });
      settled.push({ objectId, groupId });
    }
    const changes = await writeMemberships(trx, connection.id, tenantId, members);
    for (const change of changes) {
      ctx.counts.membershipsAdded += change.added.length;
      ctx.counts.membershipsRemoved += change.removed.length;
    }
    await recordMembershipChanges(
      trx,
      {
        events: services.events,
        membershipChanged: (...args) => services.reactions.membershipChanged(...args),
      },
      tenantId,
      actor,
      changes,
    );
    await new DirectoryMirrorStore(trx).settleGroups(connection.id, settled);
  }

  /**
   * Seatsync groups for directory groups that have none: an existing group of the same name that no directory
   * group of this connection feeds is adopted; otherwise one is created (all in one statement, with their events).
   * A name another group holds is a problem of the run, not a failed batch. The groups returned are locked.
   */
  private async adoptOrCreateGroups(
    trx: Knex,
    ctx: RunContext,
    wanted: Array<{ objectId: string; displayName: string }>,
  ): Promise<Array<{ objectId: string; groupId: string }>> {
    if (wanted.length === 0) return [];
    const { connection, actor } = ctx;
    const tenantId = connection.tenantId;
    const existing = await trx.raw(
      `SELECT g.id, lower(g.display_name) AS name FROM groups g
       WHERE g.tenant_id = ? AND g.deleted_at IS NULL AND lower(g.display_name) = ANY(?::text[])
         AND NOT EXISTS (SELECT 1 FROM directory_groups dg WHERE dg.connection_id = ? AND dg.group_id = g.id)
       ORDER BY g.id FOR UPDATE OF g`,
      [tenantId, wanted.map((w) => w.displayName.toLowerCase()), connection.id],
    );
    const adoptable = new Map<string, string>();
    for (const row of existing.rows as Array<{ id: string; name: string }>)
      if (!adoptable.has(row.name)) adoptable.set(row.name, row.id);
    const result: Array<{ objectId: string; groupId: string }> = [];
    const create: Array<{ objectId: string; displayName: string }> = [];
    const claimed = new Set<string>();
    for (const w of wanted) {
      const name = w.displayName.toLowerCase();
      const id = adoptable.get(name);
      if (id && !claimed.has(name)) result.push({ objectId: w.objectId, groupId: id });
      else if (!claimed.has(name)) create.push(w);
      else
        ctx.problems.push({
          objectId: w.objectId,
          code: 'group.uniqueness',
          message: `A group named ${w.displayName} already exists`,
        });
      claimed.add(name);
    }
    if (create.length === 0) return result;
    // ON CONFLICT DO NOTHING: a name taken by a group another directory group feeds is reported, not fatal.
    const inserted = await trx.raw(
      `INSERT INTO groups (tenant_id, source, display_name)
       SELECT ?::uuid, 'entra', x.display_name FROM unnest(?::text[]) AS x(display_name)
       ON CONFLICT DO NOTHING
       RETURNING id, display_name, external_id, version`,
      [tenantId, create.map((c) => c.displayName)],
    );
    const created = new Map<
      string,
      { id: string; display_name: string; external_id: string | null; version: number }
    >();
    for (const row of inserted.rows as Array<{
      id: string;
      display_name: string;
      external_id: string | null;
      version: number;
    }>)
      created.set(row.display_name.toLowerCase(), row);
    const events: EventInput[] = [];
    for (const c of create) {
      const row = created.get(c.displayName.toLowerCase());
      if (!row) {
        ctx.problems.push({
          objectId: c.objectId,
          code: 'group.uniqueness',
          message: `A group named ${c.displayName} already exists`,
        });
        continue;
      }
      result.push({ objectId: c.objectId, groupId: row.id });
      events.push({
        tenantId,
        actor,
        action: 'group.created',
        entityType: 'group',
        entityId: row.id,
        after: {
          id: row.id,
          displayName: row.display_name,
          externalId: row.external_id,
          version: row.version,
        },
      });
    }
    await this.deps.servicesOn(trx).events.appendMany(events);
    ctx.counts.groups += events.length;
    return result;
  }
}

/** The live groups among `ids`, locked in id order (the order every batch takes them in). */
async function lockGroups(
  trx: Knex,
  tenantId: string,
  ids: string[],
): Promise<Map<string, { id: string; displayName: string; source: string }>> {
  const result = new Map<string, { id: string; displayName: string; source: string }>();
  if (ids.length === 0) return result;
  const rows = (await trx('groups')
    .where('tenant_id', tenantId)
    .whereNull('deleted_at')
    .whereRaw('id = ANY(?::uuid[])', [ids])
    .orderBy('id')
    .forUpdate()
    .select('id', 'display_name', 'source')) as Array<{ id: string; display_name: string; source: string }>;
  for (const row of rows)
    result.set(row.id, { id: row.id, displayName: row.display_name, source: row.source });
  return result;
}

function ownedPredicate(directoryOwned: string[] | null): (target: string) => boolean {
  if (directoryOwned === null) return () => true;
  const owned = new Set(directoryOwned);
  return (target) => owned.has(target);
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
