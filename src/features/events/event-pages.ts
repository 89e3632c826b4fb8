import type { Knex } from 'knex';

/** An event as the audit-log export reads it. */
export interface EventPageRow {
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  import_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

export interface EventPageFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
}

/**
 * The audit log a page at a time in id order (keyset: `id > afterId`), so reading all of it holds one page. Reads
 * only; the event log writes.
 */
export async function eventPage(
  db: Knex,
  tenantId: string,
  afterId: string,
  limit: number,
  filter: EventPageFilter = {},
): Promise<EventPageRow[]> {
  const q = db('events')
    .where({ tenant_id: tenantId })
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .select(
      'id',
      'occurred_at',
      'actor_type',
      'actor_id',
      'import_id',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
    );
  if (filter.from) q.where('occurred_at', '>=', filter.from);
  if (filter.to) q.where('occurred_at', '<', filter.to);
  if (filter.action) q.where('action', filter.action);
  if (filter.entityType) q.where('entity_type', filter.entityType);
  return (await q) as EventPageRow[];
}
