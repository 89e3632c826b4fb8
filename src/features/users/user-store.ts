import type { Knex } from 'knex';
import type { User, UserSource } from './user.js';

/** A WHERE fragment and its bindings, produced by the SCIM filter compiler (or any other caller). */
export interface SqlCondition {
  sql: string;
  bindings: ReadonlyArray<string | number | boolean>;
}

/** One page of a filtered, sorted list; `where` and `orderBy` are over the store's row alias. */
export interface PageQuery {
  where?: SqlCondition;
  /** ORDER BY expression; creation order (then id) breaks ties and is the default. */
  orderBy?: SqlCondition;
  descending?: boolean;
  offset: number;
  limit: number;
}

export interface ListUsersQuery extends PageQuery {
  withGroups: boolean;
}

// Membership as a JSON array, built by the same query that reads the user (no second round trip).
const GROUPS_SQL = `(SELECT coalesce(json_agg(json_build_object('id', g.id, 'displayName', g.display_name) ORDER BY g.display_name), '[]')
   FROM group_members gm JOIN groups g ON g.id = gm.group_id AND g.deleted_at IS NULL WHERE gm.user_id = u.id) AS groups`;

export class UserStore {
  constructor(private readonly db: Knex) {}

  private base(tenantId: string, withGroups: boolean) {
    const q = this.db({ u: 'users' }).where('u.tenant_id', tenantId).whereNull('u.deleted_at').select('u.*');
    if (withGroups) q.select(this.db.raw(GROUPS_SQL));
    return q;
  }

  async find(tenantId: string, id: string, options: { forUpdate?: boolean; withGroups?: boolean } = {}): Promise<User | null> {
    const q = this.base(tenantId, options.withGroups ?? false).where('u.id', id);
    if (options.forUpdate) q.forUpdate('u');
    const row = await q.first();
    return row ? toUser(row) : null;
  }

  async list(tenantId: string, query: ListUsersQuery): Promise<{ total: number; users: User[] }> {
    const q = this.base(tenantId, query.withGroups).select(this.db.raw('count(*) OVER () AS total_count'));
    if (query.where) q.whereRaw(query.where.sql, query.where.bindings);
    const direction = query.descending ? 'DESC' : 'ASC';
    if (query.orderBy) q.orderByRaw(`${query.orderBy.sql} ${direction} NULLS LAST`, query.orderBy.bindings);
    q.orderBy([{ column: 'u.created_at', order: direction }, { column: 'u.id', order: direction }]);
    const rows = query.limit > 0 ? await q.offset(query.offset).limit(query.limit) : [];
    // The window count rides on the page's rows; an empty page (count=0, or past the end) needs its own count.
    const total = rows.length > 0 ? Number(rows[0].total_count) : await this.count(tenantId, query.where);
    return { total, users: rows.map(toUser) };
  }

  private async count(tenantId: string, where?: SqlCondition): Promise<number> {
    const q = this.db({ u: 'users' }).where('u.tenant_id', tenantId).whereNull('u.deleted_at');
    if (where) q.whereRaw(where.sql, where.bindings);
    const [row] = await q.count<{ count: string }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }

  async insert(tenantId: string, source: UserSource, values: UserRow): Promise<User> {
    const [row] = await this.db('users')
      .insert({ tenant_id: tenantId, source, ...serialise(values) })
      .returning('*');
    return toUser(row);
  }

  async update(tenantId: string, id: string, values: UserRow): Promise<User> {
    const [row] = await this.db('users')
      .where({ tenant_id: tenantId, id })
      .update({ ...serialise(values), version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
      .returning('*');
    return toUser(row);
  }

  async markDeleted(tenantId: string, id: string): Promise<void> {
    await this.db('group_members').where({ tenant_id: tenantId, user_id: id }).delete();
    await this.db('users')
      .where({ tenant_id: tenantId, id })
      .update({ deleted_at: this.db.fn.now(), active: false, version: this.db.raw('version + 1'), updated_at: this.db.fn.now() });
  }

  /** Ids among `ids` that are live users of the tenant. */
  async existingIds(tenantId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db('users').where('tenant_id', tenantId).whereNull('deleted_at').whereRaw('id = ANY(?::uuid[])', [ids]).select('id');
    return new Set(rows.map((r) => r.id as string));
  }
}

export interface UserRow {
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  active: boolean;
  profile: unknown;
  /** undefined keeps the stored payload. */
  raw?: unknown;
}

function serialise(values: UserRow) {
  const { raw, ...rest } = values;
  return { ...rest, profile: JSON.stringify(values.profile), ...(raw === undefined ? {} : { raw: JSON.stringify(raw) }) };
}

interface UserDbRow {
  id: string;
  tenant_id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  active: boolean;
  profile: User['profile'];
  source: UserSource;
  version: number;
  created_at: Date;
  updated_at: Date;
  groups?: User['groups'];
}

function toUser(row: UserDbRow): User {
  const user: User = {
    id: row.id,
    tenantId: row.tenant_id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    active: row.active,
    profile: row.profile,
    source: row.source,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.groups !== undefined) user.groups = row.groups;
  return user;
}
