import { z } from 'zod';
import { eventActions, isEventAction } from '../../../features/events/event-actions.js';
import { ACTOR_TYPES, EVENT_ENTITY_TYPES } from '../../../features/events/event-search.js';
import { component } from '../admin-schemas.js';
import { pageOf, pageQuery } from '../pagination.js';

const Instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .describe('ISO 8601 date and time with a time zone, e.g. 2026-05-01T08:00:00Z');

export const ListEventsQuery = z.object({
  actorType: z.enum(ACTOR_TYPES).optional().describe('Who made the changes: a kind of actor'),
  actorId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Which one: a token id, rule id, directory connection id or job name'),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'must be an action such as user.updated, or a kind such as user.*')
    .refine(
      (action) =>
        action.endsWith('.*')
          ? eventActions.some((info) => info.action.startsWith(action.slice(0, -1)))
          : isEventAction(action),
      'is no action the audit log records (see the event actions in the README)',
    )
    .optional()
    .describe('An action (user.updated) or every action of a kind (assignment.*)'),
  entityType: z.enum(EVENT_ENTITY_TYPES).optional(),
  entityId: z.string().min(1).max(100).optional().describe('With or without entityType'),
  userId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Events about one user: the user, their assignments and their numbers'),
  from: Instant.optional().describe('Occurred at or after this instant'),
  to: Instant.optional().describe('Occurred before this instant'),
  limit: pageQuery.limit,
  cursor: z
    .string()
    .regex(/^\d+$/, 'is not a cursor this API returned')
    .optional()
    .describe("The previous page's nextCursor; omit for the first page"),
});

const json = z.unknown().describe('The entity as it was (before) or became (after); null when none');

export const AuditEventSchema = component(
  z.object({
    id: z.string().describe('Grows with every event the tenant records'),
    occurredAt: z.iso.datetime(),
    action: z.string().describe('What happened, e.g. user.updated or assignment.activated'),
    entity: z.object({ type: z.enum(EVENT_ENTITY_TYPES), id: z.string().nullable() }),
    userId: z.string().nullable().describe('The user the event concerns, if any'),
    actor: component(
      z.object({
        type: z.enum(ACTOR_TYPES),
        id: z.string().nullable().describe('Token id, rule id, connection id or job name'),
        label: z.string().describe("For people: the token's label, the rule's or connection's name"),
      }),
      'EventActor',
      'Who made the change',
    ),
    before: json,
    after: json,
  }),
  'AuditEvent',
  'One change, as the audit log records it',
);

export const AuditEventPageSchema = pageOf(AuditEventSchema, 'AuditEventPage');
