import type { Knex } from 'knex';
import type { DirectoryGroup, DirectoryUser } from './directory-source.js';
import type { MirroredUser } from './directory-user-mapping.js';

export interface PageOptions {
  connectionId: string;
  tenantId: string;
  /** Set during a full enumeration: rows seen carry it, rows without it are swept as gone at its end. */
  marker: string | null;
  /**
   * No user of the connection has been applied yet (a first sync): each is dirty already, so a groups page need not
   * mark the members whose membership it changed.
   */
  usersPending?: boolean;
  /**
   * No group of the connection has been applied yet: each will have its membership compared whole, so the members
   * that changed need not be recorded.
   */
  groupsPending?: boolean;
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
  /** Its membership is to be compared whole (see the 20261124120100 migration), not only its changed members. */
  members_stale: boolean;
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
      const { id, removed, ...reported } = user;
      const data = compact(reported);
      const previous = merged.get(id);
      merged.set(id, {
        id,
        data: removed ? (previous?.data ?? {}) : { ...(previous?.data ?? {}), ...data },
        removed: removed !== undefined,
      });
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
      {
        connectionId: options.connectionId,
        tenantId: options.tenantId,
        marker: options.marker,
        full,
        rows: JSON.stringify([...merged.values()]),
      },
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
  async applyGroupsPage(
    options: PageOptions,
    groups: DirectoryGroup[],
    inScope: (groupId: string) => boolean,
  ): Promise<void> {
    if (groups.length === 0) return;
    const merged = new Map<
      string,
      {
        id: string;
        data: MirroredGroup;
        header: boolean;
        removed: boolean;
        added: Set<string>;
        dropped: Set<string>;
      }
    >();
    for (const group of groups) {
      let entry = merged.get(group.id);
      if (!entry) {
        entry = {
          id: group.id,
          data: {},
          header: false,
          removed: false,
          added: new Set(),
          dropped: new Set(),
        };
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
         -- A full enumeration converges every group it lists: each is compared whole, whatever changed.
         members_stale = d.members_stale OR CAST(:full AS boolean),
         dirty = d.dirty OR CAST(:full AS boolean) OR d.removed <> EXCLUDED.removed
           OR d.data IS DISTINCT FROM (CASE WHEN CAST(:full AS boolean) AND jsonb_exists(EXCLUDED.data, 'displayName') THEN EXCLUDED.data ELSE d.data || EXCLUDED.data END)`,
      {
        connectionId: options.connectionId,
        tenantId: options.tenantId,
        marker: options.marker,
        full,
        rows: JSON.stringify(rows),
      },
    );

    const changedMembers = new Set<string>();
    const changedGroups = new Set<string>();
    const changedPairs: Array<{ group_object_id: string; member_object_id: string }> = [];
    const removedGroups = entries.filter((e) => e.removed).map((e) => e.id);
    if (removedGroups.length > 0) {
      const gone = await this.db('directory_memberships')
        .where('connection_id', options.connectionId)
        .whereRaw('group_object_id = ANY(?::text[])', [removedGroups])
        .delete()
        .returning(['group_object_id', 'member_object_id']);
      for (const row of gone as Array<{ group_object_id: string; member_object_id: string }>)
        changedMembers.add(row.member_object_id);
    }
    const adds: Array<[string, string]> = [];
    const drops: Array<[string, string]> = [];
    for (const entry of entries) {
      if (entry.removed || !inScope(entry.id)) continue;
      for (const member of entry.added) adds.push([entry.id, member]);
      for (const member of entry.dropped) drops.push([entry.id, member]);
    }
    // Which memberships are new matters for marking their members and groups dirty and for recording changed
    // members; on a first sync none of that applies, and reading back 300,000 rows costs seconds.
    const needChanges = !(full && options.usersPending && options.groupsPending);
    if (adds.length > 0) {
      const result = await this.db.raw(
        `INSERT INTO directory_memberships AS m (connection_id, group_object_id, member_object_id, seen_marker)
         SELECT ?::uuid, g, u, ?::uuid FROM unnest(?::text[], ?::text[]) AS x(g, u)
         ON CONFLICT (connection_id, group_object_id, member_object_id) DO UPDATE SET seen_marker = coalesce(EXCLUDED.seen_marker, m.seen_marker)
         ${needChanges ? 'RETURNING group_object_id, member_object_id, (xmax = 0) AS inserted' : ''}`,
        [options.connectionId, options.marker, adds.map((a) => a[0]), adds.map((a) => a[1])],
      );
      for (const row of result.rows as Array<{
        group_object_id: string;
        member_object_id: string;
        inserted: boolean;
      }>) {
        if (!row.inserted) continue;
        changedMembers.add(row.member_object_id);
        changedGroups.add(row.group_object_id);
        changedPairs.push(row);
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
        changedPairs.push(row);
      }
    }
    // A full page marked every group it lists dirty already.
    await this.markDirty(
      options.connectionId,
      options.usersPending ? new Set() : changedMembers,
      full ? new Set() : changedGroups,
    );
    if (!options.groupsPending) await this.noteChangedMembers(options.connectionId, changedPairs);
  }

  /**
   * Groups the connection's syncs have seen in the directory (every group, scoped or not), by name, for an admin
   * choosing the scope; `search` narrows to names containing it, case-insensitively.
   */
  async listGroups(
    connectionId: string,
    options: { search?: string; limit: number },
  ): Promise<Array<{ objectId: string; displayName: string | null; description: string | null }>> {
    const q = this.db('directory_groups')
      .where({ connection_id: connectionId, removed: false })
      .orderByRaw("lower(data->>'displayName') NULLS LAST, object_id")
      .limit(options.limit)
      .select(
        'object_id',
        this.db.raw("data->>'displayName' AS display_name"),
        this.db.raw("data->>'description' AS description"),
      );
    if (options.search) {
      const pattern = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.whereRaw("data->>'displayName' ILIKE ?", [pattern]);
    }
    const rows: Array<{ object_id: string; display_name: string | null; description: string | null }> =
      await q;
    return rows.map((r) => ({
      objectId: r.object_id,
      displayName: r.display_name,
      description: r.description,
    }));
  }

  /** Whether any group of the connection has been applied; false on a first sync until its groups stage. */
  async hasAppliedGroups(connectionId: string): Promise<boolean> {
    const row = await this.db('directory_groups')
      .where({ connection_id: connectionId, members_stale: false })
      .first(this.db.raw('1 AS found'));
    return row !== undefined;
  }

  /**
   * Records (group, member) pairs whose mirrored membership changed, for groups that will not be compared whole
   * anyway: applying the group then compares these members only.
   */
  private async noteChangedMembers(
    connectionId: string,
    pairs: Array<{ group_object_id: string; member_object_id: string }>,
  ): Promise<void> {
    if (pairs.length === 0) return;
    await this.db.raw(
      `INSERT INTO directory_membership_changes (connection_id, group_object_id, member_object_id)
       SELECT ?::uuid, x.g, x.m FROM unnest(?::text[], ?::text[]) AS x(g, m)
       WHERE (SELECT NOT g.members_stale FROM directory_groups g WHERE g.connection_id = ? AND g.object_id = x.g)
       ON CONFLICT DO NOTHING`,
      [connectionId, pairs.map((p) => p.group_object_id), pairs.map((p) => p.member_object_id), connectionId],
    );
  }

  /**
   * Users who just became seatsync users: the groups they are members of were applied without them, so those
   * groups are dirty again, with these users as their changed members.
   */
  async markGroupsOfNewMembers(connectionId: string, memberObjectIds: string[]): Promise<void> {
    if (memberObjectIds.length === 0) return;
    // One member-index probe per user (the lateral OFFSET 0 keeps it so): as a join, it was planned as a scan of the
    // memberships, which a first sync writes meanwhile, and written with IN, as a probe of every group per user.
    const memberships = await this.db.raw(
      `SELECT c.group_object_id, x.member AS member_object_id FROM unnest(?::text[]) AS x(member) CROSS JOIN LATERAL (
         SELECT m.group_object_id FROM directory_memberships m WHERE m.connection_id = ? AND m.member_object_id = x.member OFFSET 0
       ) c`,
      [memberObjectIds, connectionId],
    );
    const pairs = memberships.rows as Array<{ group_object_id: string; member_object_id: string }>;
    await this.markDirty(connectionId, new Set(), new Set(pairs.map((p) => p.group_object_id)));
    await this.noteChangedMembers(connectionId, pairs);
  }

  /** Whether any user of the connection has been applied (is not dirty); false on a first sync until its users stage. */
  async hasAppliedUsers(connectionId: string): Promise<boolean> {
    const row = await this.db('directory_users')
      .where({ connection_id: connectionId, dirty: false })
      .first(this.db.raw('1 AS found'));
    return row !== undefined;
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
      .returning(['group_object_id', 'member_object_id'])) as Array<{
      group_object_id: string;
      member_object_id: string;
    }>;
    await this.markDirty(
      connectionId,
      new Set(gone.map((g) => g.member_object_id)),
      new Set(gone.map((g) => g.group_object_id)),
    );
    await this.noteChangedMembers(connectionId, gone);
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
  async dirtyUsers(
    connectionId: string,
    allInScope: boolean,
    afterSeq: string,
    limit: number,
  ): Promise<DirtyUserRow[]> {
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
  async plannedSuspensions(
    connectionId: string,
    allInScope: boolean,
  ): Promise<Array<{ object_id: string; user_id: string }>> {
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

  /**
   * Marks applied rows clean and records the seatsync user each is newly linked to (`userId` null keeps the
   * link as it is): one statement for a batch.
   */
  async settleUsers(
    connectionId: string,
    rows: Array<{ objectId: string; userId: string | null }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.raw(
      `UPDATE directory_users d SET dirty = false, user_id = coalesce(x.u, d.user_id)
       FROM unnest(?::text[], ?::uuid[]) AS x(o, u)
       WHERE d.connection_id = ? AND d.object_id = x.o`,
      // knex's binding types have no (string | null)[]; pg sends the array with its nulls.
      [rows.map((r) => r.objectId), rows.map((r) => r.userId) as unknown as string[], connectionId],
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

  /**
   * The connection's scope changed: every group is to be applied again with its membership compared whole, and every
   * user to be judged again by the new scope. The full enumeration that follows marks dirty only the rows it finds
   * changed, so a user whose data and memberships stay as they were (a member of no group, above all) would keep the
   * old scope's verdict: active after the scope narrowed to groups they are not in, or left out after it widened.
   */
  async markAllForNewScope(connectionId: string): Promise<void> {
    await this.db('directory_groups')
      .where({ connection_id: connectionId })
      .update({ dirty: true, members_stale: true });
    await this.db('directory_users')
      .where({ connection_id: connectionId, dirty: false })
      .update({ dirty: true });
  }

  async dirtyGroups(connectionId: string, limit: number, afterId: string): Promise<DirtyGroupRow[]> {
    return this.db('directory_groups')
      .where({ connection_id: connectionId, dirty: true })
      .where('object_id', '>', afterId)
      .orderBy('object_id')
      .limit(limit)
      .select('object_id', 'data', 'removed', 'group_id', 'members_stale');
  }

  /**
   * Marks applied group rows clean and sets the seatsync group each feeds where `groupId` is given (null: none
   * any more; absent: the link stays), and drops their recorded member changes, now applied. A group that feeds
   * no seatsync group is stale again: when it feeds one, that one's membership is compared whole.
   */
  async settleGroups(
    connectionId: string,
    rows: Array<{ objectId: string; groupId?: string | null }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const objectIds = rows.map((r) => r.objectId);
    await this.db('directory_membership_changes')
      .where('connection_id', connectionId)
      .whereRaw('group_object_id = ANY(?::text[])', [objectIds])
      .delete();
    await this.db.raw(
      `UPDATE directory_groups d SET dirty = false,
         group_id = CASE WHEN x.relink THEN x.g ELSE d.group_id END,
         members_stale = (CASE WHEN x.relink THEN x.g ELSE d.group_id END) IS NULL
       FROM unnest(?::text[], ?::uuid[], ?::boolean[]) AS x(o, g, relink)
       WHERE d.connection_id = ? AND d.object_id = x.o`,
      [
        objectIds,
        // knex's binding types have no (string | null)[]; pg sends the array with its nulls.
        rows.map((r) => r.groupId ?? null) as unknown as string[],
        rows.map((r) => r.groupId !== undefined),
        connectionId,
      ],
    );
  }
}

/**
 * The user as mirrored, without the extension attributes that are empty. Graph reports the 15 on-premises extension
 * attributes as one object, all of them each time, and a missing one reads as empty (sourceValue): dropping the
 * nulls loses nothing and takes a third off every mirror row.
 */
function compact(user: MirroredUser): MirroredUser {
  if (!user.extensionAttributes) return user;
  const set = Object.entries(user.extensionAttributes).filter(([, value]) => value !== null);
  return { ...user, extensionAttributes: Object.fromEntries(set) };
}
