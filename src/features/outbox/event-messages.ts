import type { EventAction } from '../events/event-actions.js';
import { isOutgoingEventType, OUTGOING_EVENT_TYPES, type OutgoingEventType } from './outgoing-event-types.js';

/** An event as it was appended: what the outbox plans its messages from. */
export interface AppendedEvent {
  id: string;
  tenantId: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** What the payloads add to an event so a receiver can act without calling back, read in the same transaction. */
export interface PayloadFacts {
  /** The numbers each user holds now (assignment payloads name them). */
  numbersByUser: ReadonlyMap<string, ReadonlyArray<{ e164: string; kind: string }>>;
  /** Product keys by id (a subscription row names its product only by id). */
  productKeys: ReadonlyMap<string, string>;
}

export interface WebhookMessage {
  tenantId: string;
  eventId: string;
  type: OutgoingEventType;
  orderingKey: string;
  payload: WebhookPayload;
}

export interface WebhookPayload {
  type: OutgoingEventType;
  version: number;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface OnboardingMessage {
  tenantId: string;
  userId: string;
  payload: { email: string; language: string; userName: string; displayName: string | null };
}

export type AlertCause =
  | 'license_blocked'
  | 'license_failed'
  | 'seats_low'
  | 'rule_hold'
  | 'sync_held'
  | 'sync_failed'
  | 'port_completed'
  | 'port_rejected'
  | 'webhook_disabled';

/** One line of an alert; alerts with the same group key collect into one e-mail. */
export interface AlertItem {
  tenantId: string;
  cause: AlertCause;
  groupKey: string;
  item: Record<string, unknown>;
}

export interface PlannedMessages {
  webhooks: WebhookMessage[];
  onboarding: OnboardingMessage[];
  alerts: AlertItem[];
}

/** The user ids whose numbers the payloads of these events name. */
export function usersNeedingNumbers(events: readonly AppendedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (!e.action.startsWith('assignment.') || !isOutgoingEventType(e.action)) continue;
    const userId = field(e.after ?? e.before, 'userId');
    if (userId) ids.add(userId);
  }
  return [...ids];
}

/** The product ids the payloads of these events name only by id. */
export function productsToName(events: readonly AppendedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events)
    if (e.entityType === 'subscription') {
      const productId = field(e.after ?? e.before, 'productId');
      if (productId) ids.add(productId);
    }
  return [...ids];
}

/** Whether any of these events leaves seatsync (saves the fact reads for the events that do not). */
export function anyOutgoing(events: readonly AppendedEvent[]): boolean {
  return events.some(
    (e) =>
      isOutgoingEventType(e.action) ||
      ALERTS[e.action as EventAction] ||
      e.action === ONBOARDING ||
      SEAT_TAKING.has(e.action),
  );
}

const ONBOARDING = 'user.onboarding_requested';

/** Events that take a seat or take seats away: after them a product may be running out. */
const SEAT_TAKING = new Set([
  'assignment.activated',
  'assignment.restored',
  'subscription.cancelled',
  'subscription.partially_cancelled',
]);

/** Per tenant, the products whose free seats these events may have lowered. */
export function productsLosingSeats(events: readonly AppendedEvent[]): Map<string, Set<string>> {
  const touched = new Map<string, Set<string>>();
  for (const e of events) {
    if (!SEAT_TAKING.has(e.action)) continue;
    const state = e.after ?? e.before;
    const key = field(state, 'product') ?? field(state, 'productId');
    if (!key) continue;
    touched.set(e.tenantId, (touched.get(e.tenantId) ?? new Set()).add(key));
  }
  return touched;
}

/** A seats-low alert line for each product whose free seats are at or below the tenant's threshold. */
export function seatsLowAlerts(
  tenantId: string,
  lines: ReadonlyArray<{ product: string; available: number; threshold: number }>,
): AlertItem[] {
  return lines
    .filter((l) => l.available <= l.threshold)
    .map((l) => ({
      tenantId,
      cause: 'seats_low' as const,
      groupKey: `seats_low:${l.product}`,
      item: { product: l.product, available: l.available, threshold: l.threshold },
    }));
}

