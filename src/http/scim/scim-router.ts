import express, { Router, type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import type { Container, Services } from '../../container.js';
import { DomainError } from '../../domain-error.js';
import type { Actor } from '../../features/events/event-log.js';
import { requireToken, type Authenticated } from '../auth.js';
import { groupFilterResolver, userFilterResolver } from '../../lib/scim-schema/filter-attributes.js';
import { rejectHostileInput } from '../hostile-input.js';
import { deadlineOf } from '../request-deadline.js';
import { groupPatchToChanges } from './group-patch.js';
import { groupToScim, scimToGroupInput } from './group-mapper.js';
import { pageQuery, parseListRequest, type ListRequest } from './list-request.js';
import { parsePatchRequest } from './patch-request.js';
import { parseAttributeList, project, wants, type Projection } from './projection.js';
import { scimError, toScimError } from './scim-error.js';
import { LIST_RESPONSE, SEARCH_REQUEST } from '../../lib/scim-schema/scim-schemas.js';
import { applyUserPatch } from './user-patch.js';
import { scimToUserInput, userToScim } from './user-mapper.js';

/**
 * The SCIM 2.0 endpoint, `/scim/v2`. Routes are a few lines each: read the request, call a service inside one
 * transaction, render. scimmy-routers is not mounted, for limits measured in it: on Express 5 it loses
 * startIndex/count, it pages a second time after the handler, its PATCH is read-modify-write without a lock,
 * and it answers every non-SCIM error with 404. Discovery endpoints still come from scimmy's own resources.
 */
export function scimRouter(container: Container, baseUrl: string): Router {
  const router = Router();
  const scimBase = `${baseUrl}/scim/v2`;
  const users = userFilterResolver();

  // Any content type is read as JSON: IdPs send application/scim+json, application/json, or nothing.
  router.use(express.json({ type: () => true, limit: container.config.BODY_LIMIT, strict: false }));
  router.use((_req, res, next) => {
    res.type('application/scim+json');
    next();
  });
  router.use(
    requireToken(container, 'scim', (res, status, detail, headers) =>
      sendError(res, status, detail, headers),
    ),
  );
  router.use(rejectHostileInput);

  const actor = (res: Response): Actor => ({
    type: 'token',
    id: (res.locals as Authenticated).identity.tokenId,
  });
  const tenant = (res: Response) => (res.locals as Authenticated).identity.tenantId;
  // A request's one transaction, bounded by its deadline.
  const transaction = <T>(res: Response, work: (services: Services) => Promise<T>) =>
    container.transaction(work, { deadline: deadlineOf(res) });

  // Discovery (RFC 7644 §4), from scimmy's declared schemas.
  router.get('/ServiceProviderConfig', async (_req, res) => {
    res.json(await new SCIMMY.Resources.ServiceProviderConfig().read());
  });
  router.get(['/Schemas', '/Schemas/:id'], async (req, res) => {
    res.json(await new SCIMMY.Resources.Schema(req.params.id as string, {}).read());
  });
  router.get(['/ResourceTypes', '/ResourceTypes/:id'], async (req, res) => {
    res.json(await new SCIMMY.Resources.ResourceType(req.params.id as string, {}).read());
  });

  // Users
  const listUsers = async (res: Response, request: ListRequest) => {
    const withGroups = wants(request.projection, 'groups');
    const page = await container.services.users.list(tenant(res), { ...pageQuery(request), withGroups });
    sendList(
      res,
      request,
      page.total,
      page.users.map((u) => userToScim(u, scimBase)),
    );
  };
  router.get('/Users', async (req, res) =>
    listUsers(res, parseListRequest(req.query as Record<string, unknown>, users)),
  );
  router.post('/Users/.search', async (req, res) => listUsers(res, parseSearch(req.body, users)));
  router.get('/Users/:id', async (req, res) => {
    const projection = projectionOf(req);
    const user = await container.services.users.get(tenant(res), param(req), wants(projection, 'groups'));
    sendResource(req, res, 200, userToScim(user, scimBase), user.version, projection);
  });
  router.post('/Users', async (req, res) => {
    const input = scimToUserInput(req.body);
    const user = await transaction(res, (s) => s.users.create(tenant(res), input, 'scim', actor(res)));
    res.location(`${scimBase}/Users/${user.id}`);
    sendResource(
      req,
      res,
      201,
      userToScim({ ...user, groups: [] }, scimBase),
      user.version,
      projectionOf(req),
    );
  });
  router.put('/Users/:id', async (req, res) => {
    const input = scimToUserInput(req.body);
    const user = await transaction(res, async (s) => {
      await s.users.modify(tenant(res), param(req), () => input, actor(res), ifMatch(req));
      return s.users.get(tenant(res), param(req));
    });
    sendResource(req, res, 200, userToScim(user, scimBase), user.version, projectionOf(req));
  });
  router.patch('/Users/:id', async (req, res) => {
    const operations = parsePatchRequest(req.body);
    const projection = projectionOf(req);
    // The user is read back only when the answer shows it (sendPatched: 204 unless attributes are asked for).
    const user = await transaction(res, async (s) => {
      const patched = await s.users.modify(
        tenant(res),
        param(req),
        (current) => applyUserPatch(current, operations),
        actor(res),
        ifMatch(req),
      );
      return asked(projection) ? s.users.get(tenant(res), param(req), wants(projection, 'groups')) : patched;
    });
    sendPatched(req, res, userToScim(user, scimBase), user.version, projection);
  });
  router.delete('/Users/:id', async (req, res) => {
    await transaction(res, (s) => s.users.delete(tenant(res), param(req), actor(res), ifMatch(req)));
    res.status(204).end();
  });

  // Groups
  const listGroups = async (res: Response, request: ListRequest) => {
    const withMembers = wants(request.projection, 'members');
    const page = await container.services.groups.list(tenant(res), { ...pageQuery(request), withMembers });
    sendList(
      res,
      request,
      page.total,
      page.groups.map((g) => groupToScim(g, scimBase)),
    );
  };
  router.get('/Groups', async (req, res) =>
    listGroups(res, parseListRequest(req.query as Record<string, unknown>, groupFilterResolver)),
  );
  router.post('/Groups/.search', async (req, res) =>
    listGroups(res, parseSearch(req.body, groupFilterResolver)),
  );
  router.get('/Groups/:id', async (req, res) => {
    const projection = projectionOf(req);
    const group = await container.services.groups.get(tenant(res), param(req), wants(projection, 'members'));
    sendResource(req, res, 200, groupToScim(group, scimBase), group.version, projection);
  });
  router.post('/Groups', async (req, res) => {
    const input = scimToGroupInput(req.body);
    const group = await transaction(res, async (s) => {
      const created = await s.groups.create(tenant(res), input, 'scim', actor(res));
      return s.groups.get(tenant(res), created.id, true);
    });
    res.location(`${scimBase}/Groups/${group.id}`);
    sendResource(req, res, 201, groupToScim(group, scimBase), group.version, projectionOf(req));
  });
  router.put('/Groups/:id', async (req, res) => {
    const input = scimToGroupInput(req.body);
    const projection = projectionOf(req);
    const group = await transaction(res, async (s) => {
      await s.groups.replace(tenant(res), param(req), input, actor(res), ifMatch(req));
      return s.groups.get(tenant(res), param(req), wants(projection, 'members'));
    });
    sendResource(req, res, 200, groupToScim(group, scimBase), group.version, projection);
  });
  router.patch('/Groups/:id', async (req, res) => {
    const changes = groupPatchToChanges(parsePatchRequest(req.body));
    const projection = projectionOf(req);
    const group = await transaction(res, async (s) => {
      const updated = await s.groups.modify(tenant(res), param(req), changes, actor(res), ifMatch(req));
      return asked(projection)
        ? s.groups.get(tenant(res), updated.id, wants(projection, 'members'))
        : updated;
    });
    sendPatched(req, res, groupToScim(group, scimBase), group.version, projection);
  });
  router.delete('/Groups/:id', async (req, res) => {
    await transaction(res, (s) => s.groups.delete(tenant(res), param(req), actor(res), ifMatch(req)));
    res.status(204).end();
  });

  router.post('/.search', () => {
    throw new DomainError(
      'invalid_path',
      'Search across resource types is not supported; use /Users/.search or /Groups/.search',
    );
  });
  router.use((req, res) => sendError(res, 404, `No SCIM endpoint ${req.method} ${req.path}`));

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = toScimError(error);
    if (mapped.internal) req.log.error({ err: error }, 'SCIM request failed');
    sendError(
      res,
      mapped.status,
      mapped.body.detail,
      mapped.retryAfterSeconds ? { 'Retry-After': String(mapped.retryAfterSeconds) } : {},
      mapped.body.scimType,
    );
  });
  return router;
}

