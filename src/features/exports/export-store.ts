import type { Knex } from 'knex';
import type { UserProfile } from '../users/user.js';

export interface UserExportRow {
  id: string;
  user_name: string;
  active: boolean;
  source: string;
  profile: UserProfile;
  created_at: Date;
  groups: string[];
  fixed: string[];
  mobile: string[];
  licenses: Array<{ product: string; state: string; effectiveAt: Date }>;
}

export interface AssignmentExportRow {
  id: string;
  user_name: string;
  product: string;
  track: string;
  state: string;
  effective_at: Date;
  activated_at: Date | null;
  removal_at: Date | null;
  grace_ends_at: Date | null;
  blocked_reasons: string[];
  grants: string[];
}

export interface NumberExportRow {
  id: string;
  e164: string;
  kind: string;
  country: string;
  status: string;
  origin: string;
  user_name: string | null;
  quarantine_until: Date | null;
}

/**
 * What the exports read, a page at a time in id order (keyset: `id > after`), so an export of any size holds one
 * page in memory. Pages are separate statements, not one snapshot: a row changed while an export runs shows as it
 * was when its page was read.
 */
export class ExportStore {
  constructor(private readonly db: Knex) {}

  /**
   * A page of users, then their groups, numbers and licenses in one read each for the whole page (by user id), all
   * in one read-only snapshot so a page is consistent in itself. Not correlated subqueries per user: for those the
   * planner, misjudging a small number pool, scanned every assigned number of the tenant once per user — 80 s for
   * 100k users with 1,000 assigned numbers, against 10 s now.
   */
  async users(tenantId: string, after: string, limit: number): Promise<UserExportRow[]> {
    return this.db.transaction(
      async (trx) => {
        const { rows: users } = (await trx.raw(
          `SELECT u.id, u.user_name, u.active, u.source, u.profile, u.created_at
           FROM users u
           WHERE u.tenant_id = ? AND u.deleted_at IS NULL AND u.id > ?
           ORDER BY u.id LIMIT ?`,
          [tenantId, after, limit],
        )) as { rows: Array<Omit<UserExportRow, 'groups' | 'fixed' | 'mobile' | 'licenses'>> };
        if (users.length === 0) return [];
        const ids = users.map((u) => u.id);
        // One after the other: the three share the transaction's connection.
        const groups = (await trx.raw(
          `SELECT gm.user_id, g.display_name FROM group_members gm JOIN groups g ON g.id = gm.group_id
           WHERE gm.user_id = ANY(?::uuid[]) AND g.deleted_at IS NULL ORDER BY g.display_name`,
          [ids],
        )) as { rows: Array<{ user_id: string; display_name: string }> };
        const numbers = (await trx.raw(
          `SELECT n.user_id, n.kind, n.e164 FROM phone_numbers n
           WHERE n.tenant_id = ? AND n.user_id = ANY(?::uuid[]) AND n.status = 'assigned' ORDER BY n.e164`,
          [tenantId, ids],
        )) as { rows: Array<{ user_id: string; kind: string; e164: string }> };
        const licenses = (await trx.raw(
          `SELECT a.user_id, p.key AS product, a.state, a.effective_at
           FROM license_assignments a JOIN catalog_products p ON p.id = a.product_id
           WHERE a.tenant_id = ? AND a.user_id = ANY(?::uuid[])
             AND a.state IN ('active', 'removal_scheduled', 'grace', 'scheduled', 'blocked')
           ORDER BY p.position, p.key`,
          [tenantId, ids],
        )) as { rows: Array<{ user_id: string; product: string; state: string; effective_at: Date }> };
        const byUser = new Map<string, UserExportRow>(
          users.map((u) => [u.id, { ...u, groups: [], fixed: [], mobile: [], licenses: [] }]),
        );
        for (const g of groups.rows) byUser.get(g.user_id)?.groups.push(g.display_name);
        for (const n of numbers.rows)
          byUser.get(n.user_id)?.[n.kind === 'mobile' ? 'mobile' : 'fixed'].push(n.e164);
        for (const l of licenses.rows)
          byUser
            .get(l.user_id)
            ?.licenses.push({ product: l.product, state: l.state, effectiveAt: l.effective_at });
        return [...byUser.values()];
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
  }

  async assignments(tenantId: string, after: string, limit: number): Promise<AssignmentExportRow[]> {
    const { rows } = (await this.db.raw(
      `SELECT a.id, u.user_name, p.key AS product, t.key AS track, a.state, a.effective_at, a.activated_at,
              a.removal_at, a.grace_ends_at, a.blocked_reasons,
              ARRAY(SELECT g.kind || coalesce(':' || g.rule_id, '') FROM assignment_grants g
                    WHERE g.assignment_id = a.id ORDER BY g.kind) AS grants
       FROM license_assignments a
       JOIN users u ON u.id = a.user_id
       JOIN catalog_products p ON p.id = a.product_id JOIN catalog_tracks t ON t.id = p.track_id
       WHERE a.tenant_id = ? AND a.id > ?
       ORDER BY a.id LIMIT ?`,
      [tenantId, after, limit],
    )) as { rows: AssignmentExportRow[] };
    return rows;
  }

  async numbers(tenantId: string, after: string, limit: number): Promise<NumberExportRow[]> {
    return (await this.db('phone_numbers as n')
      .leftJoin('users as u', 'u.id', 'n.user_id')
      .where('n.tenant_id', tenantId)
      .where('n.id', '>', after)
      .orderBy('n.id')
      .limit(limit)
      .select(
        'n.id',
        'n.e164',
        'n.kind',
        'n.country',
        'n.status',
        'n.origin',
        'u.user_name',
        'n.quarantine_until',
      )) as NumberExportRow[];
  }
}
