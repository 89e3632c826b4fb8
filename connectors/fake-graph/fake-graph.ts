import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import {
  beginChanges,
  renderGroupsPage,
  renderUsersPage,
  USER_PROPERTIES,
  DEFAULT_USER_SELECT,
} from './delta-pages.js';
import { decodeDeltaState } from './delta-state.js';
import type { DeltaState } from './delta-state.js';
import { FakeDirectory } from './fake-directory.js';
import type { FakeUser } from './fake-directory.js';
import { FakeTokenService } from './fake-token-service.js';
import type { FakeTenant } from './fake-token-service.js';
import { FaultInjector } from './fault-injector.js';

/** Ids of the tenant and app that `createFakeGraph()` registers when given none. */
export const FAKE_TENANT_ID = '11111111-1111-4111-8111-111111111111';
export const FAKE_CLIENT_ID = '22222222-2222-4222-8222-222222222222';
export const FAKE_CLIENT_SECRET = 'fake-secret-value';
export const PUBLIC_GRAPH_BASE_URL = 'https://graph.microsoft.com';
export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export interface FakeGraphOptions {
  tenants?: FakeTenant[];
  directory?: FakeDirectory;
  /** `expires_in` of issued tokens (default 3599, as Entra). */
  tokenLifetimeSeconds?: number;
  /** Page size when the caller sends neither `Prefer: odata.maxpagesize` nor `$top` (default 100). */
  defaultPageSize?: number;
  /** Member references per groups-delta page (default 1000). */
  groupMembersPerPage?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** 0 when the fake dropped the connection. */
  status: number;
}

export interface RunningFakeGraph {
  /** `http://127.0.0.1:PORT`: pass it as both authorityHost and graphBaseUrl. */
  url: string;
  close(): Promise<void>;
}

export interface FakeGraph {
  app: express.Express;
  directory: FakeDirectory;
  tokens: FakeTokenService;
  faults: FaultInjector;
  /** Graph calls (`/v1.0/...`) in arrival order; token requests are in `tokens.tokenRequests`. */
  requests: RecordedRequest[];
  /**
   * Invalidates every nextLink and deltaLink issued so far. Graph documents 410 Gone for a reset
   * sync state; expired delta links have also been reported as 400 `syncStateNotFound`.
   */
  expireDeltaTokens(options?: { status?: 400 | 410; code?: 'syncStateNotFound' | 'resyncRequired' }): void;
  listen(port?: number): Promise<RunningFakeGraph>;
}

const USER_READ_ROLES = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const GROUP_READ_ROLES = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const MAX_PAGE_SIZE = 999;

function queryValue(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function graphError(res: Response, status: number, code: string, message: string): void {
  const requestId = randomUUID();
  res.status(status).json({
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString(), 'request-id': requestId, 'client-request-id': requestId },
    },
  });
}

/**
 * `$select` plus the manager link: users delta reports the manager as `manager@delta` when asked
 * with `$expand=manager` (selecting `manager` is accepted too).
 */
function selectionOf(req: Request): string[] | null {
  const raw = queryValue(req, '$select');
  const expandManager = (queryValue(req, '$expand') ?? '').split(',').some((s) => s.trim() === 'manager');
  if (!raw && !expandManager) return null;
  const names = (raw ?? DEFAULT_USER_SELECT.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (expandManager && !names.includes('manager')) names.push('manager');
  return names.includes('id') ? names : ['id', ...names];
}

function requestedPageSize(req: Request): number | undefined {
  // Graph sizes delta pages by `Prefer: odata.maxpagesize`; `$top` is accepted here for convenience.
  const prefer = /odata\.maxpagesize=(\d+)/i.exec(req.get('prefer') ?? '');
  const raw = prefer?.[1] ?? queryValue(req, '$top');
  const size = raw === undefined ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(size) && size > 0 ? Math.min(size, MAX_PAGE_SIZE) : undefined;
}

function renderPlainUser(user: FakeUser, select: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id };
  for (const name of select) {
    if (name !== 'manager' && name in user) out[name] = user[name as keyof FakeUser];
  }
  return out;
}