function sendError(
  res: Response,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
  scimType?: string,
) {
  res
    .status(status)
    .set(headers)
    .type('application/scim+json')
    .json(scimError(status, detail, scimType));
}

function sendList(res: Response, request: ListRequest, total: number, resources: Record<string, unknown>[]) {
  res.json({
    schemas: [LIST_RESPONSE],
    totalResults: total,
    startIndex: request.startIndex,
    itemsPerPage: resources.length,
    Resources: resources.map((r) => project(r, request.projection)),
  });
}

function sendResource(
  req: Request,
  res: Response,
  status: number,
  resource: Record<string, unknown>,
  version: number,
  projection: Projection,
) {
  const etag = `W/"${version}"`;
  res.setHeader('ETag', etag);
  if (
    status === 200 &&
    req.method === 'GET' &&
    req.headers['if-none-match']?.split(',').some((t) => t.trim() === etag || t.trim() === '*')
  ) {
    res.status(304).end();
    return;
  }
  res.status(status).json(project(resource, projection));
}

const asked = (projection: Projection) => Boolean(projection.attributes ?? projection.excludedAttributes);

/**
 * A successful PATCH answers 204 (RFC 7644 §3.5.2 lets the server choose; Microsoft's clients expect it, and
 * rendering a 50k-member group back would cost more than the change), or 200 with the resource when the
 * request names `attributes` or `excludedAttributes`.
 */
