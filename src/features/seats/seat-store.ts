import type { Knex } from 'knex';
import { isUuid } from '../../lib/uuid.js';
import { COMMITTED_STATES, HOLDING_STATES, PENDING_STATES } from '../assignments/assignment-states.js';

/** Seats leaving a purchase on a date (the end of its binding period); the rest of the purchase stays. */
export interface SubscriptionCancellation {
  id: string;
  quantity: number;
  effectiveAt: Date;
  confirmedBy: string;
  createdAt: Date;
}

export interface Subscription {
  id: string;
  tenantId: string;
  productId: string;
  /** Seats bought; partial cancellations take theirs away on their dates. */
  quantity: number;
  cancellations: SubscriptionCancellation[];
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

interface CancellationRow {
  id: string;
  subscription_id: string;
  quantity: number;
  effective_at: Date;
  confirmed_by: string;
  created_at: Date;
}

const toCancellation = (r: CancellationRow): SubscriptionCancellation => ({
  id: r.id,
  quantity: r.quantity,
  effectiveAt: r.effective_at,
  confirmedBy: r.confirmed_by,
  createdAt: r.created_at,
});

const toSubscription = (r: SubscriptionRow, cancellations: CancellationRow[] = []): Subscription => ({
  id: r.id,
  tenantId: r.tenant_id,
  productId: r.product_id,
  quantity: r.quantity,
  cancellations: cancellations.map(toCancellation),
  startsAt: r.starts_at,
  bindingMonths: r.binding_months,
  bindingEndsAt: r.binding_ends_at,
  endsAt: r.ends_at,
  termsAcceptedBy: r.terms_accepted_by,
  termsAcceptedAt: r.terms_accepted_at,
  createdAt: r.created_at,
});

/** Seats of the purchase `s` still bought on `at` (its cancellations effective by then taken away), as SQL. */
const SEATS_ON = `s.quantity - (SELECT coalesce(sum(c.quantity), 0) FROM subscription_cancellations c
                   WHERE c.subscription_id = s.id AND c.effective_at <= ?)`;

/**
 * The one writer of `subscriptions`, `subscription_cancellations` and `seat_inventory` (the `held` counter per product), and the counts of
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
    return row ? toSubscription(row, await this.cancellationsOf([row.id])) : undefined;
  }

  async endSubscription(id: string, endsAt: Date): Promise<Subscription> {
    const [row] = await this.db('subscriptions').where({ id }).update({ ends_at: endsAt }).returning('*');
    return toSubscription(row, await this.cancellationsOf([id]));
  }

  async insertCancellation(values: {
    tenantId: string;
    subscriptionId: string;
    quantity: number;
    effectiveAt: Date;
    confirmedBy: string;
  }): Promise<void> {
    await this.db('subscription_cancellations').insert({
      tenant_id: values.tenantId,
      subscription_id: values.subscriptionId,
      quantity: values.quantity,
      effective_at: values.effectiveAt,
      confirmed_by: values.confirmedBy,
    });
  }

  async findSubscription(tenantId: string, id: string): Promise<Subscription | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db('subscriptions').where({ tenant_id: tenantId, id }).first();
    return row ? toSubscription(row, await this.cancellationsOf([row.id])) : undefined;
  }

  async listSubscriptions(tenantId: string, productId?: string): Promise<Subscription[]> {
    const q = this.db('subscriptions')
      .where({ tenant_id: tenantId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    if (productId) q.where({ product_id: productId });
    const rows: SubscriptionRow[] = await q;
    const cancellations = await this.cancellationsOf(rows.map((r) => r.id));
    return rows.map((r) =>
      toSubscription(
        r,
        cancellations.filter((c) => c.subscription_id === r.id),
      ),
    );
  }

  /** Seats purchased per product on `at`: subscriptions started by then and not ended, less their cancellations. */
  async purchasedOn(tenantId: string, at: Date, productId?: string): Promise<Map<string, number>> {
    const q = this.db({ s: 'subscriptions' })
      .where({ 's.tenant_id': tenantId })
      .where('s.starts_at', '<=', at)
      .where((w) => w.whereNull('s.ends_at').orWhere('s.ends_at', '>', at))
      .select(this.db.raw(`coalesce(sum(${SEATS_ON}), 0) AS purchased`, [at]))
      .groupBy('s.product_id')
      .select('s.product_id');
    if (productId) q.where('s.product_id', productId);
    const rows: Array<{ product_id: string; purchased: string }> = await q;
    return new Map(rows.map((r) => [r.product_id, Number(r.purchased)]));
  }

  private async cancellationsOf(subscriptionIds: readonly string[]): Promise<CancellationRow[]> {
    if (subscriptionIds.length === 0) return [];
    return this.db('subscription_cancellations')
      .whereIn('subscription_id', subscriptionIds)
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
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
              (SELECT coalesce(sum(${SEATS_ON}), 0) FROM subscriptions s
               WHERE s.tenant_id = i.tenant_id AND s.product_id = i.product_id
                 AND s.starts_at <= ? AND (s.ends_at IS NULL OR s.ends_at > ?)) AS purchased
       FROM seat_inventory i WHERE i.tenant_id = ? AND i.product_id = ANY(?::uuid[])`,
      [at, at, at, tenantId, ids],
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
   * seats whose grace ends after `at`, and scheduled assignments due by `at`. A license that a scheduled change
   * due by `at` swaps out (Basic → Business Mobile) has given its seat back by then: the change counts once, as
   * the new product's seat.
   */
  async committedOn(tenantId: string, at: Date, productId?: string): Promise<Map<string, number>> {
    const q = this.db({ a: 'license_assignments' }).where({ 'a.tenant_id': tenantId });
    if (productId) q.where('a.product_id', productId);
    const rows: Array<{ product_id: string; n: string }> = await q
      .where((w) =>
        w
          .whereIn('a.state', COMMITTED_STATES)
          .orWhere((g) => g.where('a.state', 'grace').where('a.grace_ends_at', '>', at))
          .orWhere((s) => s.where('a.state', 'scheduled').where('a.effective_at', '<=', at)),
      )
      .whereNotExists((swap) =>
        swap
          .select(this.db.raw('1'))
          .from({ n: 'license_assignments' })
          .whereRaw('n.replaces_id = a.id')
          .where('n.state', 'scheduled')
          .where('n.effective_at', '<=', at),
      )
      .groupBy('a.product_id')
      .select('a.product_id', this.db.raw('count(*) AS n'));
    return new Map(rows.map((r) => [r.product_id, Number(r.n)]));
  }
}
