import type { Knex } from 'knex';
import { readRows, type SqlText } from '../../db/prepared-reads.js';
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

// Everything but `raw` (the IdP's payload, never rendered): less to read, send and parse per request.
const COLUMNS = [
  'id',
  'tenant_id',
  'user_name',
  'external_id',
  'display_name',
  'active',
  'profile',
  'source',
  'version',
  'created_at',
  'updated_at',
].map((c) => `u.${c}`);

/**
 * The row's live groups as a JSON array of `{id, displayName}` by name (the SCIM `groups` attribute), read in the
 * user's own statement: a lookup is then one round trip, and on a 2-core machine each round trip to PostgreSQL
 * cost the server about as much CPU as the rest of the request (BENCHMARKS.md, "SCIM hot path"). PostgreSQL
 * evaluates it after the LIMIT, for the page's rows only; prepared (db/prepared-reads.ts), it is planned once per
 * connection.
 */
const GROUPS_COLUMN =
  `(SELECT coalesce(json_agg(json_build_object('id', g.id, 'displayName', g.display_name) ORDER BY g.display_name),` +
  ` '[]') FROM group_members gm JOIN groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id` +
  ` WHERE gm.tenant_id = u.tenant_id AND gm.user_id = u.id AND g.deleted_at IS NULL) AS groups`;

export class UserStore {
  constructor(private readonly db: Knex) {}

  private base(tenantId: string) {
    return this.db({ u: 'users' }).where('u.tenant_id', tenantId).whereNull('u.deleted_at').select(COLUMNS);
  }

  async find(
    tenantId: string,
    id: string,
    options: { forUpdate?: boolean; withGroups?: boolean } = {},
  ): Promise<User | null> {
    const q = this.base(tenantId).where('u.id', id).limit(1);
    if (options.forUpdate) q.forUpdate('u');
    if (options.withGroups) q.select(this.db.raw(GROUPS_COLUMN));
    const [row] = await readRows<UserDbRow>(this.db, q);
    return row ? toUser(row) : null;
  }

  async list(tenantId: string, query: ListUsersQuery): Promise<{ total: number; users: User[] }> {
    const rows = await this.read(tenantId, query, { withTotal: true });
    // The window count rides on the page's rows; an empty page (count=0, or past the end) needs its own count.
    const total = rows[0] ? Number(rows[0].total_count) : await this.count(tenantId, query.where);
    return { total, users: rows.map(toUser) };
  }

  /**
   * A page without the total: the admin API pages by cursor and shows no count, and counting every matching row
   * (a window over 100k users) is most of a page's cost.
   */
  async page(tenantId: string, query: ListUsersQuery): Promise<User[]> {
    const rows = await this.read(tenantId, query, { withTotal: false });
    return rows.map(toUser);
  }

  private async read(
    tenantId: string,
    query: ListUsersQuery,
    options: { withTotal: boolean },
  ): Promise<Array<UserDbRow & { total_count?: string }>> {
    if (query.limit <= 0) return [];
    // Written out rather than built with knex: this is the hot path of every IdP lookup, and the text is
    // also the prepared statement's key (db/prepared-reads.ts).
    const direction = query.descending ? 'DESC' : 'ASC';
    const where = query.where ? ` AND (${query.where.sql})` : '';
    const order = query.orderBy ? `${query.orderBy.sql} ${direction} NULLS LAST, ` : '';
    const sql =
      `SELECT ${COLUMNS.join(', ')}${options.withTotal ? ', count(*) OVER () AS total_count' : ''}` +
      `${query.withGroups ? `, ${GROUPS_COLUMN}` : ''} FROM users u` +
      ` WHERE u.tenant_id = ? AND u.deleted_at IS NULL${where}` +
      ` ORDER BY ${order}u.created_at ${direction}, u.id ${direction} LIMIT ? OFFSET ?`;
    const bindings = [
      tenantId,
      ...(query.where?.bindings ?? []),
      ...(query.orderBy?.bindings ?? []),
      query.limit,
      query.offset,
    ];
    return readRows<UserDbRow & { total_count?: string }>(this.db, { sql, bindings });
  }

  private async count(tenantId: string, where?: SqlCondition): Promise<number> {
    const q = this.db({ u: 'users' }).where('u.tenant_id', tenantId).whereNull('u.deleted_at');
    if (where) q.whereRaw(where.sql, where.bindings);
    const [row] = await q.count<{ count: string }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }

