import type { Knex } from 'knex';
import type { EventAction, EventActionOf, EventEntityType } from './event-actions.js';

/**
 * Who made a change: a token (SCIM or admin), the operator CLI, a job, a connector, the rule engine (its id
 * is the rule whose grant changed) or the system itself.
 */
export interface Actor {
  type: 'token' | 'cli' | 'job' | 'connector' | 'rule_engine' | 'system';
  id?: string;
  /** The file import the change is part of (the actor is then the admin who applied it). */
  importId?: string;
}

interface EventFields {
  tenantId: string;
  actor: Actor;
  entityId?: string | null;
  /**
   * The user the event concerns, for the audit log's user filter. Defaults to the entity itself for user events
   * and to a `userId` in `after` or `before` (assignments, numbers); name it where neither says so.
   */
  userId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** One change to record: an action of the closed list in event-actions.ts, with the entity type it belongs to. */
export type EventInput = {
  [E in EventEntityType]: EventFields & { entityType: E; action: EventActionOf<E> };
}[EventEntityType];

export interface EventRecord {
  id: string;
  tenantId: string;
  occurredAt: Date;
  actorType: Actor['type'];
  actorId: string | null;
  action: EventAction;
  entityType: EventEntityType;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The append-only event log. `append` must be called with the transaction that makes the change it records
 * (transactional outbox), so an event exists exactly when its change was committed.
 */
export class EventLog {
  constructor(private readonly db: Knex) {}

  async append(event: EventInput): Promise<void> {
    await this.db('events').insert(toRow(event));
  }

  async appendMany(events: EventInput[]): Promise<void> {
    if (events.length > 0) await this.db('events').insert(events.map(toRow));
  }

  async listForEntity(
    tenantId: string,
    entityType: EventEntityType,
    entityId: string,
  ): Promise<EventRecord[]> {
    const rows = await this.db('events')
      .where({ tenant_id: tenantId, entity_type: entityType, entity_id: entityId })
      .orderBy('id');
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: r.tenant_id,
      occurredAt: r.occurred_at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    }));
  }
}

function toRow(event: EventInput) {
  return {
    tenant_id: event.tenantId,
    actor_type: event.actor.type,
    actor_id: event.actor.id ?? null,
    import_id: event.actor.importId ?? null,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId ?? null,
    user_id: event.userId ?? userOf(event),
    before: event.before === undefined ? null : JSON.stringify(event.before),
    after: event.after === undefined ? null : JSON.stringify(event.after),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function userOf(event: EventInput): string | null {
  if (event.entityType === 'user') return event.entityId ?? null;
  for (const state of [event.after, event.before]) {
    const userId = (state as { userId?: unknown } | null | undefined)?.userId;
    if (typeof userId === 'string' && UUID.test(userId)) return userId;
  }
  return null;
}
