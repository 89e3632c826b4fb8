import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createTenant, revokeToken, type NewTenant } from '../../src/operator.js';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  USER_SCHEMA,
  buildTestApp,
  newUser,
  scimClient,
  type ScimClient,
  type TestApp,
} from '../helpers/test-app.js';
import { SEATSYNC, createUser, expectScimError, filterQuery } from '../helpers/scim-expect.js';

describe('SCIM authentication, tenancy, rate limits and discovery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  describe('requests without a valid SCIM token → 401 with a SCIM error body and WWW-Authenticate', () => {
    const cases: Array<[name: string, header: () => string | undefined]> = [
      ['no Authorization header', () => undefined],
      ['an empty bearer', () => 'Bearer '],
      ['Basic credentials', () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
      ['the token without "Bearer"', () => t.tenant.scimToken],
      ['an unknown token', () => 'Bearer sst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ['a token with the wrong prefix', () => 'Bearer abc.def.ghi'],
      ['a truncated real token', () => `Bearer ${t.tenant.scimToken.slice(0, -1)}`],
      ['an admin token', () => `Bearer ${t.tenant.adminToken}`],
    ];
    const requests: Array<[method: 'get' | 'post' | 'patch' | 'delete', path: string]> = [
      ['get', '/Users'],
      ['post', '/Users'],
      ['patch', '/Users/00000000-0000-4000-8000-000000000000'],
      ['delete', '/Groups/00000000-0000-4000-8000-000000000000'],
      ['get', '/ServiceProviderConfig'],
    ];
    it.each(cases)('%s', async (_name, header) => {
      for (const [method, path] of requests) {
        let req = supertest(t.app)[method](`/scim/v2${path}`);
        const value = header();
        if (value !== undefined) req = req.set('Authorization', value);
        const res =
          method === 'get' || method === 'delete' ? await req : await req.send(newUser('unauth@x.com'));
        expectScimError(res, 401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
      // Nothing was created by the refused POSTs.
      expect(
        (await t.scim.get(`/Users?${filterQuery('userName eq "unauth@x.com"')}`)).body.totalResults,
      ).toBe(0);
    });
  });

  it('a revoked token is refused at once (401), even though it was just cached', async () => {
    const issued = await t.container.transaction((s) =>
      s.tokens.issue(t.tenant.tenantId, 'scim', null, { type: 'cli' }),
    );
    const client = scimClient(t.app, issued.token);
    expect((await client.get('/Users')).status).toBe(200);
    await revokeToken(t.container, issued.id);
    const res = await client.get('/Users');
    expectScimError(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
    // The tenant's other token is unaffected.
    expect((await t.scim.get('/Users')).status).toBe(200);
  });

  it('revoking a token of one tenant does not touch another tenant', async () => {
    const b = await createTenant(t.container, `b-revoke-${Date.now()}`);
    const issued = await t.container.transaction((s) =>
      s.tokens.issue(t.tenant.tenantId, 'scim', null, { type: 'cli' }),
    );
    await revokeToken(t.container, issued.id);
    expect((await scimClient(t.app, b.scimToken).get('/Users')).status).toBe(200);
  });

  describe('tenant isolation', () => {
    let b: NewTenant;
    let bScim: ScimClient;
    let aUser = '';
    let aGroup = '';
    beforeAll(async () => {
      b = await createTenant(t.container, `b-${Math.random().toString(36).slice(2, 10)}`);
      bScim = scimClient(t.app, b.scimToken);
      aUser = await createUser(
        t.scim,
        newUser('shared-name@tenancy.test', { [ENTERPRISE]: { department: 'A only' } }),
      );
      const group = await t.scim.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'A group',
        members: [{ value: aUser }],
      });
      aGroup = group.body.id as string;
    });

    it("tenant B gets 404 for tenant A's user and group ids, for every method", async () => {
      expectScimError(await bScim.get(`/Users/${aUser}`), 404);
      expectScimError(
        await bScim.put(`/Users/${aUser}`, newUser('shared-name@tenancy.test', { title: 'hijacked' })),
        404,
      );
      expectScimError(
        await bScim.patchOps(`/Users/${aUser}`, { op: 'replace', path: 'active', value: false }),
        404,
      );
      expectScimError(await bScim.delete(`/Users/${aUser}`), 404);
      expectScimError(await bScim.get(`/Groups/${aGroup}`), 404);
      expectScimError(await bScim.patchOps(`/Groups/${aGroup}`, { op: 'remove', path: 'members' }), 404);
      expectScimError(
        await bScim.put(`/Groups/${aGroup}`, { schemas: [GROUP_SCHEMA], displayName: 'hijacked' }),
        404,
      );
      expectScimError(await bScim.delete(`/Groups/${aGroup}`), 404);
      // A's resources are untouched.
      const user = await t.scim.get(`/Users/${aUser}`);
      expect(user.body).toMatchObject({ active: true, meta: { version: 'W/"1"' } });
      expect(user.body.title).toBeUndefined();
      const group = await t.scim.get(`/Groups/${aGroup}`);
      expect(group.body).toMatchObject({ displayName: 'A group', members: [{ value: aUser }] });
    });

    it("tenant B's lists and filters do not see tenant A's users or groups", async () => {
      const queries = [
        '/Users',
        `/Users?${filterQuery('userName eq "shared-name@tenancy.test"')}`,
        `/Users?${filterQuery(`id eq "${aUser}"`)}`,
        `/Users?${filterQuery('department eq "A only"')}`,
        '/Groups',
        `/Groups?${filterQuery(`members eq "${aUser}"`)}`,
        `/Groups?${filterQuery('displayName eq "A group"')}`,
      ];
      for (const query of queries) {
        const res = await bScim.get(query);
        expect({ query, status: res.status, total: res.body.totalResults }).toEqual({
          query,
          status: 200,
          total: 0,
        });
      }
      const search = await bScim.post('/Users/.search', { filter: `id eq "${aUser}"` });
      expect(search.body.totalResults).toBe(0);
    });

    it("tenant B can use the same userName and group name; it cannot add A's users to its groups", async () => {
      const own = await bScim.post('/Users', newUser('SHARED-NAME@tenancy.test'));
      expect(own.status).toBe(201);
      expect((await bScim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'A group' })).status).toBe(
        201,
      );
      expectScimError(
        await bScim.post('/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName: 'B stealing',
          members: [{ value: aUser }],
        }),
        400,
      );
      // Each tenant still sees exactly its own user of that name.
      for (const [client, expected] of [
        [t.scim, aUser],
        [bScim, own.body.id],
      ] as const) {
        const res = await client.get(`/Users?${filterQuery('userName eq "shared-name@tenancy.test"')}`);
        expect(res.body.Resources.map((r: { id: string }) => r.id)).toEqual([expected]);
      }
    });
  });

  describe('rate limit per token', () => {
    it('answers 429 with Retry-After on the third request (burst 2); other tokens are not limited', async () => {
      // The same database and services, with a rate-limited app in front (the limiter lives in the app). One
      // request per 20 s rather than per second, so a slow machine cannot refill the bucket between requests.
      const limited = createApp({
        ...t.container,
        config: { ...t.container.config, RATE_LIMIT_PER_SECOND: 0.05, RATE_LIMIT_BURST: 2 },
      });
      const client = scimClient(limited, t.tenant.scimToken);
      expect((await client.get('/Users?count=0')).status).toBe(200);
      expect((await client.get('/Users?count=0')).status).toBe(200);
      const third = await client.get('/Users?count=0');
      expectScimError(third, 429);
      const retryAfter = Number(third.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(20);
      // Writes are limited too, and a refused write writes nothing.
      const post = await client.post('/Users', newUser('throttled@x.com'));
      expectScimError(post, 429);
      expect(
        (await t.scim.get(`/Users?${filterQuery('userName eq "throttled@x.com"')}`)).body.totalResults,
      ).toBe(0);
      // Another token has its own bucket.
      const other = await createTenant(t.container, `rate-${Math.random().toString(36).slice(2, 10)}`);
      expect((await scimClient(limited, other.scimToken).get('/Users?count=0')).status).toBe(200);
    });
  });

  describe('discovery', () => {
    it('/ServiceProviderConfig: patch, filter, sort, etag supported; bulk and changePassword not', async () => {
      const res = await t.scim.get('/ServiceProviderConfig');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        filter: { supported: true, maxResults: expect.any(Number) },
        sort: { supported: true },
        etag: { supported: true },
        bulk: { supported: false },
        changePassword: { supported: false },
      });
      expect(res.body.authenticationSchemes).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'oauthbearertoken' })]),
      );
    });

    it('/Schemas lists core User and Group, the enterprise and the seatsync extension', async () => {
      const res = await t.scim.get('/Schemas');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      const ids = (res.body.Resources as Array<{ id: string }>).map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE, SEATSYNC]));
      const seatsync = (
        res.body.Resources as Array<{ id: string; attributes: Array<{ name: string }> }>
      ).find((s) => s.id === SEATSYNC);
      expect(seatsync?.attributes.map((a) => a.name)).toEqual(
        expect.arrayContaining(['country', 'emergencyAddress']),
      );
      const one = await t.scim.get(`/Schemas/${ENTERPRISE}`);
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(ENTERPRISE);
    });

    it('/ResourceTypes lists User (with both extensions) and Group', async () => {
      const res = await t.scim.get('/ResourceTypes');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      const types = res.body.Resources as Array<{
        name: string;
        endpoint: string;
        schema: string;
        schemaExtensions?: Array<{ schema: string }>;
      }>;
      const user = types.find((r) => r.name === 'User');
      expect(user).toMatchObject({ endpoint: '/Users', schema: USER_SCHEMA });
      expect(user?.schemaExtensions?.map((e) => e.schema)).toEqual(
        expect.arrayContaining([ENTERPRISE, SEATSYNC]),
      );
      expect(types.find((r) => r.name === 'Group')).toMatchObject({
        endpoint: '/Groups',
        schema: GROUP_SCHEMA,
      });
    });

    it('an unknown SCIM endpoint → 404 SCIM error; cross-type /.search → 400', async () => {
      expectScimError(await t.scim.get('/Nope'), 404);
      expectScimError(await t.scim.post('/.search', { filter: 'userName pr' }), 400);
    });

    it('responses are application/scim+json whatever the request sent (application/json, none)', async () => {
      const res = await supertest(t.app)
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${t.tenant.scimToken}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(newUser('plain-json@x.com')));
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    });
  });
});
