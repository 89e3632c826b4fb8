/**
 * Every action the event log records, grouped by the entity it is about, each with what it means. The list is
 * closed: `EventLog.append` takes only these, and they are what the audit log shows and what the webhook feed
 * sends, so a new kind of change is added here first, with its line.
 *
 * Names are `<entity>.<what happened>`. Phone numbers' actions are spelled `number.*` while their entity type is
 * `phone_number`: both are stored in the audit log as they are, so neither is renamed here.
 * `before`/`after` carry the entity's state around the change unless the line says otherwise.
 */
export const EVENT_ACTIONS = {
  tenant: {
    'tenant.created': 'A tenant was created by an operator.',
    'tenant.settings_changed':
      'An owner changed the tenant’s settings; `before` and `after` hold the changed settings only.',
  },
  token: {
    'token.created': 'A SCIM or admin token was issued (its hash is never in the event).',
    'token.revoked': 'A token was revoked; requests with it are refused from then on.',
  },
  session: {
    'session.started':
      'An admin signed in to the console; `after` names the sign-in method and the expiries.',
    'session.ended': 'A console session ended: `after.reason` is signed_out, idle, expired or revoked.',
  },
  user: {
    'user.created': 'A user was created (SCIM, Entra sync, admin API or import).',
    'user.updated': 'A user’s attributes changed (profile, contact data, userName).',
    'user.suspended':
      'A user was deactivated (SCIM active=false, Entra, admin); their licenses head for removal.',
    'user.reactivated': 'A suspended user was activated again; their licenses in removal are restored.',
    'user.deleted': 'A user was deleted (SCIM DELETE): gone from SCIM, their licenses follow the grace path.',
    'user.onboarding_requested': 'An admin asked for the user’s onboarding e-mail to be sent.',
  },
  group: {
    'group.created': 'A group was created (SCIM or Entra sync).',
    'group.updated': 'A group’s displayName or externalId changed.',
    'group.deleted': 'A group was deleted; its members left it with it.',
    'group.members_added': 'Users joined a group; `after.userIds` lists them.',
    'group.members_removed': 'Users left a group; `after.userIds` lists them.',
  },
  track: {
    'track.created': 'A catalog track (Voice, Mobile data, …) was created by an operator.',
  },
  product: {
    'product.created': 'A product (license type) was added to the catalog.',
    'product.updated': 'A product’s name, price, inclusions or requirements changed.',
    'product.retired': 'An operator retired a product nothing used: it is never sold or assigned again.',
  },
  subscription: {
    'subscription.purchased': 'Seats of a product were bought (quantity, binding period, terms accepted).',
    'subscription.cancelled':
      'A seat purchase was cancelled; its seats leave the inventory at the end of its binding period.',
    'subscription.partially_cancelled':
      'Some seats of a purchase were cancelled (`after.cancelledQuantity`, leaving on `after.effectiveAt`); the rest stays.',
  },
  assignment: {
    'assignment.scheduled': 'A license was assigned to a user, effective now or on a date.',
    'assignment.rescheduled': 'A scheduled license got another effective date.',
    'assignment.granted': 'A license gained a grant (direct, rule or import) that keeps it wanted.',
    'assignment.grant_revoked': 'A license lost a grant; when none is left, its removal follows.',
    'assignment.activated': 'A license took its seat and runs: every requirement held.',
    'assignment.blocked': 'A due license could not run; `after.blockedReasons` says why. It runs once fixed.',
    'assignment.failed': 'A blocked license stayed blocked past its cutoff and was given up.',
    'assignment.cancelled': 'A license that never ran was cancelled (admin, or its last grant revoked).',
    'assignment.removal_scheduled': 'A running license will stop at `after.removalAt`.',
    'assignment.grace': 'A license stopped and entered grace: service suspended, seat and data kept.',
    'assignment.restored':
      'A license in removal or grace runs again (re-granted, user reactivated, requirement met).',
    'assignment.removed': 'A license ended after grace: its seat is freed and its numbers go to quarantine.',
  },
  phone_number: {
    'number.acquired': 'Numbers were added to the tenant’s pool from the provider’s ranges.',
    'number.reserved': 'A pool number was reserved: only an explicit choice takes it.',
    'number.assigned': 'A pool number was assigned to a user.',
    'number.released': 'A number was released from its user and rests in quarantine.',
    'number.available': 'A number’s quarantine ended; it is available in the pool again.',
  },
  port_order: {
    'port_order.submitted': 'A port-in order for numbers from another operator was submitted.',
    'port_order.confirmed': 'The losing operator confirmed a port-in order and its date.',
    'port_order.completed': 'A port-in completed: its numbers are in the pool, reserved.',
    'port_order.rejected': 'A port-in order was rejected; `after.rejectReason` says why.',
    'port_order.cancelled': 'A port-in order was cancelled before it completed.',
  },
  rule: {
    'rule.created': 'A group-to-license rule was created (as a draft).',
    'rule.updated': 'A rule’s group, filter, product, priority or policies changed.',
    'rule.activated': 'A rule became active: its grants are applied by the next reconcile.',
    'rule.retired': 'A rule was retired: its grants are revoked by the next reconcile.',
    'rule.deleted': 'A draft rule was deleted.',
  },
  rule_hold: {
    'rule_hold.created': 'A rule evaluation would remove more licenses than the tenant’s threshold: held.',
    'rule_hold.removals_added': 'More removals joined a pending hold.',
    'rule_hold.approved': 'An admin approved a hold; its removals are applied.',
    'rule_hold.rejected': 'An admin rejected a hold; its removals are dropped.',
  },
  directory_connection: {
    'directory_connection.created': 'An Entra ID connection was added (its secret is never in the event).',
    'directory_connection.updated': 'An Entra ID connection’s settings changed.',
    'directory_connection.deleted': 'An Entra ID connection was removed.',
    'directory_connection.sync_held':
      'A sync run would suspend more users than the threshold allows and waits for approval (alerts the admins).',
    'directory_connection.sync_failed': 'A sync run failed; `after.errorCode` says why (alerts the admins).',
  },
  webhook_endpoint: {
    'webhook_endpoint.created': 'A webhook endpoint was added (its secret is never in the event).',
    'webhook_endpoint.updated': 'An endpoint’s event types, description or enabled flag changed.',
    'webhook_endpoint.deleted': 'An endpoint was removed, with its pending deliveries.',
    'webhook_endpoint.secret_rotated':
      'An endpoint got a new signing secret; the old one signs until the overlap ends.',
    'webhook_endpoint.replayed': 'A range of past events was queued for an endpoint again.',
    'webhook_endpoint.disabled':
      'An endpoint failed too often in a row and was disabled (alerts the admins).',
  },
  import: {
    'import.apply_requested':
      'An admin asked for a dry-run import to be applied; its changes follow, each carrying the import id.',
    'import.completed': 'Every row of an import was applied or failed; `after` counts them.',
  },
} as const satisfies Record<string, Record<string, string>>;

/** What an event is about. */
export type EventEntityType = keyof typeof EVENT_ACTIONS;
/** The actions of one entity type. */
export type EventActionOf<E extends EventEntityType> = keyof (typeof EVENT_ACTIONS)[E] & string;
/** Every action the event log records. */
export type EventAction = { [E in EventEntityType]: EventActionOf<E> }[EventEntityType];

export interface EventActionInfo {
  action: EventAction;
  entityType: EventEntityType;
  description: string;
}

/** The list flattened, in declaration order (grouped by entity): for the outbox, documentation and filters. */
export const eventActions: readonly EventActionInfo[] = Object.entries(EVENT_ACTIONS).flatMap(
  ([entityType, actions]) =>
    Object.entries(actions).map(([action, description]) => ({
      action: action as EventAction,
      entityType: entityType as EventEntityType,
      description,
    })),
);

const byAction = new Map(eventActions.map((info) => [info.action as string, info]));

export function isEventAction(value: string): value is EventAction {
  return byAction.has(value);
}

/** The entity type and meaning of an action. */
export function eventActionInfo(action: EventAction): EventActionInfo {
  return byAction.get(action)!;
}
