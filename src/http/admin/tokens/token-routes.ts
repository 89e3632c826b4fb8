import { z } from 'zod';
import { ContactEmail, type TokenInfo } from '../../../features/tokens/token-service.js';
import { resourceErrors } from '../admin-problem.js';
import { OWNER_ONLY } from '../admin-roles.js';
import { component, IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { pageOf, pageQuery } from '../pagination.js';

const TAGS = ['Tokens'];
const errors = resourceErrors('token');

const TokenSchema = component(
  z.object({
    id: z.string(),
    label: z.string().nullable().describe('What the token is for, as given when it was created'),
    kind: z.enum(['admin', 'scim']).describe('admin: this API; scim: an identity provider pushing users'),
    role: z
      .enum(['owner', 'license_admin', 'read_only', 'operator'])
      .nullable()
      .describe("Admin tokens only; operator: the provider's, issued by the operator CLI, edits the catalog"),
    email: z
      .string()
      .nullable()
      .describe("Owner tokens only: the holder's contact e-mail, where the tenant's admin alerts go"),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().describe('Recorded at most once a minute'),
    revokedAt: z.iso.datetime().nullable(),
  }),
  'Token',
  'An API token, without its secret',
);

const CreateTokenRequest = component(
  z
    .strictObject({
      label: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "Okta provisioning"'),
      kind: z.enum(['admin', 'scim']),
      role: z
        .enum(['owner', 'license_admin', 'read_only'])
        .optional()
        .describe('Required for admin tokens (operator tokens come from the operator CLI only)'),
      email: ContactEmail.optional().describe(
        "Owner tokens only: the holder's contact e-mail; the tenant's admin alerts go to every active owner's",
      ),
    })
    .superRefine((body, ctx) => {
      if (body.email !== undefined && body.role !== 'owner')
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'only owner tokens have a contact e-mail' });
      if (body.kind === 'admin' && !body.role)
        ctx.addIssue({ code: 'custom', path: ['role'], message: 'is required for an admin token' });
      if (body.kind === 'scim' && body.role)
        ctx.addIssue({ code: 'custom', path: ['role'], message: 'SCIM tokens have no role' });
    }),
  'CreateTokenRequest',
);

const CreatedTokenSchema = component(
  TokenSchema.extend({
    secret: z.string().describe('The bearer token itself: shown in this response only, never again'),
  }),
  'CreatedToken',
);

const ListTokensQuery = z.object({
  status: z.enum(['active', 'revoked']).optional(),
  limit: pageQuery.limit,
  cursor: z
    .uuid({ message: 'is not a cursor this API returned' })
    .optional()
    .describe("The previous page's nextCursor"),
});

const toAdminToken = (token: TokenInfo) => ({
  id: token.id,
  label: token.label,
  kind: token.kind,
  role: token.role,
  email: token.email,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

export const tokenRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    summary: "List the tenant's tokens",
    description:
      'Admin and SCIM tokens with their label, role, owner contact e-mail and last use; never their secrets.',
    sort: 'oldest first (by creation)',
    tags: TAGS,
    roles: OWNER_ONLY,
    query: ListTokensQuery,
    response: { status: 200, description: 'A page of tokens', schema: pageOf(TokenSchema, 'TokenPage') },
    async handler({ query, tenantId, services }) {
      const rows = await services.tokens.list(tenantId, {
        limit: query.limit + 1,
        afterId: query.cursor,
        status: query.status,
      });
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(toAdminToken),
        nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    summary: 'Create a token',
    description: 'The answer carries the secret once; store it at once (only its hash is kept).',
    tags: TAGS,
    roles: OWNER_ONLY,
    errors,
    body: CreateTokenRequest,
    response: {
      status: 201,
      headers: ['Location'],
      description: 'The new token, with its secret',
      schema: CreatedTokenSchema,
    },
    async handler({ body, tenantId, actor, services, setHeader }) {
      const issued = await services.tokens.issue(
        tenantId,
        body.kind,
        body.role ?? null,
        actor,
        body.label,
        body.email,
      );
      setHeader('Location', `/api/v1/tokens/${issued.id}`);
      return { ...toAdminToken(await services.tokens.get(tenantId, issued.id)), secret: issued.token };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/tokens/:id',
    operationId: 'getToken',
    summary: 'Read a token',
    tags: TAGS,
    roles: OWNER_ONLY,
    errors,
    params: IdParams,
    response: { status: 200, description: 'The token', schema: TokenSchema },
    async handler({ params, tenantId, services }) {
      return toAdminToken(await services.tokens.get(tenantId, params.id));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/tokens/:id/revoke',
    operationId: 'revokeToken',
    summary: 'Revoke a token',
    description:
      'Every seatsync process refuses the token within a second. The last active owner token cannot be revoked ' +
      '(create another owner token first).',
    tags: TAGS,
    roles: OWNER_ONLY,
    errors,
    problems: ['token.invalid_state', 'token.last_owner'],
    params: IdParams,
    response: { status: 200, description: 'The revoked token', schema: TokenSchema },
    async handler({ params, tenantId, actor, services, container }) {
      const revoked = await services.tokens.revokeInTenant(tenantId, params.id, actor);
      container.tokenVerifier.forget(revoked.id);
      return toAdminToken(revoked);
    },
  }),
];
