import type { Knex } from 'knex';
import type { DirectoryGroup, DirectoryUser } from '../../../connectors/entra/directory-records.js';
import type { MirroredUser } from './directory-user-mapping.js';

export interface PageOptions {
  connectionId: string;
  tenantId: string;
  /** Set during a full enumeration: rows seen carry it, rows without it are swept as gone at its end. */
  marker: string | null;
}

export interface MirroredGroup {
  displayName?: string | null;
  description?: string | null;
}

export interface DirtyUserRow {
  object_id: string;
  seq: string;
  data: MirroredUser;
  removed: boolean;
  user_id: string | null;
  in_scope: boolean;
}

export interface DirtyGroupRow {
  object_id: string;
  data: MirroredGroup;
  removed: boolean;
  group_id: string | null;
}

/**
 * The mirror of a connection's directory (directory_users / _groups / _memberships). Page writes are one
 * statement per kind, whatever the page size; they mark rows dirty only when something actually changed, so a
 * full resync that finds nothing new leaves nothing to apply.
 */
export class DirectoryMirrorStore {
  constructor(private readonly db: Knex) {}

  async applyUsersPage(options: PageOptions, users: DirectoryUser[]): Promise<void> {
    if (users.length === 0) return;
    // A page may name one object twice; ON CONFLICT cannot touch a row twice in one statement.
    const merged = new Map<string, { id: string; data: MirroredUser; removed: boolean }>();
    for (const user of users) {
      const { id, removed, ...data } = user;
      const previous = merged.get(id);
      merged.set(id, { id, data: removed ? (previous?.data ?? {}) : { ...(previous?.data ?? {}), ...data }, removed: removed !== undefined });
    }
    const full = options.marker !== null;
    await this.db.raw(
      `INSERT INTO directory_users AS d (connection_id, object_id, tenant_id, data, removed, dirty, seen_marker)
       SELECT CAST(:connectionId AS uuid), x.id, CAST(:tenantId AS uuid), x.data, x.removed, true, CAST(:marker AS uuid)
       FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id text, data jsonb, removed boolean)
       ON CONFLICT (connection_id, object_id) DO UPDATE SET
         data = CASE WHEN EXCLUDED.removed THEN d.data WHEN CAST(:full AS boolean) THEN EXCLUDED.data ELSE d.data || EXCLUDED.data END,
         removed = EXCLUDED.removed,
         seen_marker = coalesce(EXCLUDED.seen_marker, d.seen_marker),
         dirty = d.dirty OR d.removed <> EXCLUDED.removed
           OR d.data IS DISTINCT FROM (CASE WHEN EXCLUDED.removed THEN d.data WHEN CAST(:full AS boolean) THEN EXCLUDED.data ELSE d.data || EXCLUDED.data END)`,
      { connectionId: options.connectionId, tenantId: options.tenantId, marker: options.marker, full, rows: JSON.stringify([...merged.values()]) },
    );
  }

  /** End of a full users enumeration: whoever was not listed has left the directory. */
  async sweepUsers(connectionId: string, marker: string): Promise<void> {
    await this.db('directory_users')
      .where({ connection_id: connectionId, removed: false })
      .whereRaw('seen_marker IS DISTINCT FROM ?::uuid', [marker])
      .update({ removed: true, dirty: true });
  }

