import type { Knex } from 'knex';
import type { SqlText } from '../../db/prepared-reads.js';
import type { PageQuery, SqlCondition } from '../users/user-store.js';
import type { Group, GroupMember, MemberRef } from './group.js';
import type { UserSource } from '../users/user.js';

export interface ListGroupsQuery extends PageQuery {
  withMembers: boolean;
}

export class GroupStore {
  constructor(private readonly db: Knex) {}

  private base(tenantId: string) {
    return this.db({ g: 'groups' }).where('g.tenant_id', tenantId).whereNull('g.deleted_at');
  }

  async find(tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Group | null> {
    const q = this.base(tenantId).where('g.id', id).select('g.*');
    if (options.forUpdate) q.forUpdate();
    const row = await q.first();
    return row ? toGroup(row) : null;
  }

  async list(tenantId: string, query: ListGroupsQuery): Promise<{ total: number; groups: Group[] }> {
    const q = this.base(tenantId).select('g.*', this.db.raw('count(*) OVER () AS total_count'));
    if (query.where) q.whereRaw(query.where.sql, query.where.bindings);
    const direction = query.descending ? 'DESC' : 'ASC';
    if (query.orderBy) q.orderByRaw(`${query.orderBy.sql} ${direction} NULLS LAST`, query.orderBy.bindings);
    q.orderBy([
      { column: 'g.created_at', order: direction },
      { column: 'g.id', order: direction },
    ]);
    const rows = query.limit > 0 ? await q.offset(query.offset).limit(query.limit) : [];
    let total: number;
    if (rows.length > 0) total = Number(rows[0].total_count);
    else {
      const c = this.base(tenantId);
      if (query.where) c.whereRaw(query.where.sql, query.where.bindings);
      const [row] = await c.count<{ count: string }[]>({ count: '*' });
      total = Number(row?.count ?? 0);
    }
    return { total, groups: rows.map(toGroup) };
  }

  /** The display names of the groups with these ids that still exist, keyed by id (one query). */
  async namesOf(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.base(tenantId)
      .whereIn('g.id', [...ids])
      .select('g.id', 'g.display_name')) as Array<{
      id: string;
      display_name: string;
    }>;
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** Members of several groups in one query, keyed by group id. */
  async membersOf(tenantId: string, groupIds: string[]): Promise<Map<string, GroupMember[]>> {
    const result = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return result;
    const rows = await this.db({ gm: 'group_members' })
      .join({ u: 'users' }, (on) => on.on('u.id', 'gm.user_id').andOn('u.tenant_id', 'gm.tenant_id'))
      .where('gm.tenant_id', tenantId)
      .whereRaw('gm.group_id = ANY(?::uuid[])', [groupIds])
      .orderBy(['gm.group_id', 'gm.user_id'])
      .select(
        'gm.group_id',
        'gm.user_id',
        this.db.raw('coalesce(gm.display, u.display_name) AS display_name'),
      );
    for (const r of rows) result.get(r.group_id)?.push({ userId: r.user_id, displayName: r.display_name });
    return result;
  }

  async insert(
    tenantId: string,
    source: UserSource,
    displayName: string,
    externalId: string | null,
  ): Promise<Group> {
    const [row] = await this.db('groups')
      .insert({ tenant_id: tenantId, source, display_name: displayName, external_id: externalId })
      .returning('*');
    return toGroup(row);
  }

  async update(
    tenantId: string,
    id: string,
    values: { display_name?: string; external_id?: string | null },
  ): Promise<Group> {
    const [row] = await this.db('groups')
      .where({ tenant_id: tenantId, id })
      .update({ ...values, version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
      .returning('*');
    return toGroup(row);
  }

  /** Hides the group and drops its membership; returns the users who were members. */
  async markDeleted(tenantId: string, id: string): Promise<string[]> {
    const members: Array<{ user_id: string }> = await this.db('group_members')
      .where({ tenant_id: tenantId, group_id: id })
      .delete()
      .returning('user_id');
    await this.db('groups')
      .where({ tenant_id: tenantId, id })
      .update({ deleted_at: this.db.fn.now(), updated_at: this.db.fn.now() });
    return members.map((m) => m.user_id);
  }

  /** The live groups among `ids`, locked in id order (the order every batch takes them in, so two never deadlock). */
  async lockMany(tenantId: string, ids: string[]): Promise<Group[]> {
    if (ids.length === 0) return [];
    const rows: GroupDbRow[] = await this.base(tenantId)
      .whereRaw('g.id = ANY(?::uuid[])', [ids])
      .orderBy('g.id')
      .forUpdate()
      .select('g.*');
    return rows.map(toGroup);
  }

  /** The live groups whose displayName equals one of `names` (compared lower-case), locked in id order. */
  async lockByNames(tenantId: string, names: string[]): Promise<Group[]> {
    if (names.length === 0) return [];
    const rows: GroupDbRow[] = await this.base(tenantId)
      .whereRaw('lower(g.display_name) = ANY(?::text[])', [names.map((n) => n.toLowerCase())])
      .orderBy('g.id')
      .forUpdate()
      .select('g.*');
    return rows.map(toGroup);
  }

  /** Inserts groups in one statement; a name another group holds skips that one (ON CONFLICT DO NOTHING). */
  async insertMany(tenantId: string, source: UserSource, displayNames: string[]): Promise<Group[]> {
    if (displayNames.length === 0) return [];
    const inserted = await this.db.raw(
      `INSERT INTO groups (tenant_id, source, display_name)
       SELECT ?::uuid, ?, x.display_name FROM unnest(?::text[]) AS x(display_name)
       ON CONFLICT DO NOTHING
       RETURNING *`,
      [tenantId, source, displayNames],
    );
    return (inserted.rows as GroupDbRow[]).map(toGroup);
  }

  /**
   * Removes and adds many (group, user) pairs in one DELETE and one INSERT, whatever the number of groups; a pair to
   * add whose user is no longer live is skipped. Returns the pairs that changed. The caller holds the groups' locks.
   */
  async changeMembers(
    tenantId: string,
    remove: Array<{ groupId: string; userId: string }>,
    add: Array<{ groupId: string; userId: string }>,
  ): Promise<{
    removed: Array<{ groupId: string; userId: string }>;
    added: Array<{ groupId: string; userId: string }>;
  }> {
    const pairs = (rows: Array<{ group_id: string; user_id: string }>) =>
      rows.map((r) => ({ groupId: r.group_id, userId: r.user_id }));
    let removed: Array<{ groupId: string; userId: string }> = [];
    let added: Array<{ groupId: string; userId: string }> = [];
    if (remove.length > 0) {
      const result = await this.db.raw(
        `DELETE FROM group_members gm USING unnest(?::uuid[], ?::uuid[]) AS x(g, u)
         WHERE gm.tenant_id = ? AND gm.group_id = x.g AND gm.user_id = x.u RETURNING gm.group_id, gm.user_id`,
        [remove.map((r) => r.groupId), remove.map((r) => r.userId), tenantId],
      );
      removed = pairs(result.rows);
    }
    if (add.length > 0) {
      const result = await this.db.raw(
        `INSERT INTO group_members (group_id, user_id, tenant_id)
         SELECT x.g, x.u, ?::uuid FROM unnest(?::uuid[], ?::uuid[]) AS x(g, u)
         WHERE EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = ? AND u.id = x.u AND u.deleted_at IS NULL)
         ON CONFLICT DO NOTHING RETURNING group_id, user_id`,
        [tenantId, add.map((r) => r.groupId), add.map((r) => r.userId), tenantId],
      );
      added = pairs(result.rows);
    }
    return { removed, added };
  }

  /** A new version of each group whose membership changed (a membership change is a change of the group). */
  async bumpVersions(tenantId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db('groups')
      .where('tenant_id', tenantId)
      .whereRaw('id = ANY(?::uuid[])', [ids])
      .update({ version: this.db.raw('version + 1'), updated_at: this.db.fn.now() });
  }

  /** Drops a user from every group (the user is being deleted). */
  async removeUserEverywhere(tenantId: string, userId: string): Promise<void> {
    await this.db('group_members').where({ tenant_id: tenantId, user_id: userId }).delete();
  }

  /**
   * Adds those of `members` that are live users of the tenant, in one statement that also answers which of them are
   * (`known`) and which were not members yet (`added`). A caller that refuses unknown members throws when `known`
   * falls short, which rolls the insert back with its transaction.
   */
  async addKnownMembers(
    tenantId: string,
    groupId: string,
    members: MemberRef[],
  ): Promise<{ known: Set<string>; added: string[] }> {
    if (members.length === 0) return { known: new Set(), added: [] };
    const result = await this.db.raw(
      `WITH m AS (SELECT * FROM unnest(?::uuid[], ?::text[]) AS m(id, display)),
            known AS (SELECT u.id FROM users u JOIN m ON m.id = u.id WHERE u.tenant_id = ? AND u.deleted_at IS NULL),
            added AS (INSERT INTO group_members (group_id, user_id, tenant_id, display)
                      SELECT ?, m.id, ?, m.display FROM m JOIN known k ON k.id = m.id
                      ON CONFLICT DO NOTHING RETURNING user_id)
       SELECT (SELECT coalesce(array_agg(id), '{}') FROM known) AS known,
              (SELECT coalesce(array_agg(user_id), '{}') FROM added) AS added`,
      [
        members.map((m) => m.userId),
        // knex's binding types have no (string | null)[]; pg sends the array with its nulls as text[].
        members.map((m) => m.display ?? null) as unknown as string[],
        tenantId,
        groupId,
        tenantId,
      ],
    );
    const row = result.rows[0] as { known: string[]; added: string[] };
    return { known: new Set(row.known), added: row.added };
  }

  /**
   * The version bump of a group whose membership changed, as one statement returning the group, for the event log to
   * run together with the membership events (EventLog.appendWith).
   */
  bumpVersionStatement(tenantId: string, id: string): { statement: SqlText; read(row: object): Group } {
    return {
      statement: {
        sql: 'UPDATE groups SET version = version + 1, updated_at = now() WHERE tenant_id = ? AND id = ? RETURNING *',
        bindings: [tenantId, id],
      },
      read: (row) => toGroup(row as GroupDbRow),
    };
  }

  /** Adds the given users (already known to exist) and returns those that were not members yet. */
  async addMembers(tenantId: string, groupId: string, members: MemberRef[]): Promise<string[]> {
    if (members.length === 0) return [];
    const result = await this.db.raw(
      `INSERT INTO group_members (group_id, user_id, tenant_id, display)
       SELECT ?, m.id, ?, m.display FROM unnest(?::uuid[], ?::text[]) AS m(id, display)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      // knex's binding types have no (string | null)[]; pg sends the array with its nulls as text[].
      [
        groupId,
        tenantId,
        members.map((m) => m.userId),
        members.map((m) => m.display ?? null) as unknown as string[],
      ],
    );
    return result.rows.map((r: { user_id: string }) => r.user_id);
  }

  async removeMembers(tenantId: string, groupId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    // ANY(array) rather than IN (…): one bind parameter however many ids (PostgreSQL caps a statement at 65535).
    const rows = await this.db('group_members')
      .where({ tenant_id: tenantId, group_id: groupId })
      .whereRaw('user_id = ANY(?::uuid[])', [userIds])
      .delete()
      .returning('user_id');
    return rows.map((r: { user_id: string }) => r.user_id);
  }

  async removeMembersWhere(tenantId: string, groupId: string, where: SqlCondition): Promise<string[]> {
    const result = await this.db.raw(
      `DELETE FROM group_members gm USING users u
       WHERE gm.tenant_id = ? AND gm.group_id = ? AND u.tenant_id = gm.tenant_id AND u.id = gm.user_id
         AND (${where.sql}) RETURNING gm.user_id`,
      [tenantId, groupId, ...where.bindings],
    );
    return result.rows.map((r: { user_id: string }) => r.user_id);
  }

  /** Makes the membership exactly `userIds`; returns who was added and who removed. */
  async replaceMembers(
    tenantId: string,
    groupId: string,
    members: MemberRef[],
  ): Promise<{ added: string[]; removed: string[] }> {
    const removedRows = await this.db('group_members')
      .where({ tenant_id: tenantId, group_id: groupId })
      .whereRaw('NOT (user_id = ANY(?::uuid[]))', [members.map((m) => m.userId)])
      .delete()
      .returning('user_id');
    const added = await this.addMembers(tenantId, groupId, members);
    return { added, removed: removedRows.map((r: { user_id: string }) => r.user_id) };
  }
}

interface GroupDbRow {
  id: string;
  tenant_id: string;
  display_name: string;
  external_id: string | null;
  source: UserSource;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toGroup(row: GroupDbRow): Group {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    displayName: row.display_name,
    externalId: row.external_id,
    source: row.source,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
