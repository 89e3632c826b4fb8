import type { Express } from 'express';
import supertest from 'supertest';
import { createContainer, type Container } from '../../src/container.js';
import type { AdminRole } from '../../src/features/tokens/token-service.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { createTenant, type NewTenant } from '../../src/operator.js';
import { createTestDatabase } from './test-db.js';

export interface TestApp {
  app: Express;
  container: Container;
  /** A tenant created for this test file, with its tokens. */
  tenant: NewTenant;
  /** supertest bound to the app with the tenant's SCIM token. */
  scim: ScimClient;
  /** supertest bound to the admin API (`/api/v1`) with the tenant's owner token. */
  admin: AdminClient;
  close(): Promise<void>;
}

export type ScimClient = ReturnType<typeof scimClient>;
export type AdminClient = ReturnType<typeof adminClient>;

/** Builds the real app on a fresh database (see test-db.ts); `config` overrides environment variables. */
export async function buildTestApp(config: Record<string, string> = {}): Promise<TestApp> {
  const { database, config: parsed } = await createTestDatabase(config);
  const container = await createContainer(parsed, createLogger(parsed.LOG_LEVEL), { database });
  const app = createApp(container);
  const tenant = await createTenant(container, `tenant-${Math.random().toString(36).slice(2, 10)}`);
  return {
    app,
    container,
    tenant,
    scim: scimClient(app, tenant.scimToken),
    admin: adminClient(app, tenant.adminToken),
    close: () => container.close(),
  };
}

/** Request builders for the admin API: paths are relative to `/api/v1`; `headers` adds e.g. If-Match. */
export function adminClient(app: Express | string, token: string) {
  const agent = supertest(app);
  const auth = { Authorization: `Bearer ${token}` };
  return {
    get: (path: string, headers: Record<string, string> = {}) =>
      agent.get(`/api/v1${path}`).set({ ...auth, ...headers }),
    delete: (path: string, headers: Record<string, string> = {}) =>
      agent.delete(`/api/v1${path}`).set({ ...auth, ...headers }),
    post: (path: string, body?: unknown, headers: Record<string, string> = {}) =>
      agent
        .post(`/api/v1${path}`)
        .set({ ...auth, ...headers })
        .send(body as object),
    patch: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      agent
        .patch(`/api/v1${path}`)
        .set({ ...auth, ...headers })
        .send(body as object),
  };
}

/** Issues another admin token of the tenant, with the given role. */
export async function issueAdminToken(
  container: Container,
  tenantId: string,
  role: AdminRole,
): Promise<string> {
  const issued = await container.transaction((s) => s.tokens.issue(tenantId, 'admin', role, { type: 'cli' }));
  return issued.token;
}

/**
 * Request builders for SCIM calls: every request carries the token and the SCIM media type. `app` is the
 * Express app (supertest listens per request) or the base URL of a server already listening.
 */
export function scimClient(app: Express | string, token: string) {
  const agent = supertest(app);
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/scim+json' };
  return {
    get: (path: string) => agent.get(`/scim/v2${path}`).set(auth),
    delete: (path: string) => agent.delete(`/scim/v2${path}`).set(auth),
    post: (path: string, body: unknown) =>
      agent
        .post(`/scim/v2${path}`)
        .set(json)
        .send(body as object),
    put: (path: string, body: unknown) =>
      agent
        .put(`/scim/v2${path}`)
        .set(json)
        .send(body as object),
    patch: (path: string, body: unknown) =>
      agent
        .patch(`/scim/v2${path}`)
        .set(json)
        .send(body as object),
    /** A PatchOp message from operations. */
    patchOps: (path: string, ...Operations: unknown[]) =>
      agent
        .patch(`/scim/v2${path}`)
        .set(json)
        .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations }),
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A complete user as Entra or Okta would create it. */
export function newUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    active: true,
    name: { givenName: 'Given', familyName: 'Family' },
    emails: [{ value: userName, type: 'work', primary: true }],
    ...extra,
  };
}
