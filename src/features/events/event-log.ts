import type { Knex } from 'knex';
import { readRows, type SqlText } from '../../db/prepared-reads.js';
import type { EventAction, EventActionOf, EventEntityType } from './event-actions.js';
import type { AppendedEvent } from '../outbox/event-messages.js';

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

/** Told of every batch of appended events, in the transaction that appended them (the outbox writer). */
export interface EventsListener {
  appended(events: AppendedEvent[]): Promise<void>;
  /**
   * What the listener will read about a tenant when told, as the columns of one row: appendWith() reads them in
   * its own statement and hands the row over first (`prime`), which saves the listener a round trip.
   */
  prefetch(tenantId: string): { columns: SqlText; prime(row: Record<string, unknown>): void };
}

/**
 * The append-only event log. `append` must be called with the transaction that makes the change it records
 * (transactional outbox), so an event exists exactly when its change was committed. `appended` hears of each
 * batch in that same transaction: the outbox writes the messages that leave seatsync from it.
 */
export class EventLog {
  constructor(
    private readonly db: Knex,
    private readonly listener?: EventsListener,
  ) {}

  async append(event: EventInput): Promise<void> {
    await this.appendMany([event]);
  }

  async appendMany(events: EventInput[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map(toRow);
    if (!this.listener) {
      await this.db('events').insert(rows);
      return;
    }
    const written = await this.db('events').insert(rows).returning(['id', 'occurred_at']);
    await this.listener.appended(
      events.map((e, i) => appendedEvent(e, String(written[i].id), written[i].occurred_at)),
    );
  }

  /**
   * Runs `change` (one INSERT or UPDATE … RETURNING, written by the store that owns its table) and appends `events`
   * (of one tenant) in the same statement: one round trip for a change and its record, which commit together or not
   * at all. The events are written only when `change` returned a row. Returns that row, or null.
   */
  async appendWith<Row extends object>(change: SqlText, events: EventInput[]): Promise<Row | null> {
    const prefetch = events[0] && this.listener?.prefetch(events[0].tenantId);
    const sql =
      `WITH change AS (${change.sql}), appended AS (INSERT INTO events (${EVENT_COLUMNS})` +
      ` SELECT ${EVENT_COLUMNS} FROM jsonb_populate_recordset(null::events, ?::jsonb)` +
      ' WHERE EXISTS (SELECT FROM change) RETURNING id, occurred_at)' +
      ' SELECT change.*, appended.ids AS appended_ids, appended.at AS appended_at' +
      `${prefetch ? ', prefetched.*' : ''} FROM change` +
      ' CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids, min(occurred_at) AS at FROM appended) appended' +
      (prefetch ? ` CROSS JOIN (${prefetch.columns.sql}) prefetched` : '');
    const records = events.map((e) => ({ ...toRow(e), before: e.before ?? null, after: e.after ?? null }));
    // Prepared (db/prepared-reads.ts): its shapes are few and fixed by the code, and planning it was a good part
    // of PostgreSQL's work per create.
    const [row] = await readRows<Row & { appended_ids: string[] | null; appended_at: Date }>(this.db, {
      sql,
      bindings: [...change.bindings, JSON.stringify(records), ...(prefetch?.columns.bindings ?? [])],
    });
    if (!row) return null;
    const { appended_ids: ids, appended_at: occurredAt, ...changed } = row;
    if (this.listener && events.length > 0) {
      prefetch?.prime(row);
      await this.listener.appended(events.map((e, i) => appendedEvent(e, String(ids![i]), occurredAt)));
    }
    return changed as unknown as Row;
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

function appendedEvent(e: EventInput, id: string, occurredAt: Date): AppendedEvent {
  return {
    id,
    tenantId: e.tenantId,
    occurredAt,
    actorType: e.actor.type,
    actorId: e.actor.id ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}

const EVENT_COLUMNS =
  'tenant_id, actor_type, actor_id, import_id, action, entity_type, entity_id, user_id, before, after';

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
