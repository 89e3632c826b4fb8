import type { z } from 'zod';
import type { InventoryLine, Subscription } from '../../../features/seats/seat-service.js';
import { iso, isoOrNull } from '../admin-schemas.js';
import { formatMinor, toAdminPrice } from '../catalog/catalog-mappers.js';
import type { InventoryLineSchema, MoneySchema, SubscriptionSchema } from './seat-schemas.js';

export const toAdminMoney = (amountMinor: number, currency: string): z.input<typeof MoneySchema> => ({
  amount: formatMinor(amountMinor),
  amountMinor,
  currency,
});

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

export const toAdminInventoryLine = (l: InventoryLine): z.input<typeof InventoryLineSchema> => ({
  productId: l.productId,
  productKey: l.productKey,
  productName: l.productName,
  price: toAdminPrice(l.price),
  monthlyCost:
    l.price && l.monthlyCostMinor !== null ? toAdminMoney(l.monthlyCostMinor, l.price.currency) : null,
  purchased: l.purchased,
  held: l.held,
  active: l.active,
  removalScheduled: l.removalScheduled,
  grace: l.grace,
  scheduled: l.scheduled,
  blocked: l.blocked,
  availableNow: l.availableNow,
  ...(l.on ? { on: { ...l.on, date: iso(l.on.date) } } : {}),
});

export const toAdminSubscription = (
  s: Subscription,
  productKey: string,
): z.input<typeof SubscriptionSchema> => ({
  id: s.id,
  productId: s.productId,
  productKey,
  quantity: s.quantity,
  cancellations: s.cancellations.map((c) => ({
    quantity: c.quantity,
    effectiveAt: iso(c.effectiveAt),
    confirmedBy: c.confirmedBy,
    createdAt: iso(c.createdAt),
  })),
  quantityOnEnd: s.quantity - s.cancellations.reduce((n, c) => n + c.quantity, 0),
  startsAt: iso(s.startsAt),
  bindingMonths: s.bindingMonths,
  bindingEndsAt: iso(s.bindingEndsAt),
  endsAt: isoOrNull(s.endsAt),
  termsAcceptedBy: s.termsAcceptedBy,
  termsAcceptedAt: iso(s.termsAcceptedAt),
  createdAt: iso(s.createdAt),
});
