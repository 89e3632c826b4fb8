import type { z } from 'zod';
import type { Assignment, AssignResult, Conflict } from '../../../features/assignments/assignment.js';
import type { SeatOrder } from '../../../features/assignments/assignment-service.js';
import type { EventRecord } from '../../../features/events/event-log.js';
import { iso, isoOrNull } from '../admin-schemas.js';
import { toAdminPrice } from '../catalog/catalog-mappers.js';
import { toAdminMoney, toAdminSubscription } from '../seats/seat-mappers.js';
import type {
  AdminAssignment,
  OrderSummarySchema,
  AssignResultSchema,
  ConflictSchema,
  EventSchema,
} from './assignment-schemas.js';

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

export const toAdminAssignment = (a: Assignment): AdminAssignment => ({
  id: a.id,
  userId: a.userId,
  productId: a.productId,
  product: a.productKey,
  track: a.trackKey,
  state: a.state,
  effectiveAt: iso(a.effectiveAt),
  blockedReasons: a.blockedReasons,
  blockedSince: isoOrNull(a.blockedSince),
  replacesId: a.replacesId,
  activatedAt: isoOrNull(a.activatedAt),
  removalAt: isoOrNull(a.removalAt),
  graceEndsAt: isoOrNull(a.graceEndsAt),
  removalCause: a.removalCause,
  endedAt: isoOrNull(a.endedAt),
  version: a.version,
  createdAt: iso(a.createdAt),
  updatedAt: iso(a.updatedAt),
  grants: (a.grants ?? []).map((g) => ({
    kind: g.kind,
    ruleId: g.ruleId,
    grantedBy: g.grantedBy,
    grantedAt: iso(g.grantedAt),
  })),
});

export const toAdminConflict = (c: Conflict): z.input<typeof ConflictSchema> => ({
  reason: c.reason,
  message: c.message,
  ...(c.requirement ? { requirement: c.requirement } : {}),
});

export const toAdminAssignResult = (r: AssignResult): z.input<typeof AssignResultSchema> => ({
  assignment: toAdminAssignment(r.assignment),
  conflicts: r.conflicts.map(toAdminConflict),
});

export const toAdminEvent = (e: EventRecord): z.input<typeof EventSchema> => ({
  id: e.id,
  action: e.action,
  occurredAt: iso(e.occurredAt),
  actorType: e.actorType,
  actorId: e.actorId,
  before: e.before,
  after: e.after,
});

export const toAdminOrder = (o: SeatOrder): z.input<typeof OrderSummarySchema> => {
  const currency = o.unitPrice?.currency;
  return {
    product: o.product.key,
    productName: o.product.name,
    quantity: o.subscription.quantity,
    bindingMonths: o.subscription.bindingMonths,
    unitPrice: toAdminPrice(o.unitPrice),
    monthlyTotal:
      currency && o.monthlyTotalMinor !== null ? toAdminMoney(o.monthlyTotalMinor, currency) : null,
    bindingTotal:
      currency && o.bindingTotalMinor !== null ? toAdminMoney(o.bindingTotalMinor, currency) : null,
    subscription: toAdminSubscription(o.subscription, o.product.key),
  };
};
