import type { Knex } from 'knex';
import type { Logger } from '../../logger.js';
import type { SecretBox } from '../directory/secret-box.js';
import type { EventLog } from '../events/event-log.js';
import { composeMail } from '../mail/mail-composer.js';
import type { Mailer } from '../mail/mailer.js';
import {
  WebhookEndpointStore,
  type EndpointSecrets,
  type WebhookEndpoint,
} from '../webhooks/webhook-endpoint-store.js';
import type { WebhookSender } from '../webhooks/webhook-sender.js';
import { webhookHeaders } from '../webhooks/webhook-signature.js';
import { OutboxStore, type AttemptResult, type OutboxChannel, type OutboxMessage } from './outbox-store.js';
import { retryDelaySeconds, type RetryPolicy } from './retry-delay.js';

export interface DispatcherSettings {
  batchSize: number;
  leaseSeconds: number;
  maxAttempts: number;
  retry: RetryPolicy;
  /** Failed attempts in a row after which an endpoint is disabled. */
  endpointFailureLimit: number;
  pollMs: number;
}

export interface DispatcherDeps {
  knex: Knex;
  logger: Logger;
  settings: DispatcherSettings;
  secrets: SecretBox;
  webhooks: WebhookSender;
  /** Null when e-mail is off: e-mail messages wait in the outbox. */
  mailer: Mailer | null;
  /** The event log on a transaction (an endpoint's disabling is recorded, and alerts its owners). */
  eventsOn: (db: Knex) => EventLog;
  /** This process's name in leases and the attempt log. */
  worker: string;
  random?: () => number;
}

/**
 * Sends what the outbox holds. Each round claims a batch by lease in a short transaction, sends it with no
 * transaction open (a slow receiver holds no database connection), and records the outcome in another. A worker
 * that dies mid-send loses nothing: its leases run out and another worker claims the messages again (at least
 * once; the receiver recognises a repeat by its webhook-id). Messages of one destination and entity go one at
 * a time, in order; different entities go in parallel.
 */
