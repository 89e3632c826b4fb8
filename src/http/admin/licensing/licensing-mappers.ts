import type { z } from 'zod';
import type { Assignment, AssignResult, Conflict } from '../../../features/assignments/assignment.js';
import type { Comparison, Product, Track } from '../../../features/catalog/catalog.js';
import type { EventRecord } from '../../../features/events/event-log.js';
import type { PhoneNumber, PortOrder } from '../../../features/numbers/number.js';
import type { InventoryLine, Subscription } from '../../../features/seats/seat-service.js';
import type {
  AssignResultSchema,
  ComparisonSchema,
  ConflictSchema,
  EventSchema,
  InventoryLineSchema,
  PhoneNumberSchema,
  PortOrderSchema,
  ProductSchema,
  SubscriptionSchema,
  TrackSchema,
} from './licensing-schemas.js';
import type { AdminAssignment } from './licensing-schemas.js';

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const toAdminTrack = (t: Track): z.input<typeof TrackSchema> => ({
  id: t.id,
  key: t.key,
  name: t.name,
  exclusive: t.exclusive,
  position: t.position,
});

export const toAdminProduct = (p: Product): z.input<typeof ProductSchema> => ({
  id: p.id,
  key: p.key,
  name: p.name,
  track: p.trackKey,
  includes: p.includes,
  requirements: p.requirements,
  sellable: p.sellable,
  position: p.position,
  version: p.version,
});

export const toAdminComparison = (c: Comparison): z.input<typeof ComparisonSchema> => c;

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

export const toAdminNumber = (n: PhoneNumber): z.input<typeof PhoneNumberSchema> => ({
  id: n.id,
  e164: n.e164,
  kind: n.kind,
  country: n.country,
  status: n.status,
  origin: n.origin,
  userId: n.userId,
  quarantineUntil: isoOrNull(n.quarantineUntil),
  version: n.version,
});

export const toAdminPortOrder = (o: PortOrder): z.input<typeof PortOrderSchema> => ({
  id: o.id,
  e164: o.e164,
  kind: o.kind,
  country: o.country,
  losingOperator: o.losingOperator,
  state: o.state,
  portAt: isoOrNull(o.portAt),
  rejectReason: o.rejectReason,
  createdAt: iso(o.createdAt),
});
