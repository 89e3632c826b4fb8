import type { Knex } from 'knex';
import type { HoldItem, HoldStatus, RuleHold } from './rule.js';

interface HoldRow {
  id: string;
  tenant_id: string;
  status: HoldStatus;
  cause: string;
  threshold: number;
  removals: string | number;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
}

const toHold = (r: HoldRow): RuleHold => ({
  id: r.id,
  tenantId: r.tenant_id,
  status: r.status,
  cause: r.cause,
  threshold: r.threshold,
  removals: Number(r.removals),
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

/** A user's grant by a rule: what a hold item is about. */
export interface HoldKey {
  userId: string;
  ruleId: string;
}

/** The one writer of `rule_holds` and `rule_hold_items`; RuleHolds decides what goes in them. */
export class RuleHoldStore {
  constructor(private readonly db: Knex) {}

  /** The status of every hold holding a grant of these users (all users: null), one row per item. */
  async itemStatuses(
    tenantId: string,
    userIds: readonly string[] | null,
  ): Promise<Array<HoldKey & { status: HoldStatus }>> {
    const q = this.db({ i: 'rule_hold_items' })
      .join({ h: 'rule_holds' }, 'h.id', 'i.hold_id')
      .where('i.tenant_id', tenantId)
      .select({ userId: 'i.user_id', ruleId: 'i.rule_id', status: 'h.status' });
    if (userIds) q.whereRaw('i.user_id = ANY(?::uuid[])', [[...userIds]]);
    return q;
  }

  /** The tenant's pending hold, locked (at most one is pending per tenant). */
  async lockPending(tenantId: string): Promise<string | undefined> {
    const hold: { id: string } | undefined = await this.db('rule_holds')
      .where({ tenant_id: tenantId, status: 'pending' })
      .forUpdate()
      .first('id');
    return hold?.id;
  }

  async insert(tenantId: string, cause: string, threshold: number): Promise<string> {
    const [hold] = await this.db('rule_holds')
      .insert({ tenant_id: tenantId, cause, threshold })
      .returning('id');
    return hold.id;
  }

  /** Adds items to a hold; a grant the hold already has is left as it is. */
  async addItems(
    tenantId: string,
    holdId: string,
    items: ReadonlyArray<HoldKey & { productId: string }>,
  ): Promise<void> {
    const rows = items.map((r) => ({
      hold_id: holdId,
      tenant_id: tenantId,
      user_id: r.userId,
      rule_id: r.ruleId,
      product_id: r.productId,
    }));
    // Chunked: one INSERT of a whole tenant's removals would pass PostgreSQL's 65535 bind parameters.
    for (let i = 0; i < rows.length; i += 5000)
      await this.db('rule_hold_items')
        .insert(rows.slice(i, i + 5000))
        .onConflict()
        .ignore();
  }

  /** Deletes the items about these grants that are in holds of the given statuses. */
  async deleteItems(tenantId: string, keys: readonly HoldKey[], statuses: HoldStatus[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db('rule_hold_items')
      .where({ tenant_id: tenantId })
      .whereRaw('(user_id, rule_id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))', [
        keys.map((k) => k.userId),
        keys.map((k) => k.ruleId),
      ])
      .whereIn(
        'hold_id',
        this.db('rule_holds').where({ tenant_id: tenantId }).whereIn('status', statuses).select('id'),
      )
      .delete();
  }

  async list(
    tenantId: string,
    options: { status?: HoldStatus; limit: number; after?: string },
  ): Promise<RuleHold[]> {
    const q = this.withCounts().where('h.tenant_id', tenantId).orderBy('h.id').limit(options.limit);
    if (options.status) q.where('h.status', options.status);
    if (options.after) q.where('h.id', '>', options.after);
    return ((await q) as HoldRow[]).map(toHold);
  }

  async find(tenantId: string, id: string): Promise<RuleHold | undefined> {
    const row: HoldRow | undefined = await this.withCounts()
      .where({ 'h.tenant_id': tenantId, 'h.id': id })
      .first();
    return row && toHold(row);
  }

  /** The hold's status, with the hold locked until the transaction ends. */
  async lockStatus(tenantId: string, id: string): Promise<HoldStatus | undefined> {
    const row: { status: HoldStatus } | undefined = await this.db('rule_holds')
      .where({ tenant_id: tenantId, id })
      .forUpdate()
      .first('status');
    return row?.status;
  }

  async setDecision(id: string, status: 'approved' | 'rejected', decidedBy: string): Promise<void> {
    await this.db('rule_holds')
      .where({ id })
      .update({ status, decided_at: this.db.fn.now(), decided_by: decidedBy });
  }

  async items(
    tenantId: string,
    holdId: string,
    options: { limit: number; after?: string },
  ): Promise<HoldItem[]> {
    const q = this.db({ i: 'rule_hold_items' })
      .join({ u: 'users' }, 'u.id', 'i.user_id')
      .join({ r: 'license_rules' }, 'r.id', 'i.rule_id')
      .join({ p: 'catalog_products' }, 'p.id', 'i.product_id')
      .where({ 'i.tenant_id': tenantId, 'i.hold_id': holdId })
      .orderBy([{ column: 'i.user_id' }, { column: 'i.rule_id' }])
      .limit(options.limit)
      .select({
        userId: 'i.user_id',
        userName: 'u.user_name',
        ruleId: 'i.rule_id',
        ruleName: 'r.name',
        productId: 'i.product_id',
        productKey: 'p.key',
      });
    if (options.after) q.where('i.user_id', '>', options.after);
    return q;
  }

  /** The users the hold has items for. */
  async userIds(holdId: string): Promise<string[]> {
    const users: Array<{ user_id: string }> = await this.db('rule_hold_items')
      .where({ hold_id: holdId })
      .distinct('user_id');
    return users.map((u) => u.user_id);
  }

  private withCounts() {
    return this.db({ h: 'rule_holds' }).select(
      'h.*',
      this.db.raw('(SELECT count(*) FROM rule_hold_items i WHERE i.hold_id = h.id) AS removals'),
    );
  }
}
