import type { Knex } from 'knex';

/**
 * Fresh planner statistics of a table a sync has just filled (a full enumeration grows the mirror, a first sync the
 * users and memberships, long before autovacuum analyses them). Of directory_users only the columns queries select
 * and join on: statistics of the wide `data` document would double ANALYZE's cost.
 */
export async function analyzeAfterLoad(
  db: Knex,
  table: 'directory_users' | 'directory_groups' | 'users' | 'group_members',
): Promise<void> {
  const statements = {
    directory_users: 'ANALYZE directory_users (connection_id, object_id, seq, dirty, removed, user_id)',
    directory_groups: 'ANALYZE directory_groups, directory_memberships',
    users: 'ANALYZE users',
    group_members: 'ANALYZE group_members',
  };
  await db.raw(statements[table]);
}

/**
 * No JIT compilation for the rest of the caller's transaction: the membership difference of a batch is costed high
 * enough for it, and compiling took longer (0.7 s) than running the statements, index probes that gain nothing.
 */
export async function disableJit(db: Knex): Promise<void> {
  await db.raw('SET LOCAL jit = off');
}
