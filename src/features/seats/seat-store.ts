import type { Knex } from 'knex';
import { isUuid } from '../../lib/uuid.js';
import { COMMITTED_STATES, HOLDING_STATES, PENDING_STATES } from '../assignments/assignment-states.js';

export interface Subscription {
  id: string;
  tenantId: string;
  productId: string;
  quantity: number;
  startsAt: Date;
  bindingMonths: number;
  bindingEndsAt: Date;
  endsAt: Date | null;
  termsAcceptedBy: string;
  termsAcceptedAt: Date;
  createdAt: Date;
}

interface SubscriptionRow {
  id: string;
  tenant_id: string;
  product_id: string;
  quantity: number;
  starts_at: Date;
  binding_months: number;
  binding_ends_at: Date;
  ends_at: Date | null;
  terms_accepted_by: string;
  terms_accepted_at: Date;
  created_at: Date;
}

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  tenantId: r.tenant_id,
  productId: r.product_id,
  quantity: r.quantity,
  startsAt: r.starts_at,
  bindingMonths: r.binding_months,
  bindingEndsAt: r.binding_ends_at,
  endsAt: r.ends_at,
  termsAcceptedBy: r.terms_accepted_by,
  termsAcceptedAt: r.terms_accepted_at,
  createdAt: r.created_at,
});

/**
 * The one writer of `subscriptions` and `seat_inventory` (the `held` counter per product), and the counts of
 * seats the inventory is made of. `productId`, where a method takes it, narrows every aggregate to the product
 * before it counts, not after.
 */
export class SeatStore {
  constructor(private readonly db: Knex) {}

  // ---------------------------------------------------------------- subscriptions

  async insertSubscription(values: {
    tenantId: string;
    productId: string;
    quantity: number;
    startsAt: Date;
    bindingMonths: number;
    bindingEndsAt: Date;
    termsAcceptedBy: string;
    termsAcceptedAt: Date;
  }): Promise<Subscription> {
    const [row] = await this.db('subscriptions')
      .insert({
        tenant_id: values.tenantId,
        product_id: values.productId,
        quantity: values.quantity,
        starts_at: values.startsAt,
        binding_months: values.bindingMonths,
        binding_ends_at: values.bindingEndsAt,
        terms_accepted_by: values.termsAcceptedBy,
        terms_accepted_at: values.termsAcceptedAt,
      })
      .returning('*');
    return toSubscription(row);
  }