  /**
   * A groups delta page. Slices of one large group are merged by id; memberships are mirrored only for groups
   * in scope (`inScope`), and every member whose membership changed is marked dirty, since that can move them
   * in or out of scope.
   */
  async applyGroupsPage(options: PageOptions, groups: DirectoryGroup[], inScope: (groupId: string) => boolean): Promise<void> {
    if (groups.length === 0) return;
    const merged = new Map<string, { id: string; data: MirroredGroup; header: boolean; removed: boolean; added: Set<string>; dropped: Set<string> }>();
    for (const group of groups) {
      let entry = merged.get(group.id);
      if (!entry) {
        entry = { id: group.id, data: {}, header: false, removed: false, added: new Set(), dropped: new Set() };
        merged.set(group.id, entry);
      }
      if (group.removed) entry.removed = true;
      if (group.displayName !== undefined) {
        entry.header = true;
        entry.data.displayName = group.displayName;
      }
      if (group.description !== undefined) entry.data.description = group.description;
      for (const id of group.membersAdded) {
        entry.added.add(id);
        entry.dropped.delete(id);
      }
      for (const id of group.membersRemoved) {
        entry.dropped.add(id);
        entry.added.delete(id);
      }
    }
    const entries = [...merged.values()];
    const full = options.marker !== null;
    const rows = entries.map((e) => ({ id: e.id, data: e.data, header: e.header, removed: e.removed }));
    await this.db.raw(
      `INSERT INTO directory_groups AS d (connection_id, object_id, tenant_id, data, removed, dirty, seen_marker)
       SELECT CAST(:connectionId AS uuid), x.id, CAST(:tenantId AS uuid), x.data, x.removed, true, CAST(:marker AS uuid)
       FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id text, data jsonb, header boolean, removed boolean)
       ON CONFLICT (connection_id, object_id) DO UPDATE SET
         data = CASE WHEN CAST(:full AS boolean) AND jsonb_exists(EXCLUDED.data, 'displayName') THEN EXCLUDED.data ELSE d.data || EXCLUDED.data END,
         removed = EXCLUDED.removed,
         seen_marker = coalesce(EXCLUDED.seen_marker, d.seen_marker),
         dirty = d.dirty OR d.removed <> EXCLUDED.removed
           OR d.data IS DISTINCT FROM (CASE WHEN CAST(:full AS boolean) AND jsonb_exists(EXCLUDED.data, 'displayName') THEN EXCLUDED.data ELSE d.data || EXCLUDED.data END)`,
      { connectionId: options.connectionId, tenantId: options.tenantId, marker: options.marker, full, rows: JSON.stringify(rows) },
    );

    const changedMembers = new Set<string>();
    const changedGroups = new Set<string>();
    const removedGroups = entries.filter((e) => e.removed).map((e) => e.id);
    if (removedGroups.length > 0) {
      const gone = await this.db('directory_memberships')
        .where('connection_id', options.connectionId)
        .whereRaw('group_object_id = ANY(?::text[])', [removedGroups])
        .delete()
        .returning(['group_object_id', 'member_object_id']);
      for (const row of gone as Array<{ group_object_id: string; member_object_id: string }>) changedMembers.add(row.member_object_id);
    }
    const adds: Array<[string, string]> = [];
    const drops: Array<[string, string]> = [];
    for (const entry of entries) {
      if (entry.removed || !inScope(entry.id)) continue;
      for (const member of entry.added) adds.push([entry.id, member]);
      for (const member of entry.dropped) drops.push([entry.id, member]);
    }
    if (adds.length > 0) {
      const result = await this.db.raw(
        `INSERT INTO directory_memberships AS m (connection_id, group_object_id, member_object_id, seen_marker)
         SELECT ?::uuid, g, u, ?::uuid FROM unnest(?::text[], ?::text[]) AS x(g, u)
         ON CONFLICT (connection_id, group_object_id, member_object_id) DO UPDATE SET seen_marker = coalesce(EXCLUDED.seen_marker, m.seen_marker)
         RETURNING group_object_id, member_object_id, (xmax = 0) AS inserted`,
        [options.connectionId, options.marker, adds.map((a) => a[0]), adds.map((a) => a[1])],
      );
      for (const row of result.rows as Array<{ group_object_id: string; member_object_id: string; inserted: boolean }>) {
        if (!row.inserted) continue;
        changedMembers.add(row.member_object_id);
        changedGroups.add(row.group_object_id);
      }
    }
    if (drops.length > 0) {
      const result = await this.db.raw(
        `DELETE FROM directory_memberships m USING unnest(?::text[], ?::text[]) AS x(g, u)
         WHERE m.connection_id = ? AND m.group_object_id = x.g AND m.member_object_id = x.u
         RETURNING m.group_object_id, m.member_object_id`,
        [drops.map((d) => d[0]), drops.map((d) => d[1]), options.connectionId],
      );
      for (const row of result.rows as Array<{ group_object_id: string; member_object_id: string }>) {
        changedMembers.add(row.member_object_id);
        changedGroups.add(row.group_object_id);
      }
    }
    await this.markDirty(options.connectionId, changedMembers, changedGroups);
  }

