import { z } from 'zod';
import { outgoingEventTypes } from '../outbox/outgoing-event-types.js';

export const webhookEndpointInputSchema = z.object({
  url: z.string().min(1).max(2000).describe('https, to a public address (see WEBHOOK_ALLOW_TARGETS)'),
  eventTypes: z
    .array(z.enum(outgoingEventTypes))
    .min(1)
    .max(outgoingEventTypes.length)
    .describe('The event types this endpoint receives'),
  description: z.string().max(500).nullable().optional(),
  enabled: z.boolean().default(true),
});

export const webhookEndpointUpdateSchema = z
  .object({
    eventTypes: webhookEndpointInputSchema.shape.eventTypes,
    description: z.string().max(500).nullable(),
    enabled: z.boolean().describe('Enabling a disabled endpoint resets its failure count'),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Name at least one field to change' });

export const replayRangeSchema = z
  .object({
    fromEventId: z.coerce.bigint().positive().optional(),
    toEventId: z.coerce.bigint().positive().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((v) => v.fromEventId !== undefined || v.from !== undefined, {
    message: 'Give where the range starts: fromEventId or from',
  });

export type WebhookEndpointInput = z.infer<typeof webhookEndpointInputSchema>;
export type WebhookEndpointUpdate = z.infer<typeof webhookEndpointUpdateSchema>;
export type ReplayRange = z.infer<typeof replayRangeSchema>;
