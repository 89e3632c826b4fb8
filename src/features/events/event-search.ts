import type { Knex } from 'knex';
import { EVENT_ACTIONS, type EventEntityType } from './event-actions.js';
import type { Actor } from './event-log.js';

/** Every kind of entity an event can be about (the audit log's `entityType` filter). */
export const EVENT_ENTITY_TYPES = Object.keys(EVENT_ACTIONS) as [EventEntityType, ...EventEntityType[]];

export const ACTOR_TYPES = [
  'token',
  'cli',
  'job',
  'connector',
  'rule_engine',
  'system',
] as const satisfies readonly Actor['type'][];

/** Which events the audit log shows. Every field narrows; none shows the tenant's whole log. */
export interface EventFilter {
  actorType?: Actor['type'] | undefined;
  /** A token id, rule id, connection id or job name (with actorType, or alone). */
  actorId?: string | undefined;
  /** An exact action (`user.updated`) or every action of a kind (`assignment.*`). */
  action?: string | undefined;
  entityType?: EventEntityType | undefined;
  entityId?: string | undefined;
  /** Events about one user: the user itself, their assignments and their numbers. */
  userId?: string | undefined;
  /** Occurred at or after. */
  from?: Date | undefined;
  /** Occurred before. */
  to?: Date | undefined;
}

/** Who made a change, with a name an admin recognises (the token's label, the rule's or connection's name). */
export interface EventActor {
  type: Actor['type'];
  id: string | null;
  label: string;
}

export interface AuditEvent {
  /** Increasing in commit order within a tenant's log; the log's sort key. */
  id: string;
  occurredAt: Date;
  action: string;
  entityType: EventEntityType;
  entityId: string | null;
  userId: string | null;
  actor: EventActor;
  before: unknown;
  after: unknown;
}

interface AuditRow {
  id: string | number;
  occurred_at: Date;
  action: string;
  entity_type: EventEntityType;
  entity_id: string | null;
  user_id: string | null;
  actor_type: Actor['type'];
  actor_id: string | null;
  before: unknown;
  after: unknown;
  token_name: string | null;
  token_kind: string | null;
  token_role: string | null;
  rule_name: string | null;
  connection_name: string | null;
}

const JOB_LABEL = (id: string | null) => (id ? `job ${id}` : 'a job');

function actorLabel(row: AuditRow): string {
  switch (row.actor_type) {
    case 'token': {
      const kind = row.token_kind === 'admin' ? `${row.token_role ?? 'admin'} admin token` : 'SCIM token';
      return row.token_name ? `${kind} "${row.token_name}"` : `unnamed ${kind}`;
    }
    case 'rule_engine':
      return row.rule_name ? `rule "${row.rule_name}"` : 'the rule engine';
    case 'connector':
      return row.connection_name ? `directory sync "${row.connection_name}"` : 'a directory sync';
    case 'job':
      return JOB_LABEL(row.actor_id);
    case 'cli':
      return 'operator (CLI)';
    case 'system':
      return 'seatsync';
  }
}

const toAuditEvent = (row: AuditRow): AuditEvent => ({
  id: String(row.id),
  occurredAt: row.occurred_at,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  userId: row.user_id,
  actor: { type: row.actor_type, id: row.actor_id, label: actorLabel(row) },
  before: row.before,
  after: row.after,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit log's query: one tenant's events, filtered, newest first (by id, which grows with every append).
 * `page` serves the admin API's cursor pages; `stream` walks the same query in keyset batches at constant
 * memory, for exports of any size. Reads only: EventLog is the one writer of `events`.
 */
export class EventSearch {
  constructor(private readonly db: Knex) {}

  /** Up to `limit` events older than the event `before` (an id from a previous page), newest first. */
  async page(
    tenantId: string,
    filter: EventFilter,
    options: { limit: number; before?: string | undefined },
  ): Promise<AuditEvent[]> {
    const rows: AuditRow[] = await this.query(tenantId, filter, options.before).limit(options.limit);
    return rows.map(toAuditEvent);
  }

  /** Every matching event, newest first, read `batchSize` at a time. */
  async *stream(tenantId: string, filter: EventFilter, batchSize = 1000): AsyncGenerator<AuditEvent> {
    let before: string | undefined;
    for (;;) {
      const batch = await this.page(tenantId, filter, { limit: batchSize, before });
      yield* batch;
      if (batch.length < batchSize) return;
      before = batch[batch.length - 1]?.id;
    }
  }

  private query(tenantId: string, filter: EventFilter, before: string | undefined) {
    const q = this.db('events as e')
      .leftJoin('tokens as t', (join) =>
        join.on('e.actor_type', '=', this.db.raw("'token'")).andOn(this.db.raw('t.id::text = e.actor_id')),
      )
      .leftJoin('license_rules as r', (join) =>
        join
          .on('e.actor_type', '=', this.db.raw("'rule_engine'"))
          .andOn(this.db.raw('r.id::text = e.actor_id'))
          .andOn('r.tenant_id', '=', 'e.tenant_id'),
      )
      .leftJoin('directory_connections as c', (join) =>
        join
          .on('e.actor_type', '=', this.db.raw("'connector'"))
          .andOn(this.db.raw('c.id::text = e.actor_id'))
          .andOn('c.tenant_id', '=', 'e.tenant_id'),
      )
      .where('e.tenant_id', tenantId)
      .select(
        'e.id',
        'e.occurred_at',
        'e.action',
        'e.entity_type',
        'e.entity_id',
        'e.user_id',
        'e.actor_type',
        'e.actor_id',
        'e.before',
        'e.after',
        't.name as token_name',
        't.kind as token_kind',
        't.role as token_role',
        'r.name as rule_name',
        'c.name as connection_name',
      )
      .orderBy('e.id', 'desc');
    if (before !== undefined) q.where('e.id', '<', before);
    if (filter.actorType) q.where('e.actor_type', filter.actorType);
    if (filter.actorId) q.where('e.actor_id', filter.actorId);
    if (filter.action?.endsWith('.*')) {
      const prefix = filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
      q.where('e.action', 'like', `${prefix}%`);
    } else if (filter.action) q.where('e.action', filter.action);
    if (filter.entityType) q.where('e.entity_type', filter.entityType);
    // An id that is not a UUID names no entity or user: nothing matches (rather than a database type error).
    if (filter.entityId !== undefined) {
      if (UUID.test(filter.entityId)) q.where('e.entity_id', filter.entityId);
      else q.whereRaw('false');
    }
    if (filter.userId !== undefined) {
      if (UUID.test(filter.userId)) q.where('e.user_id', filter.userId);
      else q.whereRaw('false');
    }
    if (filter.from) q.where('e.occurred_at', '>=', filter.from);
    if (filter.to) q.where('e.occurred_at', '<', filter.to);
    return q;
  }
}
