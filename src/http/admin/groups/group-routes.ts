import { z } from 'zod';
import { ANY_ROLE } from '../admin-roles.js';
import { component } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';

const GroupSummarySchema = component(
  z.object({
    id: z.string(),
    displayName: z.string(),
    source: z.string().describe('Where the group came from: scim, entra, admin or import'),
  }),
  'GroupSummary',
);

const GroupListSchema = component(z.object({ items: z.array(GroupSummarySchema) }), 'GroupList');

const ListGroupsQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Part of the display name (case-insensitive)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `%` and `_` in a search mean themselves, not LIKE wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const groupRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/groups',
    operationId: 'listGroups',
    sort: 'by display name (case-insensitive), then creation',
    summary: 'Find groups by name',
    description:
      'The groups the identity provider or the directory sync brought, for choosing the source group of a rule: ' +
      'the first `limit` matches by name (narrow with `q`). Membership is managed by SCIM and the directory sync.',
    tags: ['Groups'],
    roles: ANY_ROLE,
    query: ListGroupsQuery,
    response: { status: 200, description: 'Matching groups', schema: GroupListSchema },
    async handler({ query, tenantId, services }) {
      const { groups } = await services.groups.list(tenantId, {
        ...(query.q
          ? { where: { sql: "g.display_name ILIKE ? ESCAPE '\\'", bindings: [`%${likeLiteral(query.q)}%`] } }
          : {}),
        orderBy: { sql: 'lower(g.display_name)', bindings: [] },
        offset: 0,
        limit: query.limit,
        withMembers: false,
      });
      return {
        items: groups.map((g) => ({ id: g.id, displayName: g.displayName, source: g.source })),
      };
    },
  }),
];