export class OutboxDispatcher {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: DispatcherDeps) {}

  /** One round: claims, sends and records up to a batch. Returns how many messages it attempted. */
  async runOnce(): Promise<number> {
    const { knex, settings, worker } = this.deps;
    const channels: OutboxChannel[] = this.deps.mailer ? ['webhook', 'email'] : ['webhook'];
    const claimed = await knex.transaction((trx) =>
      new OutboxStore(trx).claim(worker, {
        limit: settings.batchSize,
        leaseSeconds: settings.leaseSeconds,
        channels,
      }),
    );
    if (claimed.length === 0) return 0;
    const endpoints = await new WebhookEndpointStore(knex).withSecrets(
      claimed.flatMap((m) => (m.endpointId ? [m.endpointId] : [])),
    );
    const results = await Promise.all(claimed.map((m) => this.attempt(m, endpoints)));
    await knex.transaction(async (trx) => {
      await new OutboxStore(trx).recordResults(worker, results);
      const disabled = await new WebhookEndpointStore(trx).recordOutcomes(
        endpointOutcomes(results),
        settings.endpointFailureLimit,
      );
      const events = this.deps.eventsOn(trx);
      for (const endpoint of disabled)
        await events.append({
          tenantId: endpoint.tenantId,
          actor: { type: 'job', id: 'outbox-delivery' },
          action: 'webhook_endpoint.disabled',
          entityType: 'webhook_endpoint',
          entityId: endpoint.id,
          after: { url: endpoint.url, reason: endpoint.disabledReason },
        });
    });
    return claimed.length;
  }

  /** Runs rounds until stop(): straight on while batches come back full, else after OUTBOX_POLL_MS. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        let attempted = 0;
        try {
          attempted = await this.runOnce();
        } catch (error) {
          this.deps.logger.error({ err: error }, 'outbox delivery round failed');
        }
        if (attempted < this.deps.settings.batchSize && !this.stopping) await this.idle();
      }
    })();
  }

  /** Finishes the round in progress (its outcomes are recorded) and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.deps.settings.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async attempt(
    message: OutboxMessage,
    endpoints: ReadonlyMap<string, WebhookEndpoint & EndpointSecrets>,
  ): Promise<AttemptResult> {
    const startedAt = new Date();
    const started = performance.now();
    let sent: {
      outcome: AttemptResult['outcome'];
      statusCode: number | null;
      error: string | null;
      retryAfter?: number | null;
    };
    try {
      sent =
        message.channel === 'webhook'
          ? await this.sendWebhook(message, endpoints)
          : await this.sendMail(message);
    } catch (error) {
      sent = { outcome: 'retry', statusCode: null, error: (error as Error).message };
    }
    const { settings } = this.deps;
    const outcome =
      sent.outcome === 'retry' && message.attempts >= settings.maxAttempts ? 'failed' : sent.outcome;
    return {
      message,
      startedAt,
      durationMs: performance.now() - started,
      outcome,
      statusCode: sent.statusCode,
      error: sent.error,
      ...(outcome === 'retry'
        ? {
            retryInSeconds: retryDelaySeconds(
              message.attempts,
              settings.retry,
              (this.deps.random ?? Math.random)(),
              sent.retryAfter,
            ),
          }
        : {}),
    };
  }

  private async sendWebhook(
    message: OutboxMessage,
    endpoints: ReadonlyMap<string, WebhookEndpoint & EndpointSecrets>,
  ) {
    const endpoint = message.endpointId ? endpoints.get(message.endpointId) : undefined;
    if (!endpoint)
      return { outcome: 'failed' as const, statusCode: null, error: 'the endpoint no longer exists' };
    const secrets = [this.deps.secrets.decrypt(endpoint.secret)];
    if (
      endpoint.previousSecret &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > new Date()
    )
      secrets.push(this.deps.secrets.decrypt(endpoint.previousSecret));
    const body = JSON.stringify(message.payload);
    const headers = webhookHeaders(secrets, webhookId(message), Math.floor(Date.now() / 1000), body);
    const response = await this.deps.webhooks.post(endpoint.url, headers, body);
    return { ...response, retryAfter: response.retryAfterSeconds };
  }

  private async sendMail(message: OutboxMessage) {
    const mailer = this.deps.mailer;
    if (!mailer) return { outcome: 'retry' as const, statusCode: null, error: 'e-mail is not configured' };
    const mail = await composeMail(this.deps.knex, message);
    if (!mail)
      return {
        outcome: 'failed' as const,
        statusCode: null,
        error: 'nobody to alert: no owner has a contact e-mail and no notification address is set',
      };
    return mailer.send(mail);
  }
}

/** The `webhook-id` of a message: its event's, the same on every attempt and replay of it. */
export function webhookId(message: Pick<OutboxMessage, 'eventId' | 'id'>): string {
  return message.eventId ? `evt_${message.eventId}` : `msg_${message.id}`;
}

/** Per endpoint: whether a batch had a success, and the failures after the last one (in message order). */
export function endpointOutcomes(
  results: readonly Pick<AttemptResult, 'message' | 'outcome'>[],
): Map<string, { failuresAfterLastSuccess: number; succeeded: boolean }> {
  const outcomes = new Map<string, { failuresAfterLastSuccess: number; succeeded: boolean }>();
  for (const r of results) {
    const endpointId = r.message.endpointId;
    if (!endpointId) continue;
    const o = outcomes.get(endpointId) ?? { failuresAfterLastSuccess: 0, succeeded: false };
    if (r.outcome === 'delivered') outcomes.set(endpointId, { failuresAfterLastSuccess: 0, succeeded: true });
    else outcomes.set(endpointId, { ...o, failuresAfterLastSuccess: o.failuresAfterLastSuccess + 1 });
  }
  return outcomes;
}