function sendPatched(
  req: Request,
  res: Response,
  resource: Record<string, unknown>,
  version: number,
  projection: Projection,
) {
  if (!asked(projection)) {
    res.setHeader('ETag', `W/"${version}"`);
    res.status(204).end();
    return;
  }
  sendResource(req, res, 200, resource, version, projection);
}

function projectionOf(req: Request): Projection {
  const query = req.query as Record<string, unknown>;
  const attributes = parseAttributeList(query.attributes);
  const excludedAttributes = parseAttributeList(query.excludedAttributes);
  return { ...(attributes ? { attributes } : {}), ...(excludedAttributes ? { excludedAttributes } : {}) };
}

function parseSearch(body: unknown, resolve: Parameters<typeof parseListRequest>[1]): ListRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('invalid_syntax', 'A search body is a SearchRequest message object');
  }
  const { schemas, ...rest } = body as Record<string, unknown>;
  if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(SEARCH_REQUEST))) {
    throw new DomainError('invalid_syntax', `A search body must name the schema ${SEARCH_REQUEST}`);
  }
  // SearchRequest carries attribute lists as arrays; the query-string parser takes them comma-joined.
  for (const key of ['attributes', 'excludedAttributes']) {
    if (Array.isArray(rest[key])) rest[key] = (rest[key] as unknown[]).join(',');
  }
  return parseListRequest(rest, resolve);
}

const param = (req: Request): string => String(req.params.id);

/** If-Match (RFC 7232) against the resource's version: `W/"3"`, `"3"` or `*`. */
function ifMatch(req: Request): number | undefined {
  const header = req.headers['if-match'];
  if (!header || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.split(',')[0]?.trim() ?? '');
  if (!match)
    throw new DomainError('precondition_failed', `If-Match ${header} names no version of this resource`);
  return Number(match[1]);
}
