import type { EventAction } from '../events/event-actions.js';

/**
 * The events that leave seatsync as webhooks, a part of the event log's closed list (event-actions.ts), each with
 * the version of its payload. This is the one place that says what a receiver can subscribe to; the README and
 * the OpenAPI document list it from here. A payload change that could break a receiver bumps its version.
 */
export const OUTGOING_EVENT_TYPES = {
  'user.created': 1,
  'user.updated': 1,
  'user.suspended': 1,
  'user.reactivated': 1,
  'user.deleted': 1,
  'assignment.scheduled': 1,
  'assignment.rescheduled': 1,
  'assignment.activated': 1,
  'assignment.blocked': 1,
  'assignment.failed': 1,
  'assignment.removal_scheduled': 1,
  'assignment.grace': 1,
  'assignment.restored': 1,
  'assignment.removed': 1,
  'assignment.cancelled': 1,
  'number.assigned': 1,
  'number.released': 1,
  'number.reserved': 1,
  'number.acquired': 1,
  'port_order.submitted': 1,
  'port_order.confirmed': 1,
  'port_order.completed': 1,
  'port_order.rejected': 1,
  'port_order.cancelled': 1,
  'subscription.purchased': 1,
  'subscription.cancelled': 1,
  'subscription.partially_cancelled': 1,
} as const satisfies Partial<Record<EventAction, number>>;

export type OutgoingEventType = keyof typeof OUTGOING_EVENT_TYPES;

export const outgoingEventTypes = Object.keys(OUTGOING_EVENT_TYPES) as [
  OutgoingEventType,
  ...OutgoingEventType[],
];

export function isOutgoingEventType(action: string): action is OutgoingEventType {
  return Object.hasOwn(OUTGOING_EVENT_TYPES, action);
}
