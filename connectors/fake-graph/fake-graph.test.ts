import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeGraph, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_TENANT_ID } from './fake-graph.js';
import type { FakeGraph } from './fake-graph.js';
import { generateDirectory } from './generate-directory.js';

const SCOPE = 'https://graph.microsoft.com/.default';

function tokenForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_id: FAKE_CLIENT_ID,
    client_secret: FAKE_CLIENT_SECRET,
    scope: SCOPE,
    ...overrides,
  };
}

async function token(fake: FakeGraph): Promise<string> {
  const res = await request(fake.app)
    .post(`/${FAKE_TENANT_ID}/oauth2/v2.0/token`)
    .type('form')
    .send(tokenForm());
  return String(res.body.access_token);
}

describe('fake identity platform', () => {
  it('issues a client-credentials token with expires_in and records the request', async () => {
    const fake = createFakeGraph();
    const res = await request(fake.app)
      .post('/contoso.onmicrosoft.com/oauth2/v2.0/token')
      .type('form')
      .send(tokenForm());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      access_token: expect.any(String),
    });
    expect(fake.tokens.tokenRequests).toEqual([
      expect.objectContaining({ clientId: FAKE_CLIENT_ID, outcome: 'issued' }),
    ]);
  });

  it.each([
    ['an unknown tenant', '/00000000-0000-4000-8000-000000000000', {}, 400, 'invalid_request', 90002],
    ['an unknown client', `/${FAKE_TENANT_ID}`, { client_id: 'nobody' }, 400, 'unauthorized_client', 700016],
    ['a wrong secret', `/${FAKE_TENANT_ID}`, { client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
    [
      'another grant type',
      `/${FAKE_TENANT_ID}`,
      { grant_type: 'password' },
      400,
      'unsupported_grant_type',
      70003,
    ],
    [
      'a scope without /.default',
      `/${FAKE_TENANT_ID}`,
      { scope: 'User.Read' },
      400,
      'invalid_scope',
      1002012,
    ],
  ])('answers %s in the Entra error shape', async (_name, tenantPath, overrides, status, error, code) => {
    const fake = createFakeGraph();
    const res = await request(fake.app)
      .post(`${tenantPath}/oauth2/v2.0/token`)
      .type('form')
      .send(tokenForm(overrides));
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      error,
      error_codes: [code],
      error_description: expect.stringMatching(new RegExp(`^AADSTS${code}: `)),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
    });
  });
});