  /** End of a full groups enumeration: groups not listed are gone, and so are memberships not listed. */
  async sweepGroups(connectionId: string, marker: string): Promise<void> {
    await this.db('directory_groups')
      .where({ connection_id: connectionId, removed: false })
      .whereRaw('seen_marker IS DISTINCT FROM ?::uuid', [marker])
      .update({ removed: true, dirty: true });
    const gone = (await this.db('directory_memberships')
      .where('connection_id', connectionId)
      .whereRaw('seen_marker IS DISTINCT FROM ?::uuid', [marker])
      .delete()
      .returning(['group_object_id', 'member_object_id'])) as Array<{ group_object_id: string; member_object_id: string }>;
    await this.markDirty(connectionId, new Set(gone.map((g) => g.member_object_id)), new Set(gone.map((g) => g.group_object_id)));
  }

  private async markDirty(connectionId: string, users: Set<string>, groups: Set<string>): Promise<void> {
    if (users.size > 0) {
      await this.db('directory_users')
        .where({ connection_id: connectionId, dirty: false })
        .whereRaw('object_id = ANY(?::text[])', [[...users]])
        .update({ dirty: true });
    }
    if (groups.size > 0) {
      await this.db('directory_groups')
        .where({ connection_id: connectionId, dirty: false })
        .whereRaw('object_id = ANY(?::text[])', [[...groups]])
        .update({ dirty: true });
    }
  }

  /** The next dirty users after `afterSeq`, with whether each is in scope (a member of a mirrored, scoped group). */
  async dirtyUsers(connectionId: string, allInScope: boolean, afterSeq: string, limit: number): Promise<DirtyUserRow[]> {
    const result = await this.db.raw(
      `SELECT du.object_id, du.seq::text AS seq, du.data, du.removed, du.user_id,
         (?::boolean OR EXISTS (SELECT 1 FROM directory_memberships m WHERE m.connection_id = du.connection_id AND m.member_object_id = du.object_id)) AS in_scope
       FROM directory_users du
       WHERE du.connection_id = ? AND du.dirty AND du.seq > ?::bigint
       ORDER BY du.seq LIMIT ?`,
      [allInScope, connectionId, afterSeq, limit],
    );
    return result.rows as DirtyUserRow[];
  }

  /**
   * Linked, active seatsync users whose directory user is dirty and should no longer be active: the
   * suspensions a run would make, counted before any is made.
   */
  async plannedSuspensions(connectionId: string, allInScope: boolean): Promise<Array<{ object_id: string; user_id: string }>> {
    const result = await this.db.raw(
      `SELECT du.object_id, du.user_id
       FROM directory_users du JOIN users u ON u.id = du.user_id AND u.deleted_at IS NULL AND u.active
       WHERE du.connection_id = ? AND du.dirty
         AND (du.removed OR du.data->>'accountEnabled' = 'false'
              OR NOT (?::boolean OR EXISTS (SELECT 1 FROM directory_memberships m WHERE m.connection_id = du.connection_id AND m.member_object_id = du.object_id)))`,
      [connectionId, allInScope],
    );
    return result.rows as Array<{ object_id: string; user_id: string }>;
  }

  async linkUser(connectionId: string, objectId: string, userId: string | null): Promise<void> {
    await this.db('directory_users').where({ connection_id: connectionId, object_id: objectId }).update({ user_id: userId });
  }

