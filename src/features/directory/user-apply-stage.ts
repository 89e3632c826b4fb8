import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import type { User } from '../users/user.js';
import { DirectoryLinks } from './directory-links.js';
import { DirectoryMirrorStore, type DirtyUserRow } from './directory-mirror-store.js';
import { inputOf, mapProfile, matchKeys, userNameOf, type MappingContext } from './directory-user-mapping.js';
import { analyzeAfterLoad } from './planner-settings.js';
import { inBatch, type RunContext, type SyncStageDeps } from './sync-run-context.js';
import { timeOrderedUuid } from './time-ordered-uuid.js';

/**
 * Stage 2a of a sync: applies the mirror's dirty users to seatsync users (create, link by e-mail, update the
 * directory-owned attributes, suspend, reactivate) through UserService, in batches, each one transaction. It compares
 * desired with actual state, so re-running it after a failure does no harm. Returns the seatsync ids of the
 * suspensions held back by the tenant's mass-change threshold.
 */
export async function applyUsers(deps: SyncStageDeps, ctx: RunContext): Promise<string[]> {
  const { knex } = deps;
  const { connection } = ctx;
  const allInScope = ctx.scoped.size === 0;
  const mirror = new DirectoryMirrorStore(knex);
  const planned = await mirror.plannedSuspensions(connection.id, allInScope);
  const threshold = (await deps.servicesOn(knex).tenants.get(connection.tenantId)).massChangeThreshold;
  const held = planned.length > threshold ? new Set(planned.map((p) => p.object_id)) : new Set<string>();

  let pendingManagers: string[] = [];
  for (let pass = 0; pass < 2; pass += 1) {
    const collect = pass === 0 ? pendingManagers : null;
    let after = '0';
    for (let batch = 0; ; batch += 1) {
      const rows = await mirror.dirtyUsers(connection.id, allInScope, after, deps.batchSize);
      if (rows.length === 0) break;
      // A first sync starts from an empty users table whose statistics say "empty" until autovacuum catches up,
      // and the planner then answers every lookup with a scan. Once analysed with rows in it, the planner scales
      // its estimates with the table's growth by itself, so one ANALYZE after the first batch is enough.
      if (ctx.full && pass === 0 && batch === 1) await analyzeAfterLoad(knex, 'users');

      after = rows[rows.length - 1]?.seq ?? after;
      await inBatch(deps, ctx, (trx, tally) => applyUserBatch(deps, trx, tally, rows, held, collect));
      await ctx.touch();
      ctx.stop.signal.throwIfAborted();
    }
    // Reports written before their manager was a seatsync user: one more pass now that everyone exists.
    if (pendingManagers.length === 0) break;
    await mirror.markUsersDirty(connection.id, pendingManagers);
    pendingManagers = [];
  }
  return planned.filter((p) => held.has(p.object_id)).map((p) => p.user_id);
}

const desiredActive = (row: DirtyUserRow) =>
  row.in_scope && !row.removed && row.data.accountEnabled !== false;

async function applyUserBatch(
  deps: SyncStageDeps,
  trx: Knex,
  ctx: RunContext,
  rows: DirtyUserRow[],
  held: Set<string>,
  pendingManagers: string[] | null,
): Promise<void> {
  const { connection, actor } = ctx;
  const tenantId = connection.tenantId;
  const { users } = deps.servicesOn(trx);
  const mirror = new DirectoryMirrorStore(trx);

  const linkedIds = rows.map((r) => r.user_id).filter((id): id is string => id !== null);
  const current = new Map<string, User>((await users.findMany(tenantId, linkedIds)).map((u) => [u.id, u]));
  const unlinked = rows.filter((r) => desiredActive(r) && !(r.user_id && current.has(r.user_id)));
  const matches = await findMatches(trx, deps, ctx, unlinked);

  const managerIds = [
    ...new Set(rows.map((r) => r.data.managerId).filter((id): id is string => typeof id === 'string')),
  ];
  const managers = await new DirectoryLinks(trx).linkedUsers(connection.id, managerIds);
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
        await users.modify(
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
      const renamed = linked?.source === 'entra' && upn !== undefined && upn !== linked.userName;
      if (!linked || !linked.active || renamed || !isDeepStrictEqual(mapped?.profile, linked.profile)) {
        let pending = false;
        let wasActive = true;
        await users.modify(
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
    // One statement for the batch instead of a create per user: a first sync brings tens of thousands.
    const created = new Set(
      await users.createMany(
        tenantId,
        creates.map(({ row, id, userName }) => {
          const mapped = mapProfile({}, row.data, context, true);
          if (mapped.managerPending) pendingManagers?.push(row.object_id);
          return { id, userName, profile: mapped.profile };
        }),
        'entra',
        actor,
      ),
    );
    for (const create of creates) {
      if (created.has(create.id)) {
        settled.push({ objectId: create.row.object_id, userId: create.id });
        newlyLinked.push(create.row.object_id);
      } else {
        // A userName held by another user is a problem to report, not a failed batch.
        ctx.problems.push({
          objectId: create.row.object_id,
          code: 'user.username_taken',
          message: `userName ${create.userName} belongs to another seatsync user`,
        });
      }
    }
    ctx.counts.created += created.size;
  }
  // Their groups were applied before they were seatsync users: those groups need them as members now. While no
  // group has been applied (a first sync), each is still to be applied whole.
  if (!ctx.groupsPending) await mirror.markGroupsOfNewMembers(connection.id, newlyLinked);
  await mirror.settleUsers(connection.id, settled);
}

/** Existing seatsync users, not linked to this connection yet, whose userName or e-mail equals the directory user's mail or UPN. */
async function findMatches(
  trx: Knex,
  deps: SyncStageDeps,
  ctx: RunContext,
  rows: DirtyUserRow[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const keys = [...new Set(rows.flatMap((r) => matchKeys(r.data)))];
  if (keys.length === 0) return result;
  const candidates = (await deps.servicesOn(trx).users.findByLoginKeys(ctx.connection.tenantId, keys)).sort(
    (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  if (candidates.length === 0) return result;
  // Users this connection feeds already are not candidates.
  const linked = await new DirectoryLinks(trx).linkedAmong(
    ctx.connection.id,
    candidates.map((c) => c.id),
  );
  const byUserName = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const row of candidates) {
    if (linked.has(row.id)) continue;
    const into = row.byName ? byUserName : byEmail;
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
