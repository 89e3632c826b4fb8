import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { DomainError } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { SecretBox } from '../directory/secret-box.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventLog } from '../events/event-log.js';
import { webhookMessage, type AppendedEvent } from '../outbox/event-messages.js';
import {
  OutboxStore,
  type DeliveryAttempt,
  type OutboxMessage,
  type OutboxStatus,
} from '../outbox/outbox-store.js';
import type { OutgoingEventType } from '../outbox/outgoing-event-types.js';
import { readPayloadFacts } from '../outbox/outbox-writer.js';
import { checkTargetUrl, type TargetPolicy } from './target-guard.js';
import type { ReplayRange, WebhookEndpointInput, WebhookEndpointUpdate } from './webhook-endpoint.js';
import { WebhookEndpointStore, type WebhookEndpoint } from './webhook-endpoint-store.js';
import { newSigningSecret, webhookHeaders } from './webhook-signature.js';
import type { WebhookResponse, WebhookSender } from './webhook-sender.js';

/** Events one replay queues at most; a longer range is replayed in several requests. */
export const REPLAY_LIMIT = 10_000;

/** Endpoints of a tenant, their secrets, deliveries and replays; on the caller's connection or transaction. */
export class WebhookService {
  private readonly store: WebhookEndpointStore;
  private readonly outbox: OutboxStore;

  constructor(
    private readonly db: Knex,
    private readonly secrets: SecretBox,
    private readonly events: EventLog,
    private readonly policy: TargetPolicy,
    private readonly sender: WebhookSender,
  ) {
    this.store = new WebhookEndpointStore(db);
    this.outbox = new OutboxStore(db);
  }

  /** A new endpoint and its signing secret, shown this once. */
  async create(
    tenantId: string,
    input: WebhookEndpointInput,
    actor: Actor,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const url = checkTargetUrl(input.url, this.policy).href;
    const secret = newSigningSecret();
    const endpoint = await this.store.insert(tenantId, {
      url,
      description: input.description ?? null,
      eventTypes: [...new Set(input.eventTypes)],
      enabled: input.enabled,
      secret: this.secrets.encrypt(secret),
    });
    await this.record(endpoint, 'webhook_endpoint.created', actor, { url, eventTypes: endpoint.eventTypes });
    return { endpoint, secret };
  }

  list(tenantId: string): Promise<WebhookEndpoint[]> {
    return this.store.list(tenantId);
  }