export function createFakeGraph(options: FakeGraphOptions = {}): FakeGraph {
  const directory = options.directory ?? new FakeDirectory();
  const tokens = new FakeTokenService(
    options.tenants ?? [
      {
        tenantId: FAKE_TENANT_ID,
        domains: ['contoso.onmicrosoft.com'],
        apps: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET }],
      },
    ],
    options.tokenLifetimeSeconds ?? 3599,
  );
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const pageOptions = {
    publicGraphBaseUrl: PUBLIC_GRAPH_BASE_URL,
    groupMembersPerPage: options.groupMembersPerPage ?? 1000,
  };
  const defaultPageSize = options.defaultPageSize ?? 100;
  let deltaEpoch = 0;
  let expiry: { status: 400 | 410; code: string } = { status: 410, code: 'syncStateNotFound' };

  const app = express();
  app.disable('x-powered-by');
  // ETags over megabyte pages cost CPU for nothing: delta pages are never revalidated.
  app.set('etag', false);

  // --- identity platform -------------------------------------------------------------------
  app.get('/common/discovery/instance', (_req, res) => {
    res.json({
      tenant_discovery_endpoint: `${PUBLIC_AUTHORITY_HOST}/{tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: ['login.microsoftonline.com', 'login.windows.net', 'sts.windows.net'],
        },
      ],
    });
  });

  app.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const tenant = tokens.findTenant(req.params.tenant);
    if (!tenant) {
      res.status(400).json({
        error: 'invalid_tenant',
        error_description: `AADSTS90002: Tenant '${req.params.tenant}' not found.`,
        error_codes: [90002],
      });
      return;
    }
    const base = `${PUBLIC_AUTHORITY_HOST}/${tenant.tenantId}`;
    res.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `${PUBLIC_AUTHORITY_HOST}/${tenant.tenantId}/v2.0`,
      jwks_uri: `${PUBLIC_AUTHORITY_HOST}/${tenant.tenantId}/discovery/v2.0/keys`,
    });
  });

  app.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    (req, res) => {
      const form: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
      const outcome = tokens.issue(req.params.tenant as string, form);
      res.set('cache-control', 'no-store, no-cache');
      if (outcome.ok) res.json(outcome.body);
      else res.status(outcome.error.status).json(outcome.error.body);
    },
  );

  // --- Graph ---------------------------------------------------------------------------------
  const graph = express.Router();

  graph.use((req: Request, res: Response, next: NextFunction) => {
    const record: RecordedRequest = { method: req.method, url: req.originalUrl, status: 0 };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    const fault = faults.take(req.originalUrl);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'body') {
      res.status(fault.status).json(fault.body);
      return;
    }
    if (fault?.kind === 'status') {
      if (fault.retryAfterSeconds !== undefined) res.set('Retry-After', String(fault.retryAfterSeconds));
      const code =
        fault.status === 429
          ? 'TooManyRequests'
          : fault.status === 503
            ? 'serviceNotAvailable'
            : 'UnknownError';
      graphError(res, fault.status, code, `Injected ${fault.status}.`);
      return;
    }
    next();
  });

  graph.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    res.set(
      'WWW-Authenticate',
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
    );
    if (!token) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const info = tokens.lookup(token);
    if (!info) return graphError(res, 401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.');
    if (info.expiresAt <= Date.now()) {
      return graphError(
        res,
        401,
        'InvalidAuthenticationToken',
        'Lifetime validation failed, the token is expired.',
      );
    }
    res.removeHeader('WWW-Authenticate');
    res.locals.clientId = info.clientId;
    next();
  });

  const requireRole = (accepted: readonly string[]) => (_req: Request, res: Response, next: NextFunction) => {
    const granted = tokens.appRoles(String(res.locals.clientId));
    if (accepted.some((role) => granted.has(role))) return next();
    graphError(res, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  };
  const users = requireRole(USER_READ_ROLES);
  const groups = requireRole(GROUP_READ_ROLES);

  const delta = (resource: 'users' | 'groups') => (req: Request, res: Response) => {
    const token = queryValue(req, '$skiptoken') ?? queryValue(req, '$deltatoken');
    const pageSize = requestedPageSize(req);
    let state: DeltaState;
    if (token === 'latest' && queryValue(req, '$deltatoken')) {
      // "Sync from now": no data, just a deltaLink for changes after this moment.
      const select = selectionOf(req);
      state = {
        resource,
        phase: 'changes',
        since: directory.seq,
        until: directory.seq,
        cursor: 0,
        memberOffset: 0,
        select,
        pageSize: pageSize ?? defaultPageSize,
        epoch: deltaEpoch,
      };
    } else if (token) {
      const decoded = decodeDeltaState(token);
      if (!decoded || decoded.resource !== resource) {
        return graphError(res, 400, 'BadRequest', 'The delta token is not valid for this request.');
      }
      if (decoded.epoch < deltaEpoch) {
        return graphError(
          res,
          expiry.status,
          expiry.code,
          'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
        );
      }
      state = { ...decoded, pageSize: pageSize ?? decoded.pageSize };
      if (state.phase === 'link') state = beginChanges(state, directory);
    } else {
      state = {
        resource,
        phase: 'full',
        since: 0,
        until: directory.seq,
        cursor: 0,
        memberOffset: 0,
        select: selectionOf(req),
        pageSize: pageSize ?? defaultPageSize,
        epoch: deltaEpoch,
      };
    }
    const body =
      resource === 'users'
        ? renderUsersPage(directory, state, pageOptions)
        : renderGroupsPage(directory, state, pageOptions);
    if (pageSize !== undefined) res.set('Preference-Applied', `odata.maxpagesize=${pageSize}`);
    res.json(body);
  };

  graph.get('/users/delta', users, delta('users'));
  graph.get('/groups/delta', groups, delta('groups'));

  // Minimal list endpoints: enough for a connection test (`$top=1`), not a paging implementation.
  graph.get('/users', users, (req, res) => {
    const top = Math.min(requestedPageSize(req) ?? defaultPageSize, directory.userPositions);
    const select = selectionOf(req) ?? DEFAULT_USER_SELECT;
    const value: Array<Record<string, unknown>> = [];
    for (let position = 0; position < directory.userPositions && value.length < top; position += 1) {
      const user = directory.getUser(directory.userIdAt(position));
      if (user) value.push(renderPlainUser(user, select));
    }
    res.json({ '@odata.context': `${PUBLIC_GRAPH_BASE_URL}/v1.0/$metadata#users`, value });
  });

  graph.get('/groups', groups, (req, res) => {
    const top = requestedPageSize(req) ?? defaultPageSize;
    const value: Array<Record<string, unknown>> = [];
    for (let position = 0; position < directory.groupPositions && value.length < top; position += 1) {
      const group = directory.getGroup(directory.groupIdAt(position));
      if (group) value.push({ ...group });
    }
    res.json({ '@odata.context': `${PUBLIC_GRAPH_BASE_URL}/v1.0/$metadata#groups`, value });
  });

  graph.get('/users/:id', users, (req, res) => {
    const user = directory.getUser(req.params.id as string);
    if (!user)
      return graphError(
        res,
        404,
        'Request_ResourceNotFound',
        `Resource '${String(req.params.id)}' does not exist or one of its queried reference-property objects are not present.`,
      );
    const select = selectionOf(req) ?? USER_PROPERTIES.filter((p) => p !== 'manager');
    res.json(renderPlainUser(user, select));
  });

  graph.get('/users/:id/manager', users, (req, res) => {
    const user = directory.getUser(req.params.id as string);
    const manager = user?.managerId ? directory.getUser(user.managerId) : undefined;
    if (!manager)
      return graphError(
        res,
        404,
        'Request_ResourceNotFound',
        `Resource 'manager' does not exist or one of its queried reference-property objects are not present.`,
      );
    res.json({ '@odata.type': '#microsoft.graph.user', ...renderPlainUser(manager, DEFAULT_USER_SELECT) });
  });

  graph.get('/groups/:id/members', groups, (req, res) => {
    const id = req.params.id as string;
    if (!directory.getGroup(id))
      return graphError(res, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
    const top = requestedPageSize(req) ?? defaultPageSize;
    const offset = Number.parseInt(queryValue(req, '$skiptoken') ?? '0', 10) || 0;
    const ids = directory.groupMembers(id);
    const value = ids
      .slice(offset, offset + top)
      .map((memberId) => ({ '@odata.type': '#microsoft.graph.user', id: memberId }));
    const next =
      offset + top < ids.length
        ? `${PUBLIC_GRAPH_BASE_URL}/v1.0/groups/${id}/members?$top=${top}&$skiptoken=${offset + top}`
        : undefined;
    res.json({ value, ...(next ? { '@odata.nextLink': next } : {}) });
  });

  graph.use((req: Request, res: Response) => {
    graphError(res, 400, 'BadRequest', `Resource not found for the segment '${req.path}'.`);
  });

  app.use('/v1.0', graph);

  return {
    app,
    directory,
    tokens,
    faults,
    requests,
    expireDeltaTokens(expireOptions = {}) {
      deltaEpoch += 1;
      expiry = { status: expireOptions.status ?? 410, code: expireOptions.code ?? 'syncStateNotFound' };
    },
    async listen(port = 0) {
      const server = createServer(app);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      const address = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            // Keep-alive sockets from the client would otherwise hold close() open.
            server.closeAllConnections();
          }),
      };
    },
  };
}
