import type { z } from 'zod';
import type { InventoryLine, Subscription } from '../../../features/seats/seat-service.js';
import { iso, isoOrNull } from '../admin-schemas.js';
import type { InventoryLineSchema, SubscriptionSchema } from './seat-schemas.js';

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

export const toAdminInventoryLine = (l: InventoryLine): z.input<typeof InventoryLineSchema> => ({
  productId: l.productId,
  productKey: l.productKey,
  productName: l.productName,
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
  startsAt: iso(s.startsAt),
  bindingMonths: s.bindingMonths,
  bindingEndsAt: iso(s.bindingEndsAt),
  endsAt: isoOrNull(s.endsAt),
  termsAcceptedBy: s.termsAcceptedBy,
  termsAcceptedAt: iso(s.termsAcceptedAt),
  createdAt: iso(s.createdAt),
});
