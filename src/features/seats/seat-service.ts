import { z } from 'zod';
import { DomainError, fieldFault, invalidInput, notFound } from '../../domain-error.js';
import type { Price } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { SeatStore, Subscription } from './seat-store.js';

export type { Subscription, SubscriptionCancellation } from './seat-store.js';
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

export const cancelSchema = z.object({
  /** Seats to cancel; absent: all that are left (the whole purchase ends). */
  quantity: z.number().int().min(1).max(100_000).optional(),
  /** Must be true: the seats leave the inventory at the end of the binding period. */
  confirmCancellation: z.boolean().optional(),
});
export type CancelInput = z.input<typeof cancelSchema>;

export interface InventoryLine {
  productId: string;
  productKey: string;
  productName: string;
  /** The product's monthly list price per seat (null: none). */
  price: Price | null;
  /** What the seats purchased now cost a month at that price, in its minor units (null without a price). */
  monthlyCostMinor: number | null;
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
    private readonly store: SeatStore,
    private readonly catalog: CatalogService,
    private readonly events: EventLog,
    private readonly reactions: SeatReactions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async purchase(tenantId: string, input: PurchaseInput, actor: Actor): Promise<Subscription> {
    const parsed = purchaseSchema.safeParse(input);
    if (!parsed.success) throw invalidInput('invalid_value', parsed.error.issues);
    const data = parsed.data;
    if (!data.termsAccepted) {
      throw new DomainError(
        'terms.not_accepted',
        'The order needs explicit acceptance of the terms (termsAccepted: true)',
      );
    }
    const product = await this.catalog.getProduct(tenantId, data.product);
    if (!product.sellable)
      throw fieldFault('product.not_sellable', ['product'], `${product.name} is not for sale`, {
        product: product.key,
      });
    const now = this.clock();
    const startsAt = data.startsAt ?? now;
    const subscription = await this.store.insertSubscription({
      tenantId,
      productId: product.id,
      quantity: data.quantity,
      startsAt,
      bindingMonths: data.bindingMonths,
      bindingEndsAt: addMonths(startsAt, data.bindingMonths),
      termsAcceptedBy: describeActor(actor),
      termsAcceptedAt: now,
    });
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

  /**
   * Cancels `quantity` seats of a purchase (all that are left when absent), with explicit confirmation. They leave
   * at the end of the binding period (or now, when it has passed); the rest of the purchase stays. Refused when
   * fewer seats are left, or when the seats left on that date would not cover what is committed then (running,
   * blocked and scheduled licenses): those licenses need removing first.
   */
  async cancel(
    tenantId: string,
    subscriptionId: string,
    input: CancelInput,
    actor: Actor,
  ): Promise<Subscription> {
    const data = cancelSchema.parse(input);
    if (data.confirmCancellation !== true) {
      throw new DomainError(
        'confirmation.required',
        'Cancelled seats leave the inventory at the end of the binding period; send confirmCancellation: true to proceed',
      );
    }
    const before = await this.store.lockSubscription(tenantId, subscriptionId);
    if (!before) throw notFound('Subscription', subscriptionId);
    const product = await this.catalog.getProduct(tenantId, before.productId);
    const now = this.clock();
    if (before.endsAt) {
      throw new DomainError(
        'subscription.quantity_exceeded',
        `The purchase of ${product.name} is cancelled already: it ends ${before.endsAt.toISOString()}`,
        { remaining: 0 },
      );
    }
    const left = before.quantity - before.cancellations.reduce((n, c) => n + c.quantity, 0);
    const quantity = data.quantity ?? left;
    if (quantity > left) {
      throw new DomainError(
        'subscription.quantity_exceeded',
        `The purchase of ${product.name} has ${left} seat${left === 1 ? '' : 's'} left to cancel, not ${quantity}`,
        { remaining: left },
      );
    }
    const effectiveAt = before.bindingEndsAt > now ? before.bindingEndsAt : now;
    // Under the product's inventory lock, so no seat is taken between this check and the cancellation.
    await this.lockInventory(tenantId, [product.id]);
    const [line] = await this.inventory(tenantId, { productId: product.id, on: effectiveAt });
    const free = line?.on?.available ?? 0;
    if (quantity > free) {
      throw new DomainError(
        'subscription.seats_in_use',
        `Only ${Math.max(free, 0)} seat${free === 1 ? ' is' : 's are'} of ${product.name} free on ${effectiveAt.toISOString()}, when the cancellation takes effect: remove or cancel the licenses that hold the others first`,
        { product: product.key, on: effectiveAt.toISOString(), free: Math.max(free, 0), quantity },
      );
    }
    const whole = quantity === left;
    if (!whole) {
      await this.store.insertCancellation({
        tenantId,
        subscriptionId: before.id,
        quantity,
        effectiveAt,
        confirmedBy: describeActor(actor),
      });
    }
    const after = whole
      ? await this.store.endSubscription(before.id, effectiveAt)
      : ((await this.store.findSubscription(tenantId, before.id)) ?? before);
    await this.events.append({
      tenantId,
      actor,
      action: whole ? 'subscription.cancelled' : 'subscription.partially_cancelled',
      entityType: 'subscription',
      entityId: before.id,
      before,
      after: { ...after, cancelledQuantity: quantity, effectiveAt },
    });
    return after;
  }

  async get(tenantId: string, subscriptionId: string): Promise<Subscription> {
    const found = await this.store.findSubscription(tenantId, subscriptionId);
    if (!found) throw notFound('Subscription', subscriptionId);
    return found;
  }

  async list(tenantId: string, productId?: string): Promise<Subscription[]> {
    return this.store.listSubscriptions(tenantId, productId);
  }

  /**
   * Locks the inventory rows of `productIds` (sorted, so two transactions locking overlapping sets never
   * deadlock) and returns each product's held count. Everything that changes `held` runs after this, in the
   * same transaction; under READ COMMITTED the statements after the lock see every earlier holder's commit.
   */
  lockInventory(tenantId: string, productIds: string[]): Promise<Map<string, number>> {
    return this.store.lockInventory(tenantId, productIds);
  }

  /**
   * Seats free now per product (purchased now − held), in one statement. When the answer decides whether a seat
   * is taken, read it after lockInventory in the same transaction, so `held` is the committed latest.
   */
  freeSeats(tenantId: string, productIds: readonly string[]): Promise<Map<string, number>> {
    return this.store.freeSeats(tenantId, productIds, this.clock());
  }

  /** Changes the held count; the caller holds the product's inventory lock (see lockInventory). */
  async addHeld(tenantId: string, productId: string, delta: number): Promise<void> {
    if (delta !== 0) await this.store.addHeld(tenantId, productId, delta);
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
    const held = await this.store.held(tenantId, productId);
    const purchasedNow = await this.store.purchasedOn(tenantId, now, productId);
    const counts = await this.store.countsByState(tenantId, productId);
    const future = options.on ? await this.store.committedOn(tenantId, options.on, productId) : null;
    const purchasedThen = options.on ? await this.store.purchasedOn(tenantId, options.on, productId) : null;
    return selected.map((p) => {
      const c = counts.get(p.id) ?? {};
      const purchased = purchasedNow.get(p.id) ?? 0;
      const h = held.get(p.id) ?? 0;
      const line: InventoryLine = {
        productId: p.id,
        productKey: p.key,
        productName: p.name,
        price: p.price,
        monthlyCostMinor: p.price ? p.price.monthlyMinor * purchased : null,
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
}

/** Who accepted the terms, as recorded on the order. */
export function describeActor(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}
