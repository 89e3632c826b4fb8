import type { Knex } from 'knex';
import type { Actor, EventInput, EventLog } from '../events/event-log.js';
import type { Reactions } from '../reactions.js';

/** One seatsync group whose membership a sync batch changed. */
export interface MembershipChange {
  groupId: string;
  /** Seatsync user ids that became members. */
  added: string[];
  /** Seatsync user ids that stopped being members. */
  removed: string[];
}

/** A directory group and the seatsync group it feeds, locked by the caller's transaction. */
export interface LinkedGroup {
  objectId: string;
  groupId: string;
  /** Compare the whole membership (a group never applied, or linked anew), not only its recorded changed members. */
  whole: boolean;
}

/**
 * Makes the members of many seatsync groups equal to their mirrored directory members (those that are live
 * seatsync users): the difference in one read, then one DELETE and one INSERT for the whole batch, so neither the
 * batch's nor a group's size means a round trip per group. The caller holds the groups' row locks, as
 * GroupService.modify would.
 */
export async function writeMemberships(
  db: Knex,
  connectionId: string,
  tenantId: string,
  groups: LinkedGroup[],
): Promise<MembershipChange[]> {
  if (groups.length === 0) return [];
  // A whole group: its desired and actual members are read by lateral subqueries that OFFSET 0 keeps from being
  // flattened, so each is a primary-key range scan of that group alone. Flattened into one join, the planner
  // hashed every user and every membership of the tenant per batch (3 s for 200 groups), on statistics that a
  // first sync outgrows while it runs.
  // Any other group: only its recorded changed members, each looked up by primary key (scalar subqueries, which
  // the planner cannot turn into a hash of the whole table): an incremental run's hundred changes are a hundred
  // lookups, not the ~15,000 members of the groups they touch.
  // Whether a desired member is a live user is asked only of those to add.
  const diff = await db.raw(
    `WITH batch AS (SELECT * FROM unnest(?::text[], ?::uuid[], ?::boolean[]) AS b(object_id, group_id, whole)),
     desired AS MATERIALIZED (
       SELECT b.group_id, d.user_id FROM batch b CROSS JOIN LATERAL (
         SELECT du.user_id FROM directory_memberships m
         JOIN directory_users du ON du.connection_id = m.connection_id AND du.object_id = m.member_object_id
         WHERE m.connection_id = ? AND m.group_object_id = b.object_id AND du.user_id IS NOT NULL
         OFFSET 0
       ) d
       WHERE b.whole
     ),
     actual AS MATERIALIZED (
       SELECT b.group_id, a.user_id FROM batch b CROSS JOIN LATERAL (
         SELECT gm.user_id FROM group_members gm WHERE gm.group_id = b.group_id OFFSET 0
       ) a
       WHERE b.whole
     ),
     changed AS MATERIALIZED (
       SELECT p.group_id, p.user_id,
         (SELECT true FROM directory_memberships m
          WHERE m.connection_id = c.connection_id AND m.group_object_id = c.group_object_id AND m.member_object_id = c.member_object_id) IS NOT NULL AS member,
         (SELECT true FROM group_members gm WHERE gm.group_id = p.group_id AND gm.user_id = p.user_id) IS NOT NULL AS present
       FROM batch b
       JOIN directory_membership_changes c ON c.connection_id = ? AND c.group_object_id = b.object_id
       CROSS JOIN LATERAL (
         SELECT b.group_id, (SELECT du.user_id FROM directory_users du WHERE du.connection_id = c.connection_id AND du.object_id = c.member_object_id) AS user_id
       ) p
       WHERE NOT b.whole AND p.user_id IS NOT NULL
     )
     SELECT true AS add, group_id, user_id FROM (SELECT group_id, user_id FROM desired EXCEPT SELECT group_id, user_id FROM actual) x
     UNION ALL
     SELECT false, group_id, user_id FROM (SELECT group_id, user_id FROM actual EXCEPT SELECT group_id, user_id FROM desired) y
     UNION ALL
     SELECT member, group_id, user_id FROM changed WHERE member <> present`,
    [
      groups.map((g) => g.objectId),
      groups.map((g) => g.groupId),
      groups.map((g) => g.whole),
      connectionId,
      connectionId,
    ],
  );
  const rows = diff.rows as Array<{ add: boolean; group_id: string; user_id: string }>;
  const adds = rows.filter((r) => r.add);
  const removes = rows.filter((r) => !r.add);
  const changes = new Map<string, MembershipChange>();
  const changeOf = (groupId: string) => {
    let change = changes.get(groupId);
    if (!change) {
      change = { groupId, added: [], removed: [] };
      changes.set(groupId, change);
    }
    return change;
  };
  if (removes.length > 0) {
    const removed = await db.raw(
      `DELETE FROM group_members gm USING unnest(?::uuid[], ?::uuid[]) AS x(g, u)
       WHERE gm.group_id = x.g AND gm.user_id = x.u RETURNING gm.group_id, gm.user_id`,
      [removes.map((r) => r.group_id), removes.map((r) => r.user_id)],
    );
    for (const row of removed.rows as Array<{ group_id: string; user_id: string }>)
      changeOf(row.group_id).removed.push(row.user_id);
  }
  if (adds.length > 0) {
    const added = await db.raw(
      `INSERT INTO group_members (group_id, user_id, tenant_id)
       SELECT x.g, x.u, ?::uuid FROM unnest(?::uuid[], ?::uuid[]) AS x(g, u)
       WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = x.u AND u.deleted_at IS NULL)
       ON CONFLICT DO NOTHING RETURNING group_id, user_id`,
      [tenantId, adds.map((r) => r.group_id), adds.map((r) => r.user_id)],
    );
    for (const row of added.rows as Array<{ group_id: string; user_id: string }>)
      changeOf(row.group_id).added.push(row.user_id);
  }
  return [...changes.values()];
}

/**
 * The one place where the membership changes of a sync batch are known, inside the batch's transaction, after
 * they were written: records them as GroupService.modify records its own (a version bump per group,
 * `group.members_added` / `group.members_removed` events) and tells the same membership listener GroupService
 * tells (the rules engine), per group, with the users who joined or left it, so their licenses follow in the
 * same commit.
 */
export async function recordMembershipChanges(
  db: Knex,
  services: { events: EventLog; membershipChanged: Reactions['membershipChanged'] },
  tenantId: string,
  actor: Actor,
  changes: MembershipChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await db('groups')
    .where('tenant_id', tenantId)
    .whereRaw('id = ANY(?::uuid[])', [changes.map((c) => c.groupId)])
    .update({ version: db.raw('version + 1'), updated_at: db.fn.now() });
  const records: EventInput[] = [];
  for (const change of changes) {
    if (change.added.length > 0)
      records.push(membersEvent(tenantId, actor, change.groupId, 'group.members_added', change.added));
    if (change.removed.length > 0)
      records.push(membersEvent(tenantId, actor, change.groupId, 'group.members_removed', change.removed));
  }
  await services.events.appendMany(records);
  for (const change of changes)
    await services.membershipChanged(tenantId, change.groupId, [...change.added, ...change.removed], actor);
}

// The shape GroupService writes, so a reader of the event log cannot tell which path made the change.
function membersEvent(
  tenantId: string,
  actor: Actor,
  groupId: string,
  action: 'group.members_added' | 'group.members_removed',
  userIds: string[],
): EventInput {
  return { tenantId, actor, action, entityType: 'group', entityId: groupId, after: { userIds } };
}
