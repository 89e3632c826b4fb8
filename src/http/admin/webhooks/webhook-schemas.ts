import { z } from 'zod';
import type { OutboxMessage, DeliveryAttempt } from '../../../features/outbox/outbox-store.js';
import { outgoingEventTypes } from '../../../features/outbox/outgoing-event-types.js';
import type { WebhookEndpoint } from '../../../features/webhooks/webhook-endpoint-store.js';
import { component } from '../admin-schemas.js';

export const WEBHOOK_TAGS = ['Webhooks'] as const;

export const WebhookEndpointSchema = component(
  z.object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.enum(outgoingEventTypes)),
    enabled: z.boolean(),
    consecutiveFailures: z.number().int().describe('Failed attempts since the last success'),
    disabledReason: z.string().nullable(),
    previousSecretExpiresAt: z
      .string()
      .nullable()
      .describe('Until then messages are also signed with the secret before the last rotation'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'WebhookEndpoint',
  'Where a tenant receives signed webhooks',
);

export const EndpointWithSecretSchema = component(
  WebhookEndpointSchema.extend({
    secret: z.string().describe('The signing secret (whsec_…), shown this once: store it in the receiver'),
  }),
  'WebhookEndpointWithSecret',
);

export const DeliverySchema = component(
  z.object({
    id: z.string(),
    webhookId: z.string().describe('The webhook-id header this message carries on every attempt'),
    eventId: z.string().nullable(),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable().describe('When a pending message is tried next'),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  }),
  'WebhookDelivery',
  'One message to one endpoint',
);

export const AttemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  worker: z.string(),
});

export const toEndpointBody = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
  consecutiveFailures: e.consecutiveFailures,
  disabledReason: e.disabledReason,
  previousSecretExpiresAt: e.previousSecretExpiresAt?.toISOString() ?? null,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

export const toDeliveryBody = (m: OutboxMessage, webhookId: string) => ({
  id: m.id,
  webhookId,
  eventId: m.eventId,
  type: m.type,
  status: m.status,
  attempts: m.attempts,
  nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  deliveredAt: m.deliveredAt?.toISOString() ?? null,
});

export const toAttemptBody = (a: DeliveryAttempt) => ({ ...a, startedAt: a.startedAt.toISOString() });