describe('fake Graph', () => {
  let fake: FakeGraph;
  let bearer: string;

  beforeEach(async () => {
    fake = createFakeGraph({
      directory: generateDirectory({ users: 12, groups: 2, memberships: 10, seed: 5 }),
    });
    bearer = `Bearer ${await token(fake)}`;
  });

  it.each([
    ['no token', undefined, 'Access token is empty.'],
    ['an unknown token', 'Bearer forged', 'IDX14100'],
  ])('answers 401 InvalidAuthenticationToken for %s', async (_name, header, message) => {
    const req = request(fake.app).get('/v1.0/users/delta');
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: expect.stringContaining(message),
    });
  });

  it('answers 401 for an expired token', async () => {
    fake.tokens.expireAccessTokens();
    const res = await request(fake.app).get('/v1.0/users/delta').set('Authorization', bearer);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Lifetime validation failed/);
  });

  it('pages users delta with absolute https links and the selected properties', async () => {
    const first = await request(fake.app)
      .get('/v1.0/users/delta?$select=displayName,accountEnabled&$expand=manager')
      .set('Authorization', bearer)
      .set('Prefer', 'odata.maxpagesize=5');
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(5);
    expect(Object.keys(first.body.value[1]).sort()).toEqual([
      'accountEnabled',
      'displayName',
      'id',
      'manager@delta',
    ]);
    const next: string = first.body['@odata.nextLink'];
    expect(next).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/delta\?\$skiptoken=[\w-]+$/);

    const second = await request(fake.app)
      .get(next.replace('https://graph.microsoft.com', ''))
      .set('Authorization', bearer);
    expect(second.body.value).toHaveLength(5);
    expect(Object.keys(second.body.value[0])).toContain('displayName'); // the selection travels in the token
  });

  it('hands out a deltaLink without data for $deltatoken=latest', async () => {
    const res = await request(fake.app)
      .get('/v1.0/users/delta?$deltatoken=latest')
      .set('Authorization', bearer);
    expect(res.body.value).toEqual([]);
    expect(res.body['@odata.deltaLink']).toMatch(
      /^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/delta\?\$deltatoken=/,
    );
    fake.directory.addUser({ userPrincipalName: 'late@contoso.example' });
    const changes = await request(fake.app)
      .get(String(res.body['@odata.deltaLink']).replace('https://graph.microsoft.com', ''))
      .set('Authorization', bearer);
    expect(changes.body.value).toEqual([
      expect.objectContaining({ userPrincipalName: 'late@contoso.example' }),
    ]);
  });

  it('rejects a tampered state token with 400 and an expired one with 410 syncStateNotFound', async () => {
    const tampered = await request(fake.app)
      .get('/v1.0/users/delta?$skiptoken=garbage')
      .set('Authorization', bearer);
    expect(tampered.status).toBe(400);
    const first = await request(fake.app).get('/v1.0/groups/delta').set('Authorization', bearer);
    fake.expireDeltaTokens();
    const expired = await request(fake.app)
      .get(String(first.body['@odata.deltaLink']).replace('https://graph.microsoft.com', ''))
      .set('Authorization', bearer);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('syncStateNotFound');
  });

  it('denies a Graph call the app has no permission for', async () => {
    fake.tokens.setAppRoles(FAKE_CLIENT_ID, ['User.Read.All']);
    const users = await request(fake.app).get('/v1.0/users/delta').set('Authorization', bearer);
    const groups = await request(fake.app).get('/v1.0/groups/delta').set('Authorization', bearer);
    expect(users.status).toBe(200);
    expect(groups.status).toBe(403);
    expect(groups.body.error.code).toBe('Authorization_RequestDenied');
  });

  it('serves injected faults in order, for matching paths only', async () => {
    fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 0, match: '/groups/' });
    fake.faults.inject({ kind: 'status', status: 503, retryAfterSeconds: 2 });
    const users = await request(fake.app).get('/v1.0/users/delta').set('Authorization', bearer);
    expect(users.status).toBe(503);
    expect(users.headers['retry-after']).toBe('2');
    const groups = await request(fake.app).get('/v1.0/groups/delta').set('Authorization', bearer);
    expect(groups.status).toBe(429);
    expect(groups.headers['retry-after']).toBe('0');
    expect(groups.body.error.code).toBe('TooManyRequests');
    expect(fake.faults.pending).toBe(0);
    expect((await request(fake.app).get('/v1.0/groups/delta').set('Authorization', bearer)).status).toBe(200);
  });

  it('drops the connection when asked', async () => {
    fake.faults.inject({ kind: 'drop' });
    await expect(request(fake.app).get('/v1.0/users/delta').set('Authorization', bearer)).rejects.toThrow();
    expect(fake.requests.at(-1)?.status).toBe(0);
  });

  it('serves a user, their manager and group members', async () => {
    const id = fake.directory.userIdAt(3);
    const user = await request(fake.app)
      .get(`/v1.0/users/${id}?$select=mail,jobTitle`)
      .set('Authorization', bearer);
    expect(Object.keys(user.body).sort()).toEqual(['id', 'jobTitle', 'mail']);
    const manager = await request(fake.app).get(`/v1.0/users/${id}/manager`).set('Authorization', bearer);
    expect(manager.body.id).toBe(fake.directory.userIdAt(0));
    const groupId = fake.directory.groupIdAt(0);
    const members = await request(fake.app)
      .get(`/v1.0/groups/${groupId}/members`)
      .set('Authorization', bearer);
    expect(members.body.value.map((m: { id: string }) => m.id)).toEqual(fake.directory.groupMembers(groupId));
  });
});

describe('generateDirectory', () => {
  it('is deterministic for a seed and exact in its counts', () => {
    const a = generateDirectory({ users: 500, groups: 20, memberships: 1500, seed: 42 });
    const b = generateDirectory({ users: 500, groups: 20, memberships: 1500, seed: 42 });
    const c = generateDirectory({ users: 500, groups: 20, memberships: 1500, seed: 43 });
    expect(a.getUser(a.userIdAt(123))).toEqual(b.getUser(b.userIdAt(123)));
    expect(a.userIdAt(123)).not.toBe(c.userIdAt(123));
    expect(a.userCount).toBe(500);
    expect(a.groupCount).toBe(20);
    let memberships = 0;
    for (let g = 0; g < 20; g += 1) {
      const id = a.groupIdAt(g);
      memberships += a.groupMemberCount(id);
      expect(a.groupMembers(id)).toEqual(b.groupMembers(b.groupIdAt(g)));
    }
    expect(memberships).toBe(1500);
    expect(a.userIdAt(0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
