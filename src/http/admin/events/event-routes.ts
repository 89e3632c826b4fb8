import type { AuditEvent } from '../../../features/events/event-search.js';
import { ANY_ROLE } from '../admin-roles.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { AuditEventPageSchema, ListEventsQuery } from './event-schemas.js';

const toAdminEvent = (event: AuditEvent) => ({
  id: event.id,
  occurredAt: event.occurredAt.toISOString(),
  action: event.action,
  entity: { type: event.entityType, id: event.entityId },
  userId: event.userId,
  actor: event.actor,
  before: event.before ?? null,
  after: event.after ?? null,
});

export const eventRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    summary: 'Read the audit log',
    description:
      'Every change recorded for the tenant, with who made it (a token with its label, a rule, a directory sync, ' +
      'a job or the operator) and the entity before and after. Filters combine: actor, action (or `kind.*`), ' +
      'entity, user, and a time range [from, to).',
    sort: 'newest first (by id, the order in which the changes were recorded)',
    tags: ['Audit log'],
    roles: ANY_ROLE,
    query: ListEventsQuery,
    response: { status: 200, description: 'A page of events', schema: AuditEventPageSchema },
    async handler({ query, tenantId, services }) {
      const { limit, cursor, ...filter } = query;
      const events = await services.eventSearch.page(tenantId, filter, { limit: limit + 1, before: cursor });
      const page = events.slice(0, limit);
      return {
        items: page.map(toAdminEvent),
        nextCursor: events.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  }),
];
