import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { ConnectorError } from '../../../connectors/entra/connector-error.js';
import type { DeltaPage, DirectoryGroup, DirectoryUser } from '../../../connectors/entra/directory-records.js';
import type { EntraDirectoryClient } from '../../../connectors/entra/entra-directory-client.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Logger } from '../../logger.js';
import type { Actor, EventInput, EventLog } from '../events/event-log.js';
import type { GroupService } from '../groups/group-service.js';
import { GroupStore } from '../groups/group-store.js';
import { deriveDisplayName, type User, type UserInput, type UserProfile } from '../users/user.js';
import type { UserService } from '../users/user-service.js';
import { ConnectionStore, type ConnectionRecord } from './connection-store.js';
import type { ConnectionService } from './connection-service.js';
import { effectiveMapping } from './directory-connection.js';
import { DirectoryMirrorStore, type DirtyUserRow } from './directory-mirror-store.js';
import { mapProfile, matchKeys, userNameOf, type MappingContext } from './directory-user-mapping.js';
import type { EntraClientRegistry } from './entra-client-registry.js';
import { emptyCounts, SyncRunStore, type SyncCounts, type SyncProblem, type SyncRun, type SyncTrigger } from './sync-run-store.js';

export interface SyncServices {
  users: UserService;
  groups: GroupService;
  events: EventLog;
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
export type StartedSync = { status: 'busy'; connectionId: string } | { status: 'started'; runId: string; finished: Promise<SyncRun> };

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
}

const GROUP_BATCH = 100;