  /**
   * The INSERT of a new user as one statement returning the stored row, for the event log to run together with the
   * user's `user.created` event (EventLog.appendWith); `read` turns the row it returns into the user.
   */
  insertStatement(
    tenantId: string,
    source: UserSource,
    id: string,
    values: UserRow,
  ): { statement: SqlText; read(row: object): User } {
    const row = serialise(values);
    return {
      statement: {
        sql:
          'INSERT INTO users (id, tenant_id, source, user_name, external_id, display_name, active, profile, raw)' +
          ` VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING ${COLUMNS.map((c) => c.slice(2)).join(', ')}`,
        bindings: [
          id,
          tenantId,
          source,
          row.user_name,
          row.external_id,
          row.display_name,
          row.active,
          row.profile,
          row.raw ?? null,
        ],
      },
      read: (stored) => toUser(stored as UserDbRow),
    };
  }

  async update(tenantId: string, id: string, values: UserRow): Promise<User> {
    const [row] = await this.db('users')
      .where({ tenant_id: tenantId, id })
      .update({ ...serialise(values), version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
      .returning('*');
    return toUser(row);
  }

  /**
   * Hides the user and frees its userName (the row stays for the audit trail). Their memberships are the groups
   * feature's (UserService announces the deletion to it).
   */
  async markDeleted(tenantId: string, id: string): Promise<void> {
    await this.db('users')
      .where({ tenant_id: tenantId, id })
      .update({
        deleted_at: this.db.fn.now(),
        active: false,
        version: this.db.raw('version + 1'),
        updated_at: this.db.fn.now(),
      });
  }

  /** The live users among `ids`, in no particular order. */
  async findMany(tenantId: string, ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows: UserDbRow[] = await this.base(tenantId).whereRaw('u.id = ANY(?::uuid[])', [ids]);
    return rows.map(toUser);
  }

  /**
   * Inserts many users in one statement; a userName another user holds skips that row (ON CONFLICT DO NOTHING)
   * instead of failing the statement. Returns the rows inserted.
   */
  async insertMany(
    tenantId: string,
    source: UserSource,
    rows: Array<{ id: string; user_name: string; display_name: string | null; profile: unknown }>,
  ): Promise<Array<{ id: string; version: number }>> {
    if (rows.length === 0) return [];
    const inserted = await this.db.raw(
      `INSERT INTO users (id, tenant_id, user_name, display_name, active, profile, source)
       SELECT x.id, ?::uuid, x.user_name, x.display_name, true, x.profile, ?
       FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, user_name text, display_name text, profile jsonb)
       ON CONFLICT DO NOTHING
       RETURNING id, version`,
      [tenantId, source, JSON.stringify(rows)],
    );
    return inserted.rows as Array<{ id: string; version: number }>;
  }

  /**
   * Live users whose userName (`byName`) or one of whose e-mails equals one of `keys` (lower-cased): the pairs
   * found, a key with several users giving several rows.
   */
  async findByLoginKeys(
    tenantId: string,
    keys: string[],
  ): Promise<Array<{ key: string; id: string; byName: boolean }>> {
    if (keys.length === 0) return [];
    // One statement driven by the keys: the userName index and the e-mail GIN index probed once per key (the lateral
    // subquery). A single `&&` over all the keys was planned from statistics taken while the table was small and
    // answered with a scan of every user, once per batch: 110 of the 249 s of a 100k first directory sync. Both are
    // lateral: as a join, the userName lookup was planned as a hash of every user (the planner ignores the statistics
    // of the partial unique index and assumes hundreds of rows per name).
    const found = await this.db.raw(
      `WITH k AS (SELECT DISTINCT key FROM unnest(?::text[]) AS k(key))
       SELECT k.key, n.id, true AS by_name FROM k CROSS JOIN LATERAL (
         SELECT u.id FROM users u WHERE u.tenant_id = ? AND u.deleted_at IS NULL AND lower(u.user_name) = k.key LIMIT 1
       ) n
       UNION ALL
       SELECT k.key, e.id, false FROM k CROSS JOIN LATERAL (
         SELECT u.id FROM users u WHERE user_email_keys(u.profile) @> ARRAY[k.key] AND u.deleted_at IS NULL AND u.tenant_id = ?
       ) e`,
      [keys, tenantId, tenantId],
    );
    return (found.rows as Array<{ key: string; id: string; by_name: boolean }>).map((r) => ({
      key: r.key,
      id: r.id,
      byName: r.by_name,
    }));
  }

  /** Ids among `ids` that are live users of the tenant. */
  async existingIds(tenantId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db('users')
      .where('tenant_id', tenantId)
      .whereNull('deleted_at')
      .whereRaw('id = ANY(?::uuid[])', [ids])
      .select('id');
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
  return {
    ...rest,
    profile: JSON.stringify(values.profile),
    ...(raw === undefined ? {} : { raw: JSON.stringify(raw) }),
  };
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
  /** Only when the read asked for them (GROUPS_COLUMN). */
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
  if (row.groups) user.groups = row.groups;
  return user;
}
