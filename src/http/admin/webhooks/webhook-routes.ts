import { z } from 'zod';
import { webhookId } from '../../../features/outbox/outbox-dispatcher.js';
import { OUTGOING_EVENT_TYPES, outgoingEventTypes } from '../../../features/outbox/outgoing-event-types.js';
import {
  replayRangeSchema,
  webhookEndpointInputSchema,
  webhookEndpointUpdateSchema,
} from '../../../features/webhooks/webhook-endpoint.js';
import { REPLAY_LIMIT } from '../../../features/webhooks/webhook-service.js';
import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, OWNER_ONLY } from '../admin-roles.js';
import { IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import {
  AttemptSchema,
  DeliverySchema,
  EndpointWithSecretSchema,
  toAttemptBody,
  toDeliveryBody,
  toEndpointBody,
  WEBHOOK_TAGS,
  WebhookEndpointSchema,
} from './webhook-schemas.js';

const errors = resourceErrors('webhook_endpoint');
const deliveryErrors = resourceErrors('webhook_delivery');

/**
 * Webhook endpoints of the tenant. The service is the container's messages feature (it holds the secret box and
 * the sender), so writes open their own transaction.
 */
export const webhookRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/webhooks/event-types',
    operationId: 'listWebhookEventTypes',
    sort: 'the catalog order (grouped by entity)',
    summary: 'The event types an endpoint can receive, with their payload versions',
    tags: WEBHOOK_TAGS,
    roles: ANY_ROLE,
    response: {
      status: 200,
      description: 'The catalog of outgoing events',
      schema: z.object({
        items: z.array(z.object({ type: z.enum(outgoingEventTypes), version: z.number().int() })),
      }),
    },
    async handler() {
      return { items: outgoingEventTypes.map((type) => ({ type, version: OUTGOING_EVENT_TYPES[type] })) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/webhooks/endpoints',
    operationId: 'listWebhookEndpoints',
    sort: 'oldest first (by creation time, then id)',
    summary: 'List webhook endpoints',
    tags: WEBHOOK_TAGS,
    roles: ANY_ROLE,
    errors,
    response: {
      status: 200,
      description: 'The endpoints',
      schema: z.object({ items: z.array(WebhookEndpointSchema) }),
    },
    async handler({ tenantId, container }) {
      const endpoints = await container.messages.webhooks(container.database.knex).list(tenantId);
      return { items: endpoints.map(toEndpointBody) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Add a webhook endpoint',
    description:
      'The answer carries the signing secret, shown this once. By default the URL must be https and resolve to public ' +
      'addresses only (checked again at every connection); the operator setting WEBHOOK_ALLOW_TARGETS=private allows ' +
      'local receivers.',
    tags: WEBHOOK_TAGS,
    roles: OWNER_ONLY,
    errors,
    body: webhookEndpointInputSchema,
    response: {
      status: 201,
      description: 'The new endpoint and its secret',
      schema: EndpointWithSecretSchema,
      headers: ['Location'],
    },
    async handler({ body, tenantId, actor, container, setHeader, db }) {
      const { endpoint, secret } = await container.messages.webhooks(db).create(tenantId, body, actor);
      setHeader('Location', `/api/v1/webhooks/endpoints/${endpoint.id}`);
      return { ...toEndpointBody(endpoint), secret };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/webhooks/endpoints/:id',
    operationId: 'getWebhookEndpoint',
    summary: 'Read a webhook endpoint',
    tags: WEBHOOK_TAGS,
    roles: ANY_ROLE,
    errors,
    params: IdParams,
    response: { status: 200, description: 'The endpoint', schema: WebhookEndpointSchema },
    async handler({ params, tenantId, container }) {
      return toEndpointBody(
        await container.messages.webhooks(container.database.knex).get(tenantId, params.id),
      );
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/webhooks/endpoints/:id',
    operationId: 'updateWebhookEndpoint',
    summary: 'Change the event types, description or enabled flag of an endpoint',
    description:
      'To change the URL, add a new endpoint (its secret must not follow the messages to a new host).',
    tags: WEBHOOK_TAGS,
    roles: OWNER_ONLY,
    errors,
    params: IdParams,
    body: webhookEndpointUpdateSchema,
    response: { status: 200, description: 'The endpoint', schema: WebhookEndpointSchema },
    async handler({ params, body, tenantId, actor, container, db }) {
      const updated = await container.messages.webhooks(db).update(tenantId, params.id, body, actor);
      return toEndpointBody(updated);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/webhooks/endpoints/:id',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Remove a webhook endpoint and its pending deliveries',
    tags: WEBHOOK_TAGS,
    roles: OWNER_ONLY,
    errors,
    params: IdParams,
    response: {
      status: 200,
      description: 'Deleted',
      schema: z.object({ id: z.string(), deleted: z.literal(true) }),
    },
    async handler({ params, tenantId, actor, container, db }) {
      await container.messages.webhooks(db).delete(tenantId, params.id, actor);
      return { id: params.id, deleted: true as const };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/endpoints/:id/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret',
    description:
      'The new secret is shown this once. For `overlapHours` (default 24) every message carries signatures with both ' +
      'the new and the old secret, so the receiver can switch without rejecting a message.',
    tags: WEBHOOK_TAGS,
    roles: OWNER_ONLY,
    errors,
    params: IdParams,
    body: z.object({ overlapHours: z.number().min(0).max(168).default(24) }).default({ overlapHours: 24 }),
    response: {
      status: 200,
      description: 'The endpoint and its new secret',
      schema: EndpointWithSecretSchema,
    },
    async handler({ params, body, tenantId, actor, container, db }) {
      const { endpoint, secret } = await container.messages
        .webhooks(db)
        .rotateSecret(tenantId, params.id, body.overlapHours, actor);
      return { ...toEndpointBody(endpoint), secret };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/endpoints/:id/test',
    operationId: 'testWebhookEndpoint',
    summary: 'Send a signed webhook.test message now and report the answer',
    description: 'Sent directly, not through the outbox: not retried, not in the delivery log.',
    tags: WEBHOOK_TAGS,
    roles: OWNER_ONLY,
    errors,
    transactional: false,
    params: IdParams,
    response: {
      status: 200,
      description: 'How the receiver answered',
      schema: z.object({
        delivered: z.boolean(),
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
        webhookId: z.string(),
      }),
    },
    async handler({ params, tenantId, container }) {
      const result = await container.messages.webhooks(container.database.knex).test(tenantId, params.id);
      return {
        delivered: result.outcome === 'delivered',
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
        webhookId: result.webhookId,
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/webhooks/endpoints/:id/replay',
    operationId: 'replayWebhookEvents',
    summary: 'Deliver a range of past events to the endpoint again',
    description:
      `Events of the endpoint's types in the range (event ids and/or times, inclusive; at most ${REPLAY_LIMIT}) are ` +
      'queued again in order. Messages already sent keep their webhook-id, so a receiver can tell a replay from news.',
    tags: WEBHOOK_TAGS,
    roles: OWNER_ONLY,
    errors,
    params: IdParams,
    body: replayRangeSchema,
    response: { status: 202, description: 'Queued', schema: z.object({ queued: z.number().int() }) },
    async handler({ params, body, tenantId, actor, container, db }) {
      const queued = await container.messages.webhooks(db).replay(tenantId, params.id, body, actor);
      return { queued };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/webhooks/endpoints/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    sort: 'newest first (by message id)',
    summary: "The endpoint's messages, newest first",
    tags: WEBHOOK_TAGS,
    roles: ANY_ROLE,
    errors,
    params: IdParams,
    query: z.object({
      status: z.enum(['pending', 'delivered', 'failed']).optional(),
      before: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional()
        .describe("The previous page's nextBefore"),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: {
      status: 200,
      description: 'A page of deliveries',
      schema: z.object({ items: z.array(DeliverySchema), nextBefore: z.string().nullable() }),
    },
    async handler({ params, query, tenantId, container }) {
      const items = await container.messages
        .webhooks(container.database.knex)
        .deliveries(tenantId, params.id, {
          limit: query.limit + 1,
          ...(query.status ? { status: query.status } : {}),
          ...(query.before ? { beforeId: query.before } : {}),
        });
      const page = items.slice(0, query.limit);
      return {
        items: page.map((m) => toDeliveryBody(m, webhookId(m))),
        nextBefore: items.length > query.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/webhooks/endpoints/:id/deliveries/:deliveryId',
    operationId: 'getWebhookDelivery',
    summary: 'One message with its attempt log',
    tags: WEBHOOK_TAGS,
    roles: ANY_ROLE,
    errors: deliveryErrors,
    params: z.object({ id: z.string().min(1), deliveryId: z.string().min(1) }),
    response: {
      status: 200,
      description: 'The message and every attempt',
      schema: DeliverySchema.extend({
        payload: z.record(z.string(), z.unknown()),
        log: z.array(AttemptSchema),
      }),
    },
    async handler({ params, tenantId, container }) {
      const { message, attempts } = await container.messages
        .webhooks(container.database.knex)
        .delivery(tenantId, params.id, params.deliveryId);
      return {
        ...toDeliveryBody(message, webhookId(message)),
        payload: message.payload,
        log: attempts.map(toAttemptBody),
      };
    },
  }),
];