/** The run lost its lease (it ran past it and another run took over): it must not commit another page. */
class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

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
  private readonly leaseMs: number;
  private readonly batchSize: number;

  constructor(private readonly deps: EntraSyncDeps) {
    this.leaseMs = deps.leaseMs ?? 10 * 60_000;
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
      await trx('directory_sync_runs')
        .where({ connection_id: connectionId, status: 'running' })
        .update({ status: 'failed', finished_at: trx.fn.now(), error_code: 'sync.abandoned', error_message: 'The process running this sync stopped; the next run resumed from its last committed page' });
      const full = !record.usersDeltaLink || !record.groupsDeltaLink || record.usersFullMarker !== null || record.groupsFullMarker !== null;
      await new SyncRunStore(trx).insert({ id: runId, tenantId: record.tenantId, connectionId, trigger: options.trigger, mode: full ? 'full' : 'incremental' });
      return record;
    });
    if (!connection) {
      if (!(await new ConnectionStore(knex).findById(connectionId))) throw notFound('Directory connection', connectionId);
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
      client: this.deps.clients.clientFor(connection, () => this.deps.connectionsOn(knex).clientConfig(connection)),
      counts: emptyCounts(),
      problems: [],
      scoped: new Set(connection.scopedGroupIds),
      mapping: effectiveMapping(connection.attributeMapping),
      owned: ownedPredicate(connection.directoryOwned),
      touch: options.touch ?? (async () => undefined),
      full: false,
    };
    const runs = new SyncRunStore(knex);
    try {
      // A full enumeration can grow the mirror from nothing to 100k rows within a minute, long before autovacuum
      // analyses it: fresh statistics keep the following queries on their indexes instead of scanning.
      await this.enumerate(ctx, 'users');
      if (ctx.full) await knex.raw('ANALYZE directory_users');
      await this.enumerate(ctx, 'groups');
      if (ctx.full) {
        await runs.setMode(runId, 'full');
        await knex.raw('ANALYZE directory_groups, directory_memberships');
      }
      const held = await this.applyUsers(ctx);
      // The users stage linked tens of thousands of mirror rows; see applyGroups for group_members.
      if (ctx.full) await knex.raw('ANALYZE directory_users');
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
      return runs.finish(runId, { status: 'failed', counts: ctx.counts, problems: ctx.problems, errorCode: code, errorMessage: message });
    } finally {
      await knex('directory_connections').where({ id: connectionId, lease_run_id: runId }).update({ lease_run_id: null, lease_until: null });
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

  private async decide(tenantId: string, runId: string, actor: Actor, decision: 'approved' | 'rejected'): Promise<SyncRun> {
    const { knex } = this.deps;
    const run = await this.getRun(tenantId, runId);
    const leaseId = randomUUID();
    if (!(await knex.transaction((trx) => this.takeLease(trx, run.connectionId, leaseId)))) {
      throw new DomainError('directory_sync.already_running', 'A sync of this connection is running; decide once it has finished');
    }
    try {
      return await knex.transaction(async (trx) => {
        const runs = new SyncRunStore(trx);
        const locked = await runs.find(tenantId, runId, { forUpdate: true });
        if (!locked || locked.status !== 'held') throw new DomainError('directory_sync_run.invalid_state', `Run ${runId} is not held (it is ${locked?.status ?? 'gone'})`);
        const connection = await new ConnectionStore(trx).find(tenantId, locked.connectionId);
        if (!connection) throw notFound('Directory connection', locked.connectionId);
        const mirror = new DirectoryMirrorStore(trx);
        const planned = new Set(locked.plannedSuspensions ?? []);
        const stillPlanned = (await mirror.plannedSuspensions(connection.id, connection.scopedGroupIds.length === 0)).filter((p) => planned.has(p.user_id));
        let suspended = 0;
        if (decision === 'approved') {
          const users = this.deps.servicesOn(trx).users;
          for (const { user_id } of stillPlanned) {
            await users.modify(tenantId, user_id, (current) => ({ ...inputOf(current), active: false }), actor, undefined);
            suspended += 1;
          }
        }
        await mirror.markUsersClean(connection.id, stillPlanned.map((p) => p.object_id));
        return runs.decide(runId, decision, actorLabel(actor), suspended);
      });
    } finally {
      await knex('directory_connections').where({ id: run.connectionId, lease_run_id: leaseId }).update({ lease_run_id: null, lease_until: null });
    }
  }

  private async takeLease(trx: Knex, connectionId: string, runId: string): Promise<ConnectionRecord | null> {
    if (!isUuid(connectionId)) return null;
    const [row] = await trx('directory_connections')
      .where({ id: connectionId })
      .andWhere((q) => q.whereNull('lease_until').orWhere('lease_until', '<', trx.fn.now()))
      .update({ lease_run_id: runId, lease_until: trx.raw("now() + ? * interval '1 millisecond'", [this.leaseMs]) })
      .returning('*');
    return row ? new ConnectionStore(trx).findById(connectionId) : null;
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
      const pages: AsyncIterable<DeltaPage<unknown>> =
        resource === 'users' ? ctx.client.usersDelta(link ?? undefined) : ctx.client.groupsDelta(link ?? undefined);
      try {
        for await (const page of pages) {
          await this.commitPage(ctx, resource, page, marker);
          ctx.counts.pages += 1;
          if (resource === 'users') {
            state.usersResumeLink = page.nextLink ?? null;
            if (page.deltaLink) Object.assign(state, { usersDeltaLink: page.deltaLink, usersFullMarker: null });
            else state.usersFullMarker = marker;
          } else {
            state.groupsResumeLink = page.nextLink ?? null;
            if (page.deltaLink) Object.assign(state, { groupsDeltaLink: page.deltaLink, groupsFullMarker: null });
            else state.groupsFullMarker = marker;
          }
          await ctx.touch();
        }
        return;
      } catch (error) {
        if (!(error instanceof ConnectorError && error.code === 'delta.expired') || restarted) throw error;
        // Graph forgot the sync state: enumerate everything again; the sweep at its end suspends whoever is gone.
        this.deps.logger.info({ connectionId: ctx.connection.id, resource }, 'delta link expired, running a full sync');
        const reset = resource === 'users'
          ? { users_delta_link: null, users_resume_link: null, users_full_marker: null }
          : { groups_delta_link: null, groups_resume_link: null, groups_full_marker: null };
        await this.deps.knex('directory_connections').where({ id: ctx.connection.id, lease_run_id: ctx.runId }).update(reset);
        if (resource === 'users') Object.assign(state, { usersDeltaLink: null, usersResumeLink: null, usersFullMarker: null });
        else Object.assign(state, { groupsDeltaLink: null, groupsResumeLink: null, groupsFullMarker: null });
      }
    }
  }

  private async commitPage(ctx: RunContext, resource: Resource, page: DeltaPage<unknown>, marker: string | null): Promise<void> {
    const { connection } = ctx;
    await this.deps.knex.transaction(async (trx) => {
      const mirror = new DirectoryMirrorStore(trx);
      const options = { connectionId: connection.id, tenantId: connection.tenantId, marker };
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
        lease_until: trx.raw("now() + ? * interval '1 millisecond'", [this.leaseMs]),
      };
      if (page.deltaLink) columns[`${resource}_delta_link`] = page.deltaLink;
      const saved = await trx('directory_connections').where({ id: connection.id, lease_run_id: ctx.runId }).update(columns);
      if (saved === 0) throw new LeaseLostError(`Run ${ctx.runId} lost its lease on connection ${connection.id}`);
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
        const rows = await new DirectoryMirrorStore(knex).dirtyUsers(connection.id, allInScope, after, this.batchSize);
        if (rows.length === 0) break;
        // A first sync starts from an empty users table whose statistics say "empty" until autovacuum catches up,
        // and the planner then answers every lookup with a scan. Once analysed with rows in it, the planner scales
        // its estimates with the table's growth by itself, so one ANALYZE after the first batch is enough.
        if (ctx.full && pass === 0 && batch === 1) await knex.raw('ANALYZE users');

        after = rows[rows.length - 1]?.seq ?? after;
        await knex.transaction((trx) => this.applyUserBatch(trx, ctx, rows, held, collect));
        await ctx.touch();
      }
      // Reports written before their manager was a seatsync user: one more pass now that everyone exists.
      if (pendingManagers.length === 0) break;
      await new DirectoryMirrorStore(knex).markUsersDirty(connection.id, pendingManagers);
      pendingManagers = [];
    }
    return planned.filter((p) => held.has(p.object_id)).map((p) => p.user_id);
  }

  private async applyUserBatch(trx: Knex, ctx: RunContext, rows: DirtyUserRow[], held: Set<string>, pendingManagers: string[] | null): Promise<void> {
    const { connection, actor } = ctx;
    const tenantId = connection.tenantId;
    const services = this.deps.servicesOn(trx);
    const mirror = new DirectoryMirrorStore(trx);

    const linkedIds = rows.map((r) => r.user_id).filter((id): id is string => id !== null);
    const current = new Map<string, { id: string; user_name: string; active: boolean; profile: UserProfile; source: string }>();
    if (linkedIds.length > 0) {
      const found = await trx('users')
        .where('tenant_id', tenantId)
        .whereNull('deleted_at')
        .whereRaw('id = ANY(?::uuid[])', [linkedIds])
        .select('id', 'user_name', 'active', 'profile', 'source');
      for (const user of found) current.set(user.id, user);
    }
    const desiredActive = (row: DirtyUserRow) => row.in_scope && !row.removed && row.data.accountEnabled !== false;
    const unlinked = rows.filter((r) => desiredActive(r) && !(r.user_id && current.has(r.user_id)));
    const matches = await this.findMatches(trx, ctx, unlinked);

    const managerIds = [...new Set(rows.map((r) => r.data.managerId).filter((id): id is string => typeof id === 'string'))];
    const managers = await mirror.linkedUsers(connection.id, managerIds);
    const context: MappingContext = { mapping: ctx.mapping, owned: ctx.owned, resolveManager: (id) => managers.get(id) };

    const clean: string[] = [];
    const newlyLinked: string[] = [];
    const creates: Array<{ row: DirtyUserRow; id: string; userName: string }> = [];
    for (const row of rows) {
      const linked = row.user_id ? current.get(row.user_id) : undefined;
      if (!desiredActive(row)) {
        if (linked?.active) {
          if (held.has(row.object_id)) continue;
          await services.users.modify(tenantId, linked.id, (user) => ({ ...inputOf(user), active: false }), actor, undefined);
          ctx.counts.suspended += 1;
        }
        clean.push(row.object_id);
        continue;
      }
      const target = linked ? linked.id : matches.get(row.object_id);
      if (target) {
        if (!linked) {
          await mirror.linkUser(connection.id, row.object_id, target);
          newlyLinked.push(row.object_id);
        }
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
        clean.push(row.object_id);
        continue;
      }
      const userName = userNameOf(row.data);
      if (!userName) {
        ctx.problems.push({ objectId: row.object_id, code: 'user.no_user_name', message: 'The directory user has neither a userPrincipalName nor a mail' });
        continue;
      }
      const id = randomUUID();
      creates.push({ row, id, userName });
      // Reports in the same batch can point at a manager created here.
      managers.set(row.object_id, row.data.displayName ? { value: id, displayName: row.data.displayName } : { value: id });
    }

    if (creates.length > 0) {
      const records = creates.map(({ row, id, userName }) => {
        const mapped = mapProfile({}, row.data, context, true);
        if (mapped.managerPending) pendingManagers?.push(row.object_id);
        return { id, user_name: userName, display_name: deriveDisplayName(mapped.profile), profile: mapped.profile };
      });
      // One statement for the batch instead of a UserService.create per user: a first sync brings tens of
      // thousands. ON CONFLICT DO NOTHING: a userName held by another user is a problem to report, not a failed batch.
      const inserted = await trx.raw(
        `INSERT INTO users (id, tenant_id, user_name, display_name, active, profile, source)
         SELECT x.id, ?::uuid, x.user_name, x.display_name, true, x.profile, 'entra'
         FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, user_name text, display_name text, profile jsonb)
         ON CONFLICT DO NOTHING
         RETURNING id, user_name, external_id, display_name, active, profile, version`,
        [tenantId, JSON.stringify(records)],
      );
      const createdRows = inserted.rows as Array<{ id: string; user_name: string; external_id: string | null; display_name: string | null; active: boolean; profile: UserProfile; version: number }>;
      const createdIds = new Set(createdRows.map((r) => r.id));
      const links: Array<{ objectId: string; userId: string }> = [];
      for (const create of creates) {
        if (createdIds.has(create.id)) {
          links.push({ objectId: create.row.object_id, userId: create.id });
          clean.push(create.row.object_id);
          newlyLinked.push(create.row.object_id);
        } else {
          ctx.problems.push({ objectId: create.row.object_id, code: 'user.user_name_taken', message: `userName ${create.userName} belongs to another seatsync user` });
        }
      }
      await mirror.linkUsers(connection.id, links);
      const events: EventInput[] = createdRows.map((r) => ({
        tenantId,
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: r.id,
        after: { id: r.id, userName: r.user_name, externalId: r.external_id, displayName: r.display_name, active: r.active, profile: r.profile, version: r.version },
      }));
      await services.events.appendMany(events);
      ctx.counts.created += createdRows.length;
    }
    if (newlyLinked.length > 0) {
      // Their groups were applied before they were seatsync users: those groups need their members again.
      await trx.raw(
        `UPDATE directory_groups g SET dirty = true WHERE g.connection_id = ? AND NOT g.dirty AND g.object_id IN (
           SELECT m.group_object_id FROM directory_memberships m WHERE m.connection_id = ? AND m.member_object_id = ANY(?::text[]))`,
        [connection.id, connection.id, newlyLinked],
      );
    }
    await mirror.markUsersClean(connection.id, clean);
  }

  /** Existing seatsync users, not linked to this connection yet, whose userName or e-mail equals the directory user's mail or UPN. */
  private async findMatches(trx: Knex, ctx: RunContext, rows: DirtyUserRow[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const keys = [...new Set(rows.flatMap((r) => matchKeys(r.data)))];
    if (keys.length === 0) return result;
    // Three index lookups rather than one query with OR, which is planned as a scan. The e-mail lookup compares the
    // tenant as text so that the GIN index is its only usable index.
    const byName = await trx.raw(
      `SELECT id, lower(user_name) AS user_name, user_email_keys(profile) AS emails FROM users
       WHERE tenant_id = ? AND deleted_at IS NULL AND lower(user_name) = ANY(?::text[])`,
      [ctx.connection.tenantId, keys],
    );
    const byMail = await trx.raw(
      `SELECT id, lower(user_name) AS user_name, user_email_keys(profile) AS emails FROM users
       WHERE deleted_at IS NULL AND user_email_keys(profile) && ?::text[] AND tenant_id::text = ?`,
      [keys, ctx.connection.tenantId],
    );
    const candidates = [...byName.rows, ...byMail.rows] as Array<{ id: string; user_name: string; emails: string[] }>;
    const linked = new Set<string>();
    if (candidates.length > 0) {
      const rows = await trx('directory_users')
        .where('connection_id', ctx.connection.id)
        .whereRaw('user_id = ANY(?::uuid[])', [candidates.map((c) => c.id)])
        .pluck('user_id');
      for (const id of rows as string[]) linked.add(id);
    }
    const found = { rows: candidates.filter((c) => !linked.has(c.id)) };
    const byUserName = new Map<string, string>();
    const byEmail = new Map<string, string>();
    for (const user of found.rows as Array<{ id: string; user_name: string; emails: string[] }>) {
      byUserName.set(user.user_name, user.id);
      for (const email of user.emails) if (!byEmail.has(email)) byEmail.set(email, user.id);
    }
    const taken = new Set<string>();
    for (const row of rows) {
      const candidates = matchKeys(row.data).flatMap((key) => [byUserName.get(key), byEmail.get(key)]);
      const id = candidates.find((c): c is string => c !== undefined && !taken.has(c));
      if (id) {
        taken.add(id);
        result.set(row.object_id, id);
      }
    }
    return result;
  }

  private async applyGroups(ctx: RunContext): Promise<void> {
    const { knex } = this.deps;
    const { connection, actor } = ctx;
    const tenantId = connection.tenantId;
    const allInScope = ctx.scoped.size === 0;
    let after = '';
    for (let batch = 0; ; batch += 1) {
      const rows = await new DirectoryMirrorStore(knex).dirtyGroups(connection.id, GROUP_BATCH, after);
      if (rows.length === 0) break;
      // A first sync fills group_members from nothing: analysed once it has rows (see applyUsers).
      if (ctx.full && batch === 1) await knex.raw('ANALYZE group_members');
      after = rows[rows.length - 1]?.object_id ?? after;
      await knex.transaction(async (trx) => {
        const services = this.deps.servicesOn(trx);
        const store = new GroupStore(trx);
        const mirror = new DirectoryMirrorStore(trx);
        const clean: string[] = [];
        for (const row of rows) {
          const displayName = row.data.displayName?.trim();
          const desired = !row.removed && (allInScope || ctx.scoped.has(row.object_id)) && Boolean(displayName);
          let group = row.group_id ? await store.find(tenantId, row.group_id) : null;
          if (!desired || !displayName) {
            if (group) {
              if (group.source === 'entra') await services.groups.delete(tenantId, group.id, actor, undefined);
              await mirror.linkGroup(connection.id, row.object_id, null);
              ctx.counts.groups += 1;
            }
            clean.push(row.object_id);
            continue;
          }
          if (!group) {
            const existing = await trx('groups')
              .where('tenant_id', tenantId)
              .whereNull('deleted_at')
              .whereRaw('lower(display_name) = lower(?)', [displayName])
              .whereNotExists(trx('directory_groups').where('connection_id', connection.id).whereRaw('directory_groups.group_id = groups.id'))
              .first('id');
            if (existing) {
              group = await store.find(tenantId, existing.id);
            } else {
              try {
                // A savepoint: a name clash with another directory group must not abort the whole batch.
                group = await trx.transaction((sp) => this.deps.servicesOn(sp).groups.create(tenantId, { displayName, members: [] }, 'entra', actor));
                ctx.counts.groups += 1;
              } catch (error) {
                if (!(error instanceof DomainError)) throw error;
                ctx.problems.push({ objectId: row.object_id, code: 'group.' + error.code, message: error.message });
                continue;
              }
            }
            if (!group) continue;
            await mirror.linkGroup(connection.id, row.object_id, group.id);
          } else if (group.displayName !== displayName) {
            const groupId = group.id;
            try {
              await trx.transaction((sp) => this.deps.servicesOn(sp).groups.modify(tenantId, groupId, [{ kind: 'set', displayName }], actor, undefined));
              ctx.counts.groups += 1;
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              ctx.problems.push({ objectId: row.object_id, code: 'group.' + error.code, message: error.message });
            }
          }
          const diff = await mirror.membershipDiff(connection.id, row.object_id, group.id);
          if (diff.add.length > 0 || diff.remove.length > 0) {
            await services.groups.modify(
              tenantId,
              group.id,
              [
                { kind: 'addMembers', members: diff.add.map((userId) => ({ userId })), ignoreUnknown: true },
                { kind: 'removeMembers', userIds: diff.remove },
              ],
              actor,
              undefined,
            );
            ctx.counts.membershipsAdded += diff.add.length;
            ctx.counts.membershipsRemoved += diff.remove.length;
          }
          clean.push(row.object_id);
        }
        await mirror.markGroupsClean(connection.id, clean);
      });
      await ctx.touch();
    }
  }
}

/** A user's current state as input for UserService.modify, to change one part of it. */
function inputOf(user: User): UserInput {
  return { userName: user.userName, externalId: user.externalId, active: user.active, profile: user.profile };
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
