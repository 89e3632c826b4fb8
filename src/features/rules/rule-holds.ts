import type { Knex } from 'knex';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { PlannedRevocation } from './rule-plan.js';

export type HoldStatus = 'pending' | 'approved' | 'rejected';

export interface RuleHold {
  id: string;
  tenantId: string;
  status: HoldStatus;
  cause: string;
  threshold: number;
  /** Licenses whose removal waits for (or was refused by) the admin. */
  removals: number;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface HoldItem {
  userId: string;
  userName: string;
  ruleId: string;
  ruleName: string;
  productId: string;
  productKey: string;
}

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

export const holdKey = (userId: string, ruleId: string) => `${userId}|${ruleId}`;

/**
 * Mass-change protection for rule-driven removals (DESIGN.md "Deprovisioning and safety"). Removals that
 * would stop more licenses than the tenant's threshold are written here instead of applied; one pending hold
 * per tenant collects them. Approving lets the next evaluation apply them; rejecting keeps the licenses, and
 * the rejected removals are not proposed again while the grant stays unwanted (when a rule wants the grant
 * again, the item is dropped, so a later removal is judged afresh).
 */
export class RuleHolds {
  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
  ) {}

  /** Hold decisions that apply to these users' rule grants, by user|rule. */
  async decisionsFor(tenantId: string, userIds: readonly string[] | null): Promise<Map<string, HoldStatus>> {
    const q = this.db({ i: 'rule_hold_items' })
      .join({ h: 'rule_holds' }, 'h.id', 'i.hold_id')
      .where('i.tenant_id', tenantId)
      .select('i.user_id', 'i.rule_id', 'h.status');
    if (userIds) q.whereRaw('i.user_id = ANY(?::uuid[])', [[...userIds]]);
    const rows: Array<{ user_id: string; rule_id: string; status: HoldStatus }> = await q;
    const decisions = new Map<string, HoldStatus>();
    // A pending decision outranks an older approval or rejection of the same grant.
    for (const r of rows)
      if (decisions.get(holdKey(r.user_id, r.rule_id)) !== 'pending')
        decisions.set(holdKey(r.user_id, r.rule_id), r.status);
    return decisions;
  }

  /** Adds removals to the tenant's pending hold (creating it); returns its id. */
  async hold(
    tenantId: string,
    removals: readonly PlannedRevocation[],
    threshold: number,
    cause: string,
    actor: Actor,
  ): Promise<string> {
    let hold: { id: string } | undefined = await this.db('rule_holds')
      .where({ tenant_id: tenantId, status: 'pending' })
      .forUpdate()
      .first('id');
    if (!hold) {
      [hold] = await this.db('rule_holds').insert({ tenant_id: tenantId, cause, threshold }).returning('id');
      await this.events.append({
        tenantId,
        actor,
        action: 'rule_hold.created',
        entityType: 'rule_hold',
        entityId: hold!.id,
        after: { cause, threshold },
      });
    }
    const rows = removals.map((r) => ({
      hold_id: hold!.id,
      tenant_id: tenantId,
      user_id: r.userId,
      rule_id: r.ruleId,
      product_id: r.productId,
    }));
    for (let i = 0; i < rows.length; i += 5000)
      await this.db('rule_hold_items')
        .insert(rows.slice(i, i + 5000))
        .onConflict()
        .ignore();
    await this.events.append({
      tenantId,
      actor,
      action: 'rule_hold.removals_added',
      entityType: 'rule_hold',
      entityId: hold!.id,
      after: { removals: removals.length },
    });
    return hold!.id;
  }

  /** Forgets decisions about grants the rules want again, or that are gone. */
  async forget(
    tenantId: string,
    keys: ReadonlyArray<{ userId: string; ruleId: string }>,
    statuses: HoldStatus[],
  ): Promise<void> {
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

  async get(tenantId: string, id: string): Promise<RuleHold> {
    const row: HoldRow | undefined = isUuid(id)
      ? await this.withCounts().where({ 'h.tenant_id': tenantId, 'h.id': id }).first()
      : undefined;
    if (!row) throw notFound('Hold', id);
    return toHold(row);
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

  /** Approves or rejects a pending hold; returns the users whose evaluation is now owed. */
  async decide(
    tenantId: string,
    id: string,
    decision: 'approved' | 'rejected',
    actor: Actor,
  ): Promise<{ hold: RuleHold; userIds: string[] }> {
    const row = isUuid(id)
      ? await this.db('rule_holds').where({ tenant_id: tenantId, id }).forUpdate().first('status')
      : undefined;
    if (!row) throw notFound('Hold', id);
    if (row.status !== 'pending')
      throw new DomainError('rule_hold.invalid_state', `The hold is already ${row.status}`);
    await this.db('rule_holds')
      .where({ id })
      .update({
        status: decision,
        decided_at: this.db.fn.now(),
        decided_by: actor.id ? `${actor.type}:${actor.id}` : actor.type,
      });
    await this.events.append({
      tenantId,
      actor,
      action: `rule_hold.${decision}`,
      entityType: 'rule_hold',
      entityId: id,
      after: { status: decision },
    });
    const users: Array<{ user_id: string }> = await this.db('rule_hold_items')
      .where({ hold_id: id })
      .distinct('user_id');
    return { hold: await this.get(tenantId, id), userIds: users.map((u) => u.user_id) };
  }

  private withCounts() {
    return this.db({ h: 'rule_holds' }).select(
      'h.*',
      this.db.raw('(SELECT count(*) FROM rule_hold_items i WHERE i.hold_id = h.id) AS removals'),
    );
  }
}
