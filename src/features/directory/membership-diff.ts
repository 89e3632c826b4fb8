import type { Knex } from 'knex';

/** A directory group and the seatsync group it feeds, locked by the caller's transaction. */
export interface LinkedGroup {
  objectId: string;
  groupId: string;
  /** Compare the whole membership (a group never applied, or linked anew), not only its recorded changed members. */
  whole: boolean;
}

/** A membership to add or remove: a seatsync user in a seatsync group. */
export interface MemberPair {
  groupId: string;
  userId: string;
}

/**
 * What makes the members of many seatsync groups equal to their mirrored directory members (those that are seatsync
 * users): the pairs to add and to remove, in one read for the whole batch, so neither the batch's nor a group's size
 * means a round trip per group. GroupService.applyMembershipBatch writes them; the caller holds the groups' locks.
 */
export async function membershipDiff(
  db: Knex,
  connectionId: string,
  groups: LinkedGroup[],
): Promise<{ add: MemberPair[]; remove: MemberPair[] }> {
  if (groups.length === 0) return { add: [], remove: [] };
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
  const pair = (r: { group_id: string; user_id: string }) => ({ groupId: r.group_id, userId: r.user_id });
  return { add: rows.filter((r) => r.add).map(pair), remove: rows.filter((r) => !r.add).map(pair) };
}