  async linkUsers(connectionId: string, links: Array<{ objectId: string; userId: string }>): Promise<void> {
    if (links.length === 0) return;
    await this.db.raw(
      `UPDATE directory_users d SET user_id = x.u FROM unnest(?::text[], ?::uuid[]) AS x(o, u)
       WHERE d.connection_id = ? AND d.object_id = x.o`,
      [links.map((l) => l.objectId), links.map((l) => l.userId), connectionId],
    );
  }

  async markUsersClean(connectionId: string, objectIds: string[]): Promise<void> {
    if (objectIds.length === 0) return;
    await this.db('directory_users')
      .where('connection_id', connectionId)
      .whereRaw('object_id = ANY(?::text[])', [objectIds])
      .update({ dirty: false });
  }

  async markUsersDirty(connectionId: string, objectIds: string[]): Promise<void> {
    await this.markDirty(connectionId, new Set(objectIds), new Set());
  }

  /** Seatsync users (id and display name) behind directory object ids, for manager references. */
  async linkedUsers(connectionId: string, objectIds: string[]): Promise<Map<string, { value: string; displayName?: string }>> {
    const out = new Map<string, { value: string; displayName?: string }>();
    if (objectIds.length === 0) return out;
    const rows = (await this.db({ du: 'directory_users' })
      .join({ u: 'users' }, 'u.id', 'du.user_id')
      .where('du.connection_id', connectionId)
      .whereNull('u.deleted_at')
      .whereRaw('du.object_id = ANY(?::text[])', [objectIds])
      .select('du.object_id', 'u.id', 'u.display_name')) as Array<{ object_id: string; id: string; display_name: string | null }>;
    for (const row of rows) out.set(row.object_id, row.display_name ? { value: row.id, displayName: row.display_name } : { value: row.id });
    return out;
  }

  async dirtyGroups(connectionId: string, limit: number, afterId: string): Promise<DirtyGroupRow[]> {
    return this.db('directory_groups')
      .where({ connection_id: connectionId, dirty: true })
      .where('object_id', '>', afterId)
      .orderBy('object_id')
      .limit(limit)
      .select('object_id', 'data', 'removed', 'group_id');
  }

  async linkGroup(connectionId: string, objectId: string, groupId: string | null): Promise<void> {
    await this.db('directory_groups').where({ connection_id: connectionId, object_id: objectId }).update({ group_id: groupId });
  }

  async markGroupsClean(connectionId: string, objectIds: string[]): Promise<void> {
    if (objectIds.length === 0) return;
    await this.db('directory_groups')
      .where('connection_id', connectionId)
      .whereRaw('object_id = ANY(?::text[])', [objectIds])
      .update({ dirty: false });
  }

  /**
   * The difference between a group's mirrored members (as seatsync users) and its seatsync members: who to add
   * and who to remove. Set operations in SQL; the group's size does not matter.
   */
  async membershipDiff(connectionId: string, groupObjectId: string, groupId: string): Promise<{ add: string[]; remove: string[] }> {
    const result = await this.db.raw(
      `WITH desired AS (
         SELECT du.user_id FROM directory_memberships m
         JOIN directory_users du ON du.connection_id = m.connection_id AND du.object_id = m.member_object_id
         JOIN users u ON u.id = du.user_id AND u.deleted_at IS NULL
         WHERE m.connection_id = ? AND m.group_object_id = ?
       ), actual AS (SELECT user_id FROM group_members WHERE group_id = ?)
       SELECT 'add' AS op, user_id FROM (SELECT user_id FROM desired EXCEPT SELECT user_id FROM actual) a
       UNION ALL
       SELECT 'remove' AS op, user_id FROM (SELECT user_id FROM actual EXCEPT SELECT user_id FROM desired) r`,
      [connectionId, groupObjectId, groupId],
    );
    const add: string[] = [];
    const remove: string[] = [];
    for (const row of result.rows as Array<{ op: 'add' | 'remove'; user_id: string }>) (row.op === 'add' ? add : remove).push(row.user_id);
    return { add, remove };
  }
}
