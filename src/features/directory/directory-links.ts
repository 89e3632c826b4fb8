import type { Knex } from 'knex';

/**
 * Which seatsync users and groups a connection's directory objects feed: reads of the mirror's links, for the apply
 * stages of a sync and for contact reconciliation.
 */
export class DirectoryLinks {
  constructor(private readonly db: Knex) {}

  /** Seatsync users (id and display name) behind directory object ids, for manager references. */
  async linkedUsers(
    connectionId: string,
    objectIds: string[],
  ): Promise<Map<string, { value: string; displayName?: string }>> {
    const out = new Map<string, { value: string; displayName?: string }>();
    if (objectIds.length === 0) return out;
    // Two primary-key probes per id, whatever the statistics say. Written as a join, it was planned as a hash of
    // every user, or as a scan of the partial (connection_id, user_id) index per id, on every batch of a first
    // sync: the statistics of directory_users.user_id date from before any user was linked.
    const result = await this.db.raw(
      `SELECT x.object_id, m.id, m.display_name FROM unnest(?::text[]) AS x(object_id)
       CROSS JOIN LATERAL (
         SELECT u.id, u.display_name FROM users u
         WHERE u.id = (SELECT du.user_id FROM directory_users du WHERE du.connection_id = ? AND du.object_id = x.object_id)
           AND u.deleted_at IS NULL
         LIMIT 1
       ) m`,
      [objectIds, connectionId],
    );
    for (const row of result.rows as Array<{ object_id: string; id: string; display_name: string | null }>) {
      out.set(
        row.object_id,
        row.display_name ? { value: row.id, displayName: row.display_name } : { value: row.id },
      );
    }
    return out;
  }

  /**
   * Which of `userIds` the connection feeds already. Asked of a batch's few candidates: as a join, the planner hashed
   * every link of the connection.
   */
  async linkedAmong(connectionId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    return new Set<string>(
      await this.db('directory_users')
        .where('connection_id', connectionId)
        .whereRaw('user_id = ANY(?::uuid[])', [userIds])
        .pluck('user_id'),
    );
  }

  /** Which of `groupIds` a directory group of the connection feeds already. */
  async linkedGroupsAmong(connectionId: string, groupIds: string[]): Promise<Set<string>> {
    if (groupIds.length === 0) return new Set();
    return new Set<string>(
      await this.db('directory_groups')
        .where('connection_id', connectionId)
        .whereRaw('group_id = ANY(?::uuid[])', [groupIds])
        .pluck('group_id'),
    );
  }
}
