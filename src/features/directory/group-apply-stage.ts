import type { Knex } from 'knex';
import { DomainError } from '../../domain-error.js';
import { DirectoryLinks } from './directory-links.js';
import { DirectoryMirrorStore, type DirtyGroupRow } from './directory-mirror-store.js';
import { membershipDiff, type LinkedGroup } from './membership-diff.js';
import { analyzeAfterLoad, disableJit } from './planner-settings.js';
import { inBatch, type RunContext, type SyncStageDeps } from './sync-run-context.js';

const GROUP_BATCH = 200;

/**
 * Stage 2b of a sync: applies the mirror's dirty groups to seatsync groups through GroupService, in batches of
 * groups, each one transaction: deletions and renames one by one (rare), creations in one statement, and the
 * membership of every group of the batch in one set-based change, all under the groups' row locks.
 */
export async function applyGroups(deps: SyncStageDeps, ctx: RunContext): Promise<void> {
  const { knex } = deps;
  const mirror = new DirectoryMirrorStore(knex);
  let after = '';
  for (let batch = 0; ; batch += 1) {
    const rows = await mirror.dirtyGroups(ctx.connection.id, GROUP_BATCH, after);
    if (rows.length === 0) break;
    // A first sync fills group_members from nothing: analysed once it has rows (see applyUsers).
    if (ctx.full && batch === 1) await analyzeAfterLoad(knex, 'group_members');
    after = rows[rows.length - 1]?.object_id ?? after;
    await inBatch(deps, ctx, async (trx, tally) => {
      await disableJit(trx);
      await applyGroupBatch(deps, trx, tally, rows);
    });
    await ctx.touch();
  }
}

async function applyGroupBatch(
  deps: SyncStageDeps,
  trx: Knex,
  ctx: RunContext,
  rows: DirtyGroupRow[],
): Promise<void> {
  const { connection, actor } = ctx;
  const tenantId = connection.tenantId;
  const allInScope = ctx.scoped.size === 0;
  const { groups } = deps.servicesOn(trx);
  const linked = new Map(
    (
      await groups.lockMany(
        tenantId,
        rows.map((r) => r.group_id).filter((id): id is string => id !== null),
      )
    ).map((g) => [g.id, g]),
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
        if (group.source === 'entra') await groups.delete(tenantId, group.id, actor, undefined);
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
          deps
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
  for (const { objectId, groupId } of await adoptOrCreateGroups(deps, trx, ctx, unlinked)) {
    members.push({ objectId, groupId, whole: true });
    settled.push({ objectId, groupId });
  }
  const { add, remove } = await membershipDiff(trx, connection.id, members);
  for (const change of await groups.applyMembershipBatch(tenantId, remove, add, actor)) {
    ctx.counts.membershipsAdded += change.added.length;
    ctx.counts.membershipsRemoved += change.removed.length;
  }
  await new DirectoryMirrorStore(trx).settleGroups(connection.id, settled);
}

/**
 * Seatsync groups for directory groups that have none: an existing group of the same name that no directory
 * group of this connection feeds is adopted; otherwise one is created (all in one statement, with their events).
 * A name another group holds is a problem of the run, not a failed batch. The groups returned are locked.
 */
async function adoptOrCreateGroups(
  deps: SyncStageDeps,
  trx: Knex,
  ctx: RunContext,
  wanted: Array<{ objectId: string; displayName: string }>,
): Promise<Array<{ objectId: string; groupId: string }>> {
  if (wanted.length === 0) return [];
  const { connection, actor } = ctx;
  const tenantId = connection.tenantId;
  const { groups } = deps.servicesOn(trx);
  const sameName = await groups.lockByNames(
    tenantId,
    wanted.map((w) => w.displayName),
  );
  const fed = await new DirectoryLinks(trx).linkedGroupsAmong(
    connection.id,
    sameName.map((g) => g.id),
  );
  const adoptable = new Map<string, string>();
  for (const group of sameName) {
    const name = group.displayName.toLowerCase();
    if (!fed.has(group.id) && !adoptable.has(name)) adoptable.set(name, group.id);
  }
  const result: Array<{ objectId: string; groupId: string }> = [];
  const create: Array<{ objectId: string; displayName: string }> = [];
  const claimed = new Set<string>();
  const nameTaken = (w: { objectId: string; displayName: string }) =>
    ctx.problems.push({
      objectId: w.objectId,
      code: 'group.uniqueness',
      message: `A group named ${w.displayName} already exists`,
    });
  for (const w of wanted) {
    const name = w.displayName.toLowerCase();
    const id = adoptable.get(name);
    if (id && !claimed.has(name)) result.push({ objectId: w.objectId, groupId: id });
    else if (!claimed.has(name)) create.push(w);
    else nameTaken(w);
    claimed.add(name);
  }
  if (create.length === 0) return result;
  // A name taken by a group another directory group feeds is reported, not fatal.
  const created = new Map(
    (
      await groups.createMany(
        tenantId,
        create.map((c) => c.displayName),
        'entra',
        actor,
      )
    ).map((g) => [g.displayName.toLowerCase(), g]),
  );
  for (const c of create) {
    const group = created.get(c.displayName.toLowerCase());
    if (!group) nameTaken(c);
    else result.push({ objectId: c.objectId, groupId: group.id });
  }
  ctx.counts.groups += created.size;
  return result;
}