  async lockSubscription(tenantId: string, id: string): Promise<Subscription | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db('subscriptions').where({ tenant_id: tenantId, id }).forUpdate().first();
    return row ? toSubscription(row) : undefined;
  }

  async endSubscription(id: string, endsAt: Date): Promise<Subscription> {
    const [row] = await this.db('subscriptions').where({ id }).update({ ends_at: endsAt }).returning('*');
    return toSubscription(row);
  }

  async listSubscriptions(tenantId: string, productId?: string): Promise<Subscription[]> {
    const q = this.db('subscriptions')
      .where({ tenant_id: tenantId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    if (productId) q.where({ product_id: productId });
    return (await q).map(toSubscription);
  }

  /** Seats purchased per product on `at`: subscriptions started by then and not ended. */
  async purchasedOn(tenantId: string, at: Date, productId?: string): Promise<Map<string, number>> {
    const q = this.db('subscriptions')
      .where({ tenant_id: tenantId })
      .where('starts_at', '<=', at)
      .where((w) => w.whereNull('ends_at').orWhere('ends_at', '>', at))
      .select(this.db.raw('coalesce(sum(quantity), 0) AS purchased'))
      .groupBy('product_id')
      .select('product_id');
    if (productId) q.where('product_id', productId);
    const rows: Array<{ product_id: string; purchased: string }> = await q;
    return new Map(rows.map((r) => [r.product_id, Number(r.purchased)]));
  }

  // ---------------------------------------------------------------- inventory

  /** A new product's inventory row (nothing held). */
  async openInventory(tenantId: string, productId: string): Promise<void> {
    await this.db('seat_inventory').insert({ tenant_id: tenantId, product_id: productId });
  }

  /** Locks the inventory rows of the products in sorted order and returns each one's held count. */
  async lockInventory(tenantId: string, productIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(productIds)].sort();
    if (ids.length === 0) return new Map();
    const rows: Array<{ product_id: string; held: number }> = await this.db('seat_inventory')
      .where({ tenant_id: tenantId })
      .whereIn('product_id', ids)
      .orderBy('product_id')
      .forUpdate()
      .select('product_id', 'held');
    return new Map(rows.map((r) => [r.product_id, r.held]));
  }

  /** Seats free on `at` per product (purchased then − held now), in one statement. */
  async freeSeats(tenantId: string, productIds: readonly string[], at: Date): Promise<Map<string, number>> {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return new Map();
    const { rows } = (await this.db.raw(
      `SELECT i.product_id, i.held,
              (SELECT coalesce(sum(s.quantity), 0) FROM subscriptions s
               WHERE s.tenant_id = i.tenant_id AND s.product_id = i.product_id
                 AND s.starts_at <= ? AND (s.ends_at IS NULL OR s.ends_at > ?)) AS purchased
       FROM seat_inventory i WHERE i.tenant_id = ? AND i.product_id = ANY(?::uuid[])`,
      [at, at, tenantId, ids],
    )) as { rows: Array<{ product_id: string; held: number; purchased: string }> };
    return new Map(rows.map((r) => [r.product_id, Number(r.purchased) - r.held]));
  }

  async addHeld(tenantId: string, productId: string, delta: number): Promise<void> {
    await this.db('seat_inventory')
      .where({ tenant_id: tenantId, product_id: productId })
      .update({ held: this.db.raw('held + ?', [delta]) });
  }

  async held(tenantId: string, productId?: string): Promise<Map<string, number>> {
    const q = this.db('seat_inventory').where({ tenant_id: tenantId }).select('product_id', 'held');
    if (productId) q.where('product_id', productId);
    const rows: Array<{ product_id: string; held: number }> = await q;
    return new Map(rows.map((r) => [r.product_id, r.held]));
  }

  /** Assignments per product and state, of the states the inventory shows (holding and pending). */
  async countsByState(tenantId: string, productId?: string): Promise<Map<string, Record<string, number>>> {
    const q = this.db('license_assignments')
      .where({ tenant_id: tenantId })
      .whereIn('state', [...HOLDING_STATES, ...PENDING_STATES])
      .groupBy('product_id', 'state')
      .select('product_id', 'state', this.db.raw('count(*) AS n'));
    if (productId) q.where('product_id', productId);
    const rows: Array<{ product_id: string; state: string; n: string }> = await q;
    const counts = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const byState = counts.get(r.product_id) ?? {};
      byState[r.state] = Number(r.n);
      counts.set(r.product_id, byState);
    }
    return counts;
  }

  /**
   * Seats committed on `at` per product: running and blocked ones (blocked take the first free seat), grace
   * seats whose grace ends after `at`, and scheduled assignments due by `at`.
   */
  async committedOn(tenantId: string, at: Date, productId?: string): Promise<Map<string, number>> {
    const q = this.db('license_assignments').where({ tenant_id: tenantId });
    if (productId) q.where('product_id', productId);
    const rows: Array<{ product_id: string; n: string }> = await q
      .where((w) =>
        w
          .whereIn('state', COMMITTED_STATES)
          .orWhere((g) => g.where('state', 'grace').where('grace_ends_at', '>', at))
          .orWhere((s) => s.where('state', 'scheduled').where('effective_at', '<=', at)),
      )
      .groupBy('product_id')
      .select('product_id', this.db.raw('count(*) AS n'));
    return new Map(rows.map((r) => [r.product_id, Number(r.n)]));
  }
}
