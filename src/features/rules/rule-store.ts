import type { Knex } from 'knex';
import { isUuid } from '../../lib/uuid.js';
import type { Rule, RuleConflict, RuleStatus } from './rule.js';

interface RuleRow {
  id: string;
  tenant_id: string;
  name: string;
  group_id: string | null;
  filter: string | null;
  product_id: string;
  priority: number;
  activation: Rule['activation'];
  removal_grace_days: number | null;
  pick_numbers: boolean;
  status: RuleStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A rule's columns as RuleService validated them (activation already JSON). */
export interface RuleValues {
  name: string;
  group_id: string | null;
  filter: string | null;
  product_id: string;
  priority: number;
  activation: string;
  removal_grace_days: number | null;
  pick_numbers: boolean;
}

export interface StoredConflict extends RuleConflict {
  id: string;
  userName: string;
  detectedAt: Date;
}

const toRule = (r: RuleRow): Rule => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  groupId: r.group_id,
  filter: r.filter,
  productId: r.product_id,
  priority: r.priority,
  // jsonb returns the date as a string: the policy's date is a Date everywhere else.
  activation:
    r.activation.kind === 'on_date' ? { kind: 'on_date', date: new Date(r.activation.date) } : r.activation,
  removalGraceDays: r.removal_grace_days,
  pickNumbers: r.pick_numbers,
  status: r.status,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The one writer of the rules feature's tables: `license_rules`, `rule_reconcile_requests`,
 * `rule_evaluation_queue` and `rule_conflicts` (holds are RuleHoldStore's). What the engine plans from is read by
 * rule-evaluation-data.ts; this store holds the rules themselves, the engine's work queues and its conflicts.
 */
export class RuleStore {
  constructor(private readonly db: Knex) {}

  // ---------------------------------------------------------------- rules

  async list(
    tenantId: string,
    options: { status?: RuleStatus; after?: string; limit: number },
  ): Promise<Rule[]> {
    const q = this.db('license_rules').where({ tenant_id: tenantId }).orderBy('id').limit(options.limit);
    if (options.status) q.where('status', options.status);
    if (options.after) q.where('id', '>', options.after);
    return ((await q) as RuleRow[]).map(toRule);
  }

  /** Active rules, in the order the engine applies them (priority, then age). */
  async active(tenantId: string): Promise<Rule[]> {
    const rows: RuleRow[] = await this.db('license_rules')
      .where({ tenant_id: tenantId, status: 'active' })
      .orderBy([{ column: 'priority' }, { column: 'created_at' }, { column: 'id' }]);
    return rows.map(toRule);
  }

  /** A rule by id; `forUpdate` locks its row for the rest of the transaction. */
  async find(tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Rule | null> {
    if (!isUuid(id)) return null;
    const q = this.db('license_rules').where({ tenant_id: tenantId, id });
    if (options.forUpdate) q.forUpdate();
    const row: RuleRow | undefined = await q.first();
    return row ? toRule(row) : null;
  }

  async insert(tenantId: string, values: RuleValues, status: RuleStatus): Promise<Rule> {
    const [row] = await this.db('license_rules')
      .insert({ tenant_id: tenantId, ...values, status })
      .returning('*');
    return toRule(row as RuleRow);
  }

  /** Writes new values or a new status and moves the version on. */
  async update(id: string, values: Partial<RuleValues> & { status?: RuleStatus }): Promise<Rule> {
    const [row] = await this.db('license_rules')
      .where({ id })
      .update({ ...values, version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
      .returning('*');
    return toRule(row as RuleRow);
  }

  async delete(id: string): Promise<void> {
    await this.db('license_rules').where({ id }).delete();
  }

  /** Whether the tenant has this group, not deleted (a rule's source). */
  async groupExists(tenantId: string, groupId: string): Promise<boolean> {
    const group = await this.db('groups')
      .where({ tenant_id: tenantId, id: groupId })
      .whereNull('deleted_at')
      .first('id');
    return group !== undefined;
  }

  /** A rule's source group as the "why" report shows it (deleted groups included). */
  async groupOf(
    tenantId: string,
    groupId: string,
  ): Promise<{ id: string; displayName: string; deleted: boolean } | null> {
    const group: { id: string; display_name: string; deleted_at: Date | null } | undefined = await this.db(
      'groups',
    )
      .where({ tenant_id: tenantId, id: groupId })
      .first('id', 'display_name', 'deleted_at');
    return group
      ? { id: group.id, displayName: group.display_name, deleted: group.deleted_at !== null }
      : null;
  }

  async hasActiveRuleForGroup(tenantId: string, groupId: string): Promise<boolean> {
    const rule = await this.db('license_rules')
      .where({ tenant_id: tenantId, group_id: groupId, status: 'active' })
      .first('id');
    return rule !== undefined;
  }

  /** Whether an active rule is sourced from one of the user's groups. */
  async hasActiveRuleForUser(tenantId: string, userId: string): Promise<boolean> {
    const rule = await this.db({ r: 'license_rules' })
      .join({ gm: 'group_members' }, 'gm.group_id', 'r.group_id')
      .where({ 'r.tenant_id': tenantId, 'r.status': 'active', 'gm.user_id': userId })
      .first('r.id');
    return rule !== undefined;
  }

  async massChangeThreshold(tenantId: string): Promise<number> {
    const tenant = await this.db('tenants').where({ id: tenantId }).first('mass_change_threshold');
    return Number(tenant?.mass_change_threshold ?? 0);
  }

  /**
   * Serialises evaluations of the same users across transactions. Advisory rather than row locks: the user
   * row is share-locked by license activation (requirement facts), which must not wait for an evaluation.
   * Taken in key order, so two evaluations over overlapping users cannot deadlock.
   */
  async lockUsers(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.raw(
      `SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended('seatsync.rules:' || id::text, 0) AS k FROM unnest(?::uuid[]) AS id ORDER BY k) AS keys`,
      [[...ids]],
    );
  }

  // ---------------------------------------------------------------- work queues (jobs)

  /** Asks the reconcile job to recompute the tenant; several requests before it runs make one reconcile. */
  async requestReconcile(tenantId: string, requestedBy: string): Promise<void> {
    await this.db('rule_reconcile_requests')
      .insert({ tenant_id: tenantId, requested_by: requestedBy })
      .onConflict('tenant_id')
      .merge({ requested_at: this.db.fn.now() });
  }

  /** Claims the oldest reconcile request (SKIP LOCKED) and removes it; null when there is none. */
  async claimReconcileRequest(): Promise<string | null> {
    const request: { tenant_id: string } | undefined = await this.db('rule_reconcile_requests')
      .orderBy('requested_at')
      .forUpdate()
      .skipLocked()
      .first('tenant_id');
    if (!request) return null;
    await this.db('rule_reconcile_requests').where({ tenant_id: request.tenant_id }).delete();
    return request.tenant_id;
  }

  async enqueue(tenantId: string, userIds: readonly string[]): Promise<void> {
    for (let i = 0; i < userIds.length; i += 10_000) {
      await this.db.raw(
        `INSERT INTO rule_evaluation_queue (tenant_id, user_id)
         SELECT ?, id FROM unnest(?::uuid[]) AS id ON CONFLICT (tenant_id, user_id) DO NOTHING`,
        [tenantId, userIds.slice(i, i + 10_000) as unknown as Knex.RawBinding],
      );
    }
  }

  /** Claims up to `limit` queued users (SKIP LOCKED: workers never share a row) and removes them. */
  async claimQueued(limit: number): Promise<Array<{ tenantId: string; userId: string }>> {
    const rows: Array<{ tenant_id: string; user_id: string }> = await this.db('rule_evaluation_queue')
      .orderBy('queued_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('tenant_id', 'user_id');
    if (rows.length === 0) return [];
    await this.db('rule_evaluation_queue')
      .whereRaw('(tenant_id, user_id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))', [
        rows.map((r) => r.tenant_id),
        rows.map((r) => r.user_id),
      ])
      .delete();
    return rows.map((r) => ({ tenantId: r.tenant_id, userId: r.user_id }));
  }

  // ---------------------------------------------------------------- conflicts

  /** Replaces what the rules could not honour for these users with the latest evaluation's conflicts. */
  async replaceConflicts(
    tenantId: string,
    userIds: readonly string[],
    conflicts: readonly RuleConflict[],
  ): Promise<void> {
    await this.db('rule_conflicts')
      .where({ tenant_id: tenantId })
      .whereRaw('user_id = ANY(?::uuid[])', [[...userIds]])
      .delete();
    const rows = conflicts.map((c) => ({
      tenant_id: tenantId,
      user_id: c.userId,
      rule_id: c.ruleId,
      product_id: c.productId,
      kind: c.kind,
      message: c.message,
      details: c.details ? JSON.stringify(c.details) : null,
    }));
    for (let i = 0; i < rows.length; i += 5000)
      await this.db('rule_conflicts').insert(rows.slice(i, i + 5000));
  }

  /** Every stored conflict of the tenant, by what identifies it (for the reconcile's diff). */
  allConflicts(
    tenantId: string,
  ): Promise<Array<Pick<RuleConflict, 'userId' | 'ruleId' | 'productId' | 'kind'>>> {
    return this.db('rule_conflicts')
      .where({ tenant_id: tenantId })
      .select({ userId: 'user_id', ruleId: 'rule_id', productId: 'product_id', kind: 'kind' });
  }

  /** A page of the tenant's conflicts, newest evaluation last (keyset on the conflict id). */
  async conflicts(
    tenantId: string,
    options: {
      kind?: RuleConflict['kind'] | undefined;
      userId?: string | undefined;
      ruleId?: string | undefined;
      after?: string | undefined;
      limit: number;
    },
  ): Promise<StoredConflict[]> {
    const q = this.db({ c: 'rule_conflicts' })
      .join({ u: 'users' }, 'u.id', 'c.user_id')
      .where('c.tenant_id', tenantId)
      .orderBy('c.id')
      .limit(options.limit)
      .select('c.*', { user_name: 'u.user_name' });
    if (options.kind) q.where('c.kind', options.kind);
    if (options.userId) q.where('c.user_id', options.userId);
    if (options.ruleId) q.where('c.rule_id', options.ruleId);
    if (options.after) q.where('c.id', '>', options.after);
    const rows: Array<{
      id: string;
      user_id: string;
      user_name: string;
      rule_id: string | null;
      product_id: string | null;
      kind: RuleConflict['kind'];
      message: string;
      details: Record<string, unknown> | null;
      detected_at: Date;
    }> = await q;
    return rows.map((r) => ({
      id: String(r.id),
      userId: r.user_id,
      userName: r.user_name,
      ruleId: r.rule_id,
      productId: r.product_id,
      kind: r.kind,
      message: r.message,
      ...(r.details ? { details: r.details } : {}),
      detectedAt: r.detected_at,
    }));
  }

  /** The conflicts of one user and product, oldest first. */
  async conflictsOf(
    tenantId: string,
    userId: string,
    productId: string,
  ): Promise<Array<{ kind: string; ruleId: string | null; message: string; detectedAt: Date }>> {
    const rows: Array<{ kind: string; rule_id: string | null; message: string; detected_at: Date }> =
      await this.db('rule_conflicts')
        .where({ tenant_id: tenantId, user_id: userId, product_id: productId })
        .orderBy('id');
    return rows.map((c) => ({
      kind: c.kind,
      ruleId: c.rule_id,
      message: c.message,
      detectedAt: c.detected_at,
    }));
  }
}