  async get(tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<WebhookEndpoint> {
    const endpoint = isUuid(id) ? await this.store.get(tenantId, id, options) : null;
    if (!endpoint) throw new DomainError('not_found', `Webhook endpoint ${id} not found`);
    return endpoint;
  }

  async update(
    tenantId: string,
    id: string,
    change: WebhookEndpointUpdate,
    actor: Actor,
  ): Promise<WebhookEndpoint> {
    const before = await this.get(tenantId, id, { lock: true });
    const reenabled = change.enabled === true && !before.enabled;
    const updated = await this.store.update(before.id, {
      ...(change.eventTypes ? { eventTypes: [...new Set(change.eventTypes)] } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      ...(reenabled ? { consecutiveFailures: 0, disabledReason: null } : {}),
      ...(change.enabled === false ? { disabledReason: 'Disabled by an admin' } : {}),
    });
    await this.record(updated, 'webhook_endpoint.updated', actor, change, {
      eventTypes: before.eventTypes,
      enabled: before.enabled,
      description: before.description,
    });
    return updated;
  }

  async delete(tenantId: string, id: string, actor: Actor): Promise<void> {
    const endpoint = await this.get(tenantId, id, { lock: true });
    await this.store.delete(endpoint.id);
    await this.record(endpoint, 'webhook_endpoint.deleted', actor, null, { url: endpoint.url });
  }

  /**
   * A new signing secret, shown this once. For `overlapHours` messages carry a signature with the old secret
   * too, so receivers can switch to the new one without rejecting a message in between.
   */
  async rotateSecret(
    tenantId: string,
    id: string,
    overlapHours: number,
    actor: Actor,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.get(tenantId, id, { lock: true });
    const secret = newSigningSecret();
    const previousExpiresAt = new Date(Date.now() + overlapHours * 3_600_000);
    const rotated = await this.store.rotateSecret(
      endpoint.id,
      this.secrets.encrypt(secret),
      previousExpiresAt,
    );
    await this.record(rotated, 'webhook_endpoint.secret_rotated', actor, {
      previousSecretExpiresAt: previousExpiresAt,
    });
    return { endpoint: rotated, secret };
  }

  /**
   * Queues the endpoint's event types in a range of the event log again, in event order. Messages it had go back to
   * pending (same webhook-id, so receivers can tell); events from before it existed get new messages. Payloads
   * are built from the event log, with numbers as they are now.
   */
  async replay(tenantId: string, id: string, range: ReplayRange, actor: Actor): Promise<number> {
    const endpoint = await this.get(tenantId, id);
    const q = this.db('events')
      .where({ tenant_id: tenantId })
      .whereIn('action', endpoint.eventTypes)
      .orderBy('id')
      .limit(REPLAY_LIMIT + 1);
    if (range.fromEventId !== undefined) q.andWhere('id', '>=', String(range.fromEventId));
    if (range.toEventId !== undefined) q.andWhere('id', '<=', String(range.toEventId));
    if (range.from) q.andWhere('occurred_at', '>=', range.from);
    if (range.to) q.andWhere('occurred_at', '<=', range.to);
    const rows = await q;
    if (rows.length > REPLAY_LIMIT)
      throw new DomainError(
        'too_many',
        `The range holds more than ${REPLAY_LIMIT} events for this endpoint; replay it in parts (toEventId)`,
      );
    const events: AppendedEvent[] = rows.map((r) => ({
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
    const facts = await readPayloadFacts(this.db, events);
    const queued = await this.outbox.replay(
      endpoint.id,
      events.map((e) => webhookMessage(e, e.action as OutgoingEventType, facts)),
    );
    await this.record(endpoint, 'webhook_endpoint.replayed', actor, {
      ...range,
      fromEventId: range.fromEventId?.toString(),
      toEventId: range.toEventId?.toString(),
      queued,
    });
    return queued;
  }

  /**
   * Sends a signed `webhook.test` message to the endpoint now (not through the outbox: nothing is retried or
   * logged) and says how the receiver answered.
   */
  async test(
    tenantId: string,
    id: string,
  ): Promise<WebhookResponse & { durationMs: number; webhookId: string }> {
    const endpoint = await this.get(tenantId, id);
    const stored = (await this.store.withSecrets([endpoint.id])).get(endpoint.id)!;
    const webhookId = `test_${randomUUID()}`;
    const body = JSON.stringify({
      type: 'webhook.test',
      version: 1,
      timestamp: new Date().toISOString(),
      data: { tenantId, endpointId: endpoint.id },
    });
    const headers = webhookHeaders(
      [this.secrets.decrypt(stored.secret)],
      webhookId,
      Math.floor(Date.now() / 1000),
      body,
    );
    const started = performance.now();
    const response = await this.sender.post(endpoint.url, headers, body);
    return { ...response, durationMs: Math.round(performance.now() - started), webhookId };
  }

  async deliveries(
    tenantId: string,
    id: string,
    options: { status?: OutboxStatus; beforeId?: string; limit: number },
  ): Promise<OutboxMessage[]> {
    const endpoint = await this.get(tenantId, id);
    return this.outbox.listForEndpoint(tenantId, endpoint.id, options);
  }

  async delivery(
    tenantId: string,
    endpointId: string,
    messageId: string,
  ): Promise<{ message: OutboxMessage; attempts: DeliveryAttempt[] }> {
    const message = await this.outbox.get(tenantId, messageId);
    if (!message || message.endpointId !== endpointId)
      throw new DomainError('not_found', `Delivery ${messageId} not found`);
    return { message, attempts: await this.outbox.attempts(message.id) };
  }

  private record(
    endpoint: WebhookEndpoint,
    action: EventActionOf<'webhook_endpoint'>,
    actor: Actor,
    after: unknown,
    before?: unknown,
  ) {
    return this.events.append({
      tenantId: endpoint.tenantId,
      actor,
      action,
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      ...(before !== undefined ? { before } : {}),
      after,
    });
  }
}