/** The webhooks, onboarding e-mails and alert lines these events give rise to. */
export function planMessages(events: readonly AppendedEvent[], facts: PayloadFacts): PlannedMessages {
  const planned: PlannedMessages = { webhooks: [], onboarding: [], alerts: [] };
  for (const event of events) {
    if (isOutgoingEventType(event.action)) planned.webhooks.push(webhookMessage(event, event.action, facts));
    if (event.action === ONBOARDING && event.entityId) {
      const after = (event.after ?? {}) as Record<string, unknown>;
      const email = typeof after.email === 'string' ? after.email : null;
      if (email)
        planned.onboarding.push({
          tenantId: event.tenantId,
          userId: event.entityId,
          payload: {
            email,
            language: typeof after.language === 'string' ? after.language : 'en',
            userName: typeof after.userName === 'string' ? after.userName : email,
            displayName: typeof after.displayName === 'string' ? after.displayName : null,
          },
        });
    }
    const alert = ALERTS[event.action as EventAction]?.(event);
    if (alert) planned.alerts.push({ tenantId: event.tenantId, ...alert });
  }
  return planned;
}

/**
 * Messages about one entity are delivered in order. A license belongs to its user, so a user's own changes and
 * their licenses' share one key: a receiver never sees a license of a user it has not been told about.
 */
export function orderingKey(event: Pick<AppendedEvent, 'entityType' | 'entityId' | 'before' | 'after'>) {
  if (event.entityType === 'assignment') {
    const userId = field(event.after ?? event.before, 'userId');
    if (userId) return `user:${userId}`;
  }
  return `${event.entityType}:${event.entityId ?? 'none'}`;
}

export function webhookMessage(
  event: AppendedEvent,
  type: OutgoingEventType,
  facts: PayloadFacts,
): WebhookMessage {
  const data: Record<string, unknown> = {
    tenantId: event.tenantId,
    eventId: event.id,
    entityType: event.entityType,
    entityId: event.entityId,
    actor: { type: event.actorType, id: event.actorId },
    before: event.before ?? null,
    after: event.after ?? null,
  };
  const state = event.after ?? event.before;
  if (event.entityType === 'assignment') {
    const userId = field(state, 'userId');
    data.numbers = userId ? (facts.numbersByUser.get(userId) ?? []) : [];
  }
  if (event.entityType === 'subscription') {
    const productId = field(state, 'productId');
    data.product = field(state, 'product') ?? (productId ? (facts.productKeys.get(productId) ?? null) : null);
  }
  return {
    tenantId: event.tenantId,
    eventId: event.id,
    type,
    orderingKey: orderingKey(event),
    payload: { type, version: OUTGOING_EVENT_TYPES[type], timestamp: event.occurredAt.toISOString(), data },
  };
}

type AlertRule = (event: AppendedEvent) => Omit<AlertItem, 'tenantId'> | null;

/** Which events alert the tenant's admins, grouped by what caused them (one mail per cause, not per user). */
const ALERTS: Partial<Record<EventAction, AlertRule>> = {
  'assignment.blocked': (e) => licenseAlert('license_blocked', e),
  'assignment.failed': (e) => licenseAlert('license_failed', e),
  'rule_hold.created': (e) => ({
    cause: 'rule_hold',
    groupKey: `rule_hold:${e.entityId}`,
    item: { holdId: e.entityId, ...asRecord(e.after) },
  }),
  'directory_connection.sync_held': (e) => ({
    cause: 'sync_held',
    groupKey: `sync_held:${e.entityId}`,
    item: { connectionId: e.entityId, ...asRecord(e.after) },
  }),
  'directory_connection.sync_failed': (e) => ({
    cause: 'sync_failed',
    groupKey: `sync_failed:${e.entityId}`,
    item: { connectionId: e.entityId, ...asRecord(e.after) },
  }),
  'port_order.completed': (e) => portAlert('port_completed', e),
  'port_order.rejected': (e) => portAlert('port_rejected', e),
  'webhook_endpoint.disabled': (e) => ({
    cause: 'webhook_disabled',
    groupKey: `webhook_disabled:${e.entityId}`,
    item: { endpointId: e.entityId, ...asRecord(e.after) },
  }),
};

function licenseAlert(cause: 'license_blocked' | 'license_failed', e: AppendedEvent) {
  const after = asRecord(e.after);
  const product = typeof after.product === 'string' ? after.product : 'unknown';
  return {
    cause,
    groupKey: `${cause}:${product}`,
    item: {
      assignmentId: e.entityId,
      userId: after.userId ?? null,
      product,
      reasons: after.blockedReasons ?? null,
    },
  };
}

function portAlert(cause: 'port_completed' | 'port_rejected', e: AppendedEvent) {
  const after = asRecord(e.after);
  return {
    cause,
    groupKey: cause,
    item: { portOrderId: e.entityId, e164: after.e164 ?? null, rejectReason: after.rejectReason ?? null },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function field(value: unknown, key: string): string | null {
  const v = asRecord(value)[key];
  return typeof v === 'string' ? v : null;
}
