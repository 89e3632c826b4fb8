import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../src/domain-error.js';
import { resourceErrors, toProblem } from '../../src/http/admin/admin-problem.js';
import { adminRoutes } from '../../src/http/admin/admin-routes.js';
import { assertRole } from '../../src/http/admin/admin-roles.js';
import {
  adminClient,
  buildTestApp,
  issueAdminToken,
  type AdminClient,
  type TestApp,
} from '../helpers/test-app.js';

const PROBLEM_JSON = /^application\/problem\+json/;
const NEEDS_WRITER = 'This needs the owner or license_admin role; your token has read_only';

describe('admin API foundation', () => {
  let t: TestApp;
  let readOnly: AdminClient;
  let licenseAdmin: AdminClient;
  let userId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    readOnly = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'read_only'));
    licenseAdmin = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'license_admin'));
    const created = await t.admin.post('/users', {
      firstName: 'Ada',
      surname: 'Lovelace',
      email: 'ada@example.com',
    });
    expect(created.status).toBe(201);
    userId = created.body.id;
  });
  afterAll(() => t.close());

  describe('authentication', () => {
    it.each([
      ['no Authorization header', {}, 'Authentication required'],
      ['a Basic scheme', { Authorization: 'Basic dXNlcjpwYXNz' }, 'Authentication required'],
      ['an unknown token', { Authorization: 'Bearer sst_nope' }, 'unknown or revoked'],
    ])('refuses %s with 401 problem+json', async (_case, headers, detail) => {
      const res = await supertest(t.app).get('/api/v1/users').set(headers);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({
        status: 401,
        code: 'auth.unauthorized',
        type: 'urn:seatsync:problem:auth.unauthorized',
      });
      expect(res.body.detail).toContain(detail);
    });

    it('refuses a SCIM token: admin and SCIM tokens are not interchangeable', async () => {
      const res = await adminClient(t.app, t.tenant.scimToken).get('/users');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'auth.unauthorized', detail: 'This is not a admin token' });
    });

    it('refuses a revoked token', async () => {
      const token = await issueAdminToken(t.container, t.tenant.tenantId, 'owner');
      expect((await adminClient(t.app, token).get('/users')).status).toBe(200);
      const [row] = await t.container.database
        .knex('tokens')
        .where({ tenant_id: t.tenant.tenantId, role: 'owner' })
        .orderBy('created_at', 'desc')
        .limit(1);
      await t.container.transaction((s) => s.tokens.revoke(row.id, { type: 'cli' }));
      t.container.tokenVerifier.forget(row.id);
      expect((await adminClient(t.app, token).get('/users')).status).toBe(401);
    });

    it('serves the OpenAPI document without a token', async () => {
      const res = await supertest(t.app).get('/api/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\.1\.\d+$/);
    });
  });

  describe('roles', () => {
    const writes: Array<[string, (c: AdminClient, id: string) => supertest.Test]> = [
      [
        'POST /users',
        (c) => c.post('/users', { firstName: 'No', surname: 'Body', email: 'nobody@example.com' }),
      ],
      ['POST /users/bulk', (c) => c.post('/users/bulk', { emails: ['x@example.com'] })],
      ['PATCH /users/:id', (c, id) => c.patch(`/users/${id}`, { title: 'CEO' })],
      ['POST /users/:id/suspend', (c, id) => c.post(`/users/${id}/suspend`)],
      ['POST /users/:id/reactivate', (c, id) => c.post(`/users/${id}/reactivate`)],
      // The role is checked before the body: a read_only token learns nothing from validation errors.
      ['POST /users with an invalid body', (c) => c.post('/users', { email: 'not-an-address' })],
    ];

    it.each(writes)('read_only may not %s: 403 naming the role needed', async (_route, call) => {
      const res = await call(readOnly, userId);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        status: 403,
        code: 'permission.denied',
        title: 'Permission denied',
        detail: NEEDS_WRITER,
      });
    });

    it.each([
      ['GET /users', (c: AdminClient) => c.get('/users')],
      ['GET /users/:id', (c: AdminClient) => c.get(`/users/${userId}`)],
    ])('read_only may read: %s', async (_route, call) => {
      expect((await call(readOnly)).status).toBe(200);
    });

    it('license_admin may create and edit users', async () => {
      const created = await licenseAdmin.post('/users', {
        firstName: 'Grace',
        surname: 'Hopper',
        email: 'grace@example.com',
      });
      expect(created.status).toBe(201);
      expect((await licenseAdmin.patch(`/users/${created.body.id}`, { title: 'Rear admiral' })).status).toBe(
        200,
      );
    });

    it.each([
      [['owner'] as const, 'license_admin', 'This needs the owner role; your token has license_admin'],
      [['owner', 'license_admin'] as const, 'read_only', NEEDS_WRITER],
      [
        ['owner', 'license_admin', 'read_only'] as const,
        null,
        'This needs the owner, license_admin or read_only role; your token has no role',
      ],
    ])('assertRole(%j, %s) says what is needed', (allowed, role, message) => {
      expect(() => assertRole(allowed, role as 'license_admin' | 'read_only' | null)).toThrow(message);
    });
  });

  describe('validation and errors', () => {
    it('lists every invalid field of every part of the request, with its path', async () => {
      const res = await t.admin.post('/users', {
        firstName: '',
        email: 'nope',
        country: 'XX',
        language: '!!',
        extra: 1,
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        code: 'validation.failed',
        status: 400,
        type: 'urn:seatsync:problem:validation.failed',
      });
      const fields = res.body.errors.map((e: { in: string; field: string }) => `${e.in}:${e.field}`);
      expect(fields).toEqual(
        expect.arrayContaining([
          'body:firstName',
          'body:surname',
          'body:email',
          'body:country',
          'body:language',
          'body:',
        ]),
      );
      expect(res.body.errors.find((e: { field: string }) => e.field === '').message).toMatch(/extra/);
    });

    it.each([
      ['limit above 200', '/users?limit=201', 'query:limit'],
      ['limit not a number', '/users?limit=ten', 'query:limit'],
      ['a cursor the API never issued', '/users?cursor=bm9wZQ', 'query:cursor'],
      ['an unknown status', '/users?status=deleted', 'query:status'],
    ])('refuses %s', async (_case, path, field) => {
      const res = await t.admin.get(path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation.failed');
      expect(res.body.errors.map((e: { in: string; field: string }) => `${e.in}:${e.field}`)).toEqual([
        field,
      ]);
    });

    it('answers a body that is not JSON with 400 request.invalid_json', async () => {
      const res = await supertest(t.app)
        .post('/api/v1/users')
        .set({ Authorization: `Bearer ${t.tenant.adminToken}`, 'Content-Type': 'application/json' })
        .send('{"firstName": ');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('request.invalid_json');
    });

    it('answers an unknown endpoint with 404 route.not_found', async () => {
      const res = await t.admin.get('/nothing-here');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('route.not_found');
    });

    it('answers 503 with Retry-After when the database cannot be reached, 500 for anything unexpected', async () => {
      const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      });
      const spy = vi
        .spyOn(t.container.services.users, 'page')
        .mockRejectedValueOnce(unreachable)
        .mockRejectedValueOnce(new Error('SELECT secret_column failed'));
      try {
        const down = await t.admin.get('/users');
        expect(down.status).toBe(503);
        expect(down.headers['retry-after']).toBe('5');
        expect(down.body.code).toBe('service.unavailable');
        const bug = await t.admin.get('/users');
        expect(bug.status).toBe(500);
        expect(bug.body.code).toBe('internal.error');
        expect(JSON.stringify(bug.body)).not.toContain('secret_column');
      } finally {
        spy.mockRestore();
      }
    });

    const users = resourceErrors('user', { uniqueness: 'user.username_taken' });
    it.each([
      [
        'not_found on a user route',
        new DomainError('not_found', 'User x not found'),
        users,
        404,
        'user.not_found',
      ],
      [
        'uniqueness on a user route',
        new DomainError('uniqueness', 'taken'),
        users,
        409,
        'user.username_taken',
      ],
      [
        'precondition_failed on a user route',
        new DomainError('precondition_failed', 'v2'),
        users,
        412,
        'user.version_mismatch',
      ],
      ['not_found with no resource', new DomainError('not_found', 'x'), undefined, 404, 'resource.not_found'],
      ['invalid_value', new DomainError('invalid_value', 'bad'), users, 400, 'validation.failed'],
      ['permission_denied', new DomainError('permission_denied', 'no'), users, 403, 'permission.denied'],
      [
        'a dotted domain code',
        new DomainError('seat.unavailable', 'none left', { productId: 'p' }),
        users,
        409,
        'seat.unavailable',
      ],
      [
        'a dotted code with a 422 suffix',
        new DomainError('confirmation.required', 'say yes'),
        users,
        422,
        'confirmation.required',
      ],
      ['a zod error', z.object({ a: z.string() }).safeParse({}).error, undefined, 400, 'validation.failed'],
      [
        'a PostgreSQL admin shutdown',
        Object.assign(new Error('terminating'), { code: '57P01' }),
        users,
        503,
        'service.unavailable',
      ],
      ['an unknown error', new TypeError('x is undefined'), users, 500, 'internal.error'],
    ])('maps %s', (_case, error, resource, status, code) => {
      const { problem } = toProblem(error, resource);
      expect(problem).toMatchObject({ status, code, type: `urn:seatsync:problem:${code}` });
      expect(problem.title).toEqual(expect.any(String));
    });

    it('passes a domain error’s details on as a problem extension', () => {
      const { problem } = toProblem(
        new DomainError('requirement.unmet', 'needs a number', {
          reasons: ['requirement_unmet:fixed_number'],
        }),
      );
      expect(problem.details).toEqual({ reasons: ['requirement_unmet:fixed_number'] });
    });
  });

  describe('OpenAPI document', () => {
    let doc: {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            parameters?: Array<Record<string, unknown>>;
            responses: Record<string, unknown>;
            'x-roles': string[];
            requestBody?: unknown;
          }
        >
      >;
      components: {
        schemas: Record<
          string,
          { properties?: Record<string, Record<string, unknown>>; required?: string[] }
        >;
      };
    };
    beforeAll(async () => {
      doc = (await t.admin.get('/openapi.json')).body;
    });

    it('is OpenAPI 3.1 with a server, bearer and session security and components', () => {
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc).toMatchObject({
        info: { title: expect.any(String), version: '1' },
        servers: [{ url: 'http://seatsync.test/api/v1' }],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer' },
            sessionCookie: { type: 'apiKey', in: 'cookie', name: 'seatsync_session' },
          },
        },
      });
    });

    it('documents every registered route once, under its OpenAPI path, and the console session beside them', () => {
      const operationIds = new Set<string>();
      for (const route of adminRoutes) {
        const operation = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
        expect(operation, `${route.method} ${route.path}`).toBeDefined();
        expect(operation?.operationId).toBe(route.operationId);
        expect(operation?.['x-roles']).toEqual(route.roles);
        operationIds.add(route.operationId);
      }
      expect(operationIds.size).toBe(adminRoutes.length);
      const documented = Object.values(doc.paths).flatMap((methods) => Object.keys(methods));
      // Sign-in, who is signed in, sign-out: outside the route definitions, since sign-in has no token yet.
      expect(Object.keys(doc.paths['/session'] ?? {})).toEqual(['post', 'get', 'delete']);
      expect(documented).toHaveLength(adminRoutes.length + 3);
    });

    it('resolves every $ref to a component', () => {
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(10);
      for (const ref of refs) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[ref!.split('/').pop()!], ref).toBeDefined();
      }
    });

    it('derives components from the zod schemas that validate requests', () => {
      const create = doc.components.schemas.CreateUserRequest!;
      expect(create.required).toEqual(['firstName', 'surname', 'email']);
      expect(create.properties?.email).toMatchObject({ type: 'string', format: 'email' });
      expect(create.properties?.sendOnboardingEmail).toMatchObject({ type: 'boolean', default: false });
      expect(create).toMatchObject({ additionalProperties: false });
      const update = doc.components.schemas.UpdateUserRequest!;
      expect(JSON.stringify(update.properties?.phoneNumbers)).toContain('^\\\\+[1-9]\\\\d{6,14}$');
      expect(doc.components.schemas.UserListItem?.properties?.status).toMatchObject({
        enum: ['active', 'suspended'],
      });
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining([
          'UserListItem',
          'UserDetails',
          'UserPage',
          'Problem',
          'FieldError',
          'BulkCreateUsersRequest',
          'BulkCreateUsersResponse',
        ]),
      );
    });

    it('documents parameters, request bodies and problem responses', () => {
      const list = doc.paths['/users']!.get!;
      const limit = list.parameters?.find((p) => p.name === 'limit');
      expect(limit).toMatchObject({
        in: 'query',
        required: false,
        schema: { type: 'integer', maximum: 200, default: 50 },
      });
      const update = doc.paths['/users/{id}']!.patch!;
      expect(update.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'id', in: 'path', required: true }),
          expect.objectContaining({ name: 'if-match', in: 'header', required: false }),
        ]),
      );
      expect(update.requestBody).toMatchObject({
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateUserRequest' } } },
      });
      expect(Object.keys(update.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '412', '500', '503']),
      );
      expect(JSON.stringify(update.responses['412'])).toContain('user.version_mismatch');
      // The provider's operator token may not read users; every role, the operator's too, reads the catalog.
      expect(Object.keys(doc.paths['/users/{id}']!.get!.responses)).toContain('403');
      expect(Object.keys(doc.paths['/catalog/tracks']!.get!.responses)).not.toContain('403');
    });
  });
});
