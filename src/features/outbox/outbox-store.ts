import type { Knex } from 'knex';
import type { AlertItem, OnboardingMessage, WebhookMessage } from './event-messages.js';

export type OutboxChannel = 'webhook' | 'email';
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxMessage {
  id: string;
  tenantId: string;
  channel: OutboxChannel;
  endpointId: string | null;
  eventId: string | null;
  type: string;
  userId: string | null;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface DeliveryAttempt {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  outcome: 'delivered' | 'retry' | 'failed';
  statusCode: number | null;
  error: string | null;
  worker: string;
}

/** What one attempt came to, as the dispatcher records it. */
export interface AttemptResult {
  message: OutboxMessage;
  startedAt: Date;
  durationMs: number;
  /** `retry` waits `retryInSeconds`; past the last attempt the dispatcher turns it into `failed`. */
  outcome: 'delivered' | 'retry' | 'failed';
  retryInSeconds?: number;
  statusCode?: number | null;
  error?: string | null;
}

/** The one writer of `outbox` and `outbox_attempts`. */
export class OutboxStore {
  constructor(private readonly db: Knex) {}

  /** One row per message and enabled endpoint that subscribed to its type (the fan-out, in one statement). */
  async enqueueWebhooks(messages: readonly WebhookMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const rows = messages.map((m) => ({
      tenant_id: m.tenantId,
      event_id: m.eventId,
      type: m.type,
      ordering_key: m.orderingKey,
      payload: m.payload,
    }));
    await this.db.raw(
      `INSERT INTO outbox (tenant_id, channel, endpoint_id, destination, event_id, type, ordering_key, payload)
       SELECT w.tenant_id, 'webhook', w.id, w.id::text, m.event_id, m.type, m.ordering_key, m.payload
       FROM jsonb_to_recordset(?::jsonb) AS m(tenant_id uuid, event_id bigint, type text, ordering_key text, payload jsonb)
       JOIN webhook_endpoints w ON w.tenant_id = m.tenant_id AND w.enabled AND m.type = ANY (w.event_types)
       ORDER BY m.event_id, w.id
       ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async enqueueOnboarding(messages: readonly OnboardingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.db('outbox').insert(
      messages.map((m) => ({
        tenant_id: m.tenantId,
        channel: 'email',
        destination: 'email',
        type: 'onboarding',
        ordering_key: `user:${m.userId}`,
        user_id: m.userId,
        payload: JSON.stringify(m.payload),
      })),
    );
  }

  /**
   * Adds alert lines to the tenant's collecting e-mail for their cause, or starts one that waits the tenant's
   * `alert_group_seconds` (`defaultGroupSeconds` without settings) for more. The caller collects alerts only for
   * tenants with someone to alert. Lines beyond `maxItems` are counted, not listed.
   */
  async collectAlerts(
    alerts: readonly AlertItem[],
    defaultGroupSeconds: number,
    maxItems = 100,
  ): Promise<void> {
    const groups = new Map<string, AlertItem[]>();
    for (const a of alerts) {
      const key = `${a.tenantId} ${a.groupKey}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    for (const items of groups.values()) {
      const first = items[0]!;
      const payload = {
        cause: first.cause,
        count: items.length,
        items: items.slice(0, maxItems).map((i) => i.item),
      };
      await this.db.raw(
        `INSERT INTO outbox (tenant_id, channel, destination, type, group_key, payload, next_attempt_at)
         SELECT t.id, 'email', 'email', ?, ?, ?::jsonb,
           now() + make_interval(secs => coalesce(s.alert_group_seconds, ?))
         FROM tenants t LEFT JOIN notification_settings s ON s.tenant_id = t.id WHERE t.id = ?
         ON CONFLICT (tenant_id, group_key)
           WHERE group_key IS NOT NULL AND status = 'pending' AND attempts = 0 AND lease_until IS NULL
         DO UPDATE SET payload = jsonb_build_object(
           'cause', outbox.payload->'cause',
           'count', (outbox.payload->>'count')::int + (EXCLUDED.payload->>'count')::int,
           'items', CASE WHEN jsonb_array_length(outbox.payload->'items') >= ?
                         THEN outbox.payload->'items'
                         ELSE (outbox.payload->'items') || (EXCLUDED.payload->'items') END)`,
        [
          `alert.${first.cause}`,
          first.groupKey,
          JSON.stringify(payload),
          defaultGroupSeconds,
          first.tenantId,
          maxItems,
        ],
      );
    }
  }

  /**
   * Claims up to `limit` messages due now for `worker` for `leaseSeconds`, counting the attempt. Only the first
   * pending message of each destination and ordering key is due (order per entity); rows another worker is
   * claiming are skipped, and rows whose lease ran out (a worker died mid-send) are taken over. Messages to a
   * disabled endpoint wait.
   */
  async claim(
    worker: string,
    options: { limit: number; leaseSeconds: number; channels: readonly OutboxChannel[] },
  ): Promise<OutboxMessage[]> {
    if (options.channels.length === 0) return [];
    const result = await this.db.raw(
      `WITH due AS (
         SELECT o.id FROM outbox o
         WHERE o.status = 'pending' AND o.next_attempt_at <= now()
           AND (o.lease_until IS NULL OR o.lease_until < now())
           AND o.channel = ANY (?::text[])
           AND (o.endpoint_id IS NULL
                OR EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = o.endpoint_id AND w.enabled))
           AND NOT EXISTS (
             SELECT 1 FROM outbox p
             WHERE p.status = 'pending' AND p.destination = o.destination AND p.ordering_key = o.ordering_key
               AND p.id < o.id)
         ORDER BY o.id
         LIMIT ?
         FOR UPDATE OF o SKIP LOCKED)
       UPDATE outbox SET lease_until = now() + make_interval(secs => ?), lease_owner = ?, attempts = attempts + 1
       FROM due WHERE outbox.id = due.id
       RETURNING outbox.*`,
      [[...options.channels], options.limit, options.leaseSeconds, worker],
    );
    return (result.rows as OutboxRow[]).map(toMessage).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /**
   * Records what the attempts of a claim came to: the attempt log, and each message delivered, failed or waiting
   * for its retry. A message whose lease another worker has since taken over is left to that worker.
   */
  async recordResults(worker: string, results: readonly AttemptResult[]): Promise<void> {
    if (results.length === 0) return;
    await this.db('outbox_attempts').insert(
      results.map((r) => ({
        message_id: r.message.id,
        tenant_id: r.message.tenantId,
        attempt: r.message.attempts,
        started_at: r.startedAt,
        duration_ms: Math.round(r.durationMs),
        outcome: r.outcome,
        status_code: r.statusCode ?? null,
        error: r.error ?? null,
        worker,
      })),
    );
    const rows = results.map((r) => ({
      id: r.message.id,
      attempts: r.message.attempts,
      outcome: r.outcome,
      retry_in: r.retryInSeconds ?? 0,
      error: r.error ?? null,
    }));
    await this.db.raw(
      `UPDATE outbox SET
         status = CASE r.outcome WHEN 'delivered' THEN 'delivered' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
         delivered_at = CASE WHEN r.outcome = 'delivered' THEN now() END,
         settled_at = CASE WHEN r.outcome IN ('delivered', 'failed') THEN now() END,
         next_attempt_at = CASE WHEN r.outcome = 'retry' THEN now() + make_interval(secs => r.retry_in)
                                ELSE outbox.next_attempt_at END,
         last_error = r.error, lease_until = NULL, lease_owner = NULL
       FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, attempts int, outcome text, retry_in double precision, error text)
       WHERE outbox.id = r.id AND outbox.lease_owner = ? AND outbox.attempts = r.attempts`,
      [JSON.stringify(rows), worker],
    );
  }

  /**
   * Queues the endpoint's events in a range again: messages it already has go back to pending with fresh
   * attempts (same `webhook-id`), events it never had get new messages. Returns how many were queued.
   */
  async replay(endpointId: string, messages: readonly WebhookMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = messages.map((m) => ({
      tenant_id: m.tenantId,
      event_id: m.eventId,
      type: m.type,
      ordering_key: m.orderingKey,
      payload: m.payload,
    }));
    const result = await this.db.raw(
      `INSERT INTO outbox (tenant_id, channel, endpoint_id, destination, event_id, type, ordering_key, payload)
       SELECT m.tenant_id, 'webhook', ?::uuid, ?, m.event_id, m.type, m.ordering_key, m.payload
       FROM jsonb_to_recordset(?::jsonb) AS m(tenant_id uuid, event_id bigint, type text, ordering_key text, payload jsonb)
       ORDER BY m.event_id
       ON CONFLICT (endpoint_id, event_id) DO UPDATE SET
         status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, delivered_at = NULL,
         settled_at = NULL
       WHERE outbox.lease_until IS NULL OR outbox.lease_until < now()
       RETURNING outbox.id`,
      [endpointId, endpointId, JSON.stringify(rows)],
    );
    return (result.rows as unknown[]).length;
  }

  /**
   * Deletes up to `limit` messages delivered or failed more than `retentionDays` ago, oldest first, with their
   * attempt log (its rows go with their message). Onboarding e-mails stay: they are the user's onboarding state.
   * Rows another transaction holds are skipped, so purges on several workers do not wait on each other.
   */
  async purgeSettled(options: { retentionDays: number; limit: number }): Promise<number> {
    const result = await this.db.raw(
      `WITH gone AS (
         SELECT id FROM outbox
         WHERE settled_at IS NOT NULL AND type <> 'onboarding'
           AND settled_at < now() - make_interval(days => ?)
         ORDER BY settled_at, id
         LIMIT ?
         FOR UPDATE SKIP LOCKED)
       DELETE FROM outbox USING gone WHERE outbox.id = gone.id`,
      [options.retentionDays, options.limit],
    );
    return (result as { rowCount: number | null }).rowCount ?? 0;
  }

  async listForEndpoint(
    tenantId: string,
    endpointId: string,
    options: { status?: OutboxStatus; beforeId?: string; limit: number },
  ): Promise<OutboxMessage[]> {
    const q = this.db('outbox')
      .where({ tenant_id: tenantId, endpoint_id: endpointId })
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.status) q.andWhere('status', options.status);
    if (options.beforeId) q.andWhere('id', '<', options.beforeId);
    return (await q).map(toMessage);
  }

  async get(tenantId: string, id: string): Promise<OutboxMessage | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const row = await this.db('outbox').where({ tenant_id: tenantId, id }).first();
    return row ? toMessage(row) : null;
  }

  async attempts(messageId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.db('outbox_attempts').where({ message_id: messageId }).orderBy('id');
    return rows.map((r) => ({
      attempt: r.attempt,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      outcome: r.outcome,
      statusCode: r.status_code,
      error: r.error,
      worker: r.worker,
    }));
  }

  /** The user's latest onboarding e-mail, if one was asked for. */
  async latestOnboarding(tenantId: string, userId: string): Promise<OutboxMessage | null> {
    const row = await this.db('outbox')
      .where({ tenant_id: tenantId, user_id: userId, type: 'onboarding' })
      .orderBy('id', 'desc')
      .first();
    return row ? toMessage(row) : null;
  }
}

interface OutboxRow {
  id: string | number;
  tenant_id: string;
  channel: OutboxChannel;
  endpoint_id: string | null;
  event_id: string | number | null;
  type: string;
  user_id: string | null;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: String(r.id),
    tenantId: r.tenant_id,
    channel: r.channel,
    endpointId: r.endpoint_id,
    eventId: r.event_id === null ? null : String(r.event_id),
    type: r.type,
    userId: r.user_id,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}
