import type { Knex } from 'knex';
import { z } from 'zod';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { SeatReactions } from '../reactions.js';

export const purchaseSchema = z.object({
  /** Product id or key: one product per order, as in the admin portal. */
  product: z.string().min(1),
  quantity: z.number().int().min(1).max(100_000),
  /** When the binding period (and the seats) start; defaults to now. */
  startsAt: z.coerce.date().optional(),
  bindingMonths: z.number().int().min(0).max(120),
  /** Must be true: the order is refused without explicit acceptance of the terms. */
  termsAccepted: z.boolean(),
});
export type PurchaseInput = z.input<typeof purchaseSchema>;

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

export interface InventoryLine {
  productId: string;
  productKey: string;
  productName: string;
  purchased: number;
  /** Seats held now: active + removal scheduled + grace (the counter kept under the inventory lock). */
  held: number;
  active: number;
  removalScheduled: number;
  grace: number;
  scheduled: number;
  blocked: number;
  availableNow: number;
  /** Present when a date was asked for: seats(t) = purchased(t) − committed(t). */
  on?: { date: Date; purchased: number; committed: number; available: number };
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

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Seat purchases and inventory. The seat invariant — held ≤ purchased for every product — is kept by taking
 * the product's `seat_inventory` row lock before any change of `held`; see `lockInventory`.
 */
export class SeatService {
  constructor(
    private readonly db: Knex,
    private readonly catalog: CatalogService,
    private readonly events: EventLog,
    private readonly reactions: SeatReactions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async purchase(tenantId: string, input: PurchaseInput, actor: Actor): Promise<Subscription> {
    const parsed = purchaseSchema.safeParse(input);
    if (!parsed.success) {
      throw new DomainError(
        'invalid_value',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const data = parsed.data;
    if (!data.termsAccepted) {
      throw new DomainError(
        'terms.not_accepted',
        'The order needs explicit acceptance of the terms (termsAccepted: true)',
      );
    }
    const product = await this.catalog.getProduct(tenantId, data.product);
    if (!product.sellable) throw new DomainError('catalog.invalid', `${product.name} is not for sale`);
    const now = this.clock();
    const startsAt = data.startsAt ?? now;
    const [row] = await this.db('subscriptions')
      .insert({
        tenant_id: tenantId,
        product_id: product.id,
        quantity: data.quantity,
        starts_at: startsAt,
        binding_months: data.bindingMonths,
        binding_ends_at: addMonths(startsAt, data.bindingMonths),
        terms_accepted_by: describeActor(actor),
        terms_accepted_at: now,
      })
      .returning('*');
    const subscription = toSubscription(row);
    await this.events.append({
      tenantId,
      actor,
      action: 'subscription.purchased',
      entityType: 'subscription',
      entityId: subscription.id,
      after: { ...subscription, product: product.key },
    });
    if (startsAt <= now) await this.reactions.seatsAdded(tenantId, product.id, actor);
    return subscription;
  }

  /** Ends a subscription at the end of its binding period (or now, when that has passed). */
  async cancel(tenantId: string, subscriptionId: string, actor: Actor): Promise<Subscription> {
    const row = isUuid(subscriptionId)
      ? await this.db('subscriptions').where({ tenant_id: tenantId, id: subscriptionId }).forUpdate().first()
      : undefined;
    if (!row) throw notFound('Subscription', subscriptionId);
    const before = toSubscription(row);
    const now = this.clock();
    const endsAt = before.bindingEndsAt > now ? before.bindingEndsAt : now;
    const [updated] = await this.db('subscriptions')
      .where({ id: before.id })
      .update({ ends_at: endsAt })
      .returning('*');
    const after = toSubscription(updated);
    await this.events.append({
      tenantId,
      actor,
      action: 'subscription.cancelled',
      entityType: 'subscription',
      entityId: before.id,
      before,
      after,
    });
    return after;
  }

  async list(tenantId: string, productId?: string): Promise<Subscription[]> {
    const q = this.db('subscriptions')
      .where({ tenant_id: tenantId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    if (productId) q.where({ product_id: productId });
    return (await q).map(toSubscription);
  }

  /**
   * Locks the inventory rows of `productIds` (sorted, so two transactions locking overlapping sets never
   * deadlock) and returns each product's held count. Everything that changes `held` runs after this, in the
   * same transaction; under READ COMMITTED the statements after the lock see every earlier holder's commit.
   */
  async lockInventory(tenantId: string, productIds: string[]): Promise<Map<string, number>> {
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

  /**
   * Seats free now per product (purchased now − held), in one statement. When the answer decides whether a seat
   * is taken, read it after lockInventory in the same transaction, so `held` is the committed latest.
   */
  async freeSeats(tenantId: string, productIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return new Map();
    const now = this.clock();
    const { rows } = (await this.db.raw(
      `SELECT i.product_id, i.held,
              (SELECT coalesce(sum(s.quantity), 0) FROM subscriptions s
               WHERE s.tenant_id = i.tenant_id AND s.product_id = i.product_id
                 AND s.starts_at <= ? AND (s.ends_at IS NULL OR s.ends_at > ?)) AS purchased
       FROM seat_inventory i WHERE i.tenant_id = ? AND i.product_id = ANY(?::uuid[])`,
      [now, now, tenantId, ids],
    )) as { rows: Array<{ product_id: string; held: number; purchased: string }> };
    return new Map(rows.map((r) => [r.product_id, Number(r.purchased) - r.held]));
  }

  /** Changes the held count; the caller holds the product's inventory lock (see lockInventory). */
  async addHeld(tenantId: string, productId: string, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.db('seat_inventory')
      .where({ tenant_id: tenantId, product_id: productId })
      .update({ held: this.db.raw('held + ?', [delta]) });
  }

  /**
   * Inventory per product. With `on`, also the seats free on that date: purchased(t) minus what is committed
   * by then — seats held now (grace seats whose grace ends before t excepted), scheduled assignments due by t
   * and blocked ones (they take the first free seat). Subscriptions ending by t are not in purchased(t).
   */
  async inventory(
    tenantId: string,
    options: { productId?: string; on?: Date } = {},
  ): Promise<InventoryLine[]> {
    const now = this.clock();
    const { productId } = options;
    const products = await this.catalog.listProducts(tenantId);
    const selected = productId ? products.filter((p) => p.id === productId) : products;
    // One product asked for: every aggregate below is narrowed to it before it counts, not filtered after.
    const ofProduct = (q: Knex.QueryBuilder) => (productId ? q.where('product_id', productId) : q);
    const heldRows: Array<{ product_id: string; held: number }> = await ofProduct(
      this.db('seat_inventory').where({ tenant_id: tenantId }).select('product_id', 'held'),
    );
    const held = new Map(heldRows.map((r) => [r.product_id, r.held]));
    const purchasedNow = await this.purchasedMap(tenantId, now, productId);
    const counts = new Map<string, Record<string, number>>();
    const stateRows: Array<{ product_id: string; state: string; n: string }> = await ofProduct(
      this.db('license_assignments')
        .where({ tenant_id: tenantId })
        .whereIn('state', ['active', 'removal_scheduled', 'grace', 'scheduled', 'blocked'])
        .groupBy('product_id', 'state')
        .select('product_id', 'state', this.db.raw('count(*) AS n')),
    );
    for (const r of stateRows) {
      const byState = counts.get(r.product_id) ?? {};
      byState[r.state] = Number(r.n);
      counts.set(r.product_id, byState);
    }
    const future = options.on ? await this.futureCommitments(tenantId, options.on, productId) : null;
    const purchasedThen = options.on ? await this.purchasedMap(tenantId, options.on, productId) : null;
    return selected.map((p) => {
      const c = counts.get(p.id) ?? {};
      const purchased = purchasedNow.get(p.id) ?? 0;
      const h = held.get(p.id) ?? 0;
      const line: InventoryLine = {
        productId: p.id,
        productKey: p.key,
        productName: p.name,
        purchased,
        held: h,
        active: c.active ?? 0,
        removalScheduled: c.removal_scheduled ?? 0,
        grace: c.grace ?? 0,
        scheduled: c.scheduled ?? 0,
        blocked: c.blocked ?? 0,
        availableNow: purchased - h,
      };
      if (options.on && future && purchasedThen) {
        const committed = future.get(p.id) ?? 0;
        const purchasedOn = purchasedThen.get(p.id) ?? 0;
        line.on = { date: options.on, purchased: purchasedOn, committed, available: purchasedOn - committed };
      }
      return line;
    });
  }

  private purchasedQuery(tenantId: string, at: Date) {
    return this.db('subscriptions')
      .where({ tenant_id: tenantId })
      .where('starts_at', '<=', at)
      .where((q) => q.whereNull('ends_at').orWhere('ends_at', '>', at))
      .select(this.db.raw('coalesce(sum(quantity), 0) AS purchased'));
  }

  private async purchasedMap(tenantId: string, at: Date, productId?: string): Promise<Map<string, number>> {
    const q = this.purchasedQuery(tenantId, at).groupBy('product_id').select('product_id');
    if (productId) q.where('product_id', productId);
    const rows: Array<{ product_id: string; purchased: string }> = await q;
    return new Map(rows.map((r) => [r.product_id, Number(r.purchased)]));
  }

  private async futureCommitments(
    tenantId: string,
    at: Date,
    productId?: string,
  ): Promise<Map<string, number>> {
    const q = this.db('license_assignments').where({ tenant_id: tenantId });
    if (productId) q.where('product_id', productId);
    const rows: Array<{ product_id: string; n: string }> = await q
      .where((w) =>
        w
          .whereIn('state', ['active', 'removal_scheduled', 'blocked'])
          .orWhere((g) => g.where('state', 'grace').where('grace_ends_at', '>', at))
          .orWhere((s) => s.where('state', 'scheduled').where('effective_at', '<=', at)),
      )
      .groupBy('product_id')
      .select('product_id', this.db.raw('count(*) AS n'));
    return new Map(rows.map((r) => [r.product_id, Number(r.n)]));
  }
}

/** Who accepted the terms, as recorded on the order. */
export function describeActor(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}
