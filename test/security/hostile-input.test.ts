import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  USER_SCHEMA,
  buildTestApp,
  newUser,
  type TestApp,
} from '../helpers/test-app.js';

/**
 * Hostile input, as a table: each request answers a clear 4xx (never a 5xx) and stores nothing. Runs on the
 * embedded database (`npm test`) and on the server (`npm run test:pg`): PostgreSQL refuses NUL in text and
 * lone surrogates in jsonb, so both must be refused before they reach it.
 */
let t: TestApp;
let userId: string;
let groupId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const user = await t.scim.post('/Users', newUser('hostile-target@example.com'));
  userId = user.body.id as string;
  const group = await t.scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Hostile target' });
  groupId = group.body.id as string;
});
afterAll(async () => {
  await t?.close();
});

const NUL = '\u0000';
const deep = (depth: number) =>
  `{"schemas":["${USER_SCHEMA}"],"userName":"deep@example.com","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const long = (n: number) => 'a'.repeat(n);

interface Case {
  name: string;
  send: () => supertest.Test;
  status: number;
  /** SCIM `scimType` or admin problem `code`. */
  type?: string;
}

const scimJson = (method: 'post' | 'put' | 'patch', path: string, raw: string) =>
  supertest(t.app)
    [method](`/scim/v2${path}`)
    .set({ Authorization: `Bearer ${t.tenant.scimToken}`, 'Content-Type': 'application/scim+json' })
    .send(raw);
const adminJson = (method: 'post' | 'patch', path: string, raw: string) =>
  supertest(t.app)
    [method](`/api/v1${path}`)
    .set({ Authorization: `Bearer ${t.tenant.adminToken}`, 'Content-Type': 'application/json' })
    .send(raw);

const cases: Case[] = [
  // NUL anywhere
  {
    name: 'NUL in a filter literal',
    send: () => t.scim.get(`/Users?filter=${encodeURIComponent(`userName eq "a${NUL}b"`)}`),
    status: 400,
    type: 'invalidFilter',
  },
  {
    name: 'NUL in a .search filter',
    send: () => t.scim.post('/Users/.search', { filter: `userName eq "a${NUL}"` }),
    status: 400,
    type: 'invalidFilter',
  },
  {
    name: 'NUL in userName',
    send: () => t.scim.post('/Users', newUser(`hostile${NUL}@example.com`)),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'NUL in a nested value',
    send: () =>
      t.scim.post('/Users', newUser('hostile-nul2@example.com', { name: { givenName: `A${NUL}` } })),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'NUL in an unknown key',
    send: () => t.scim.post('/Users', newUser('hostile-nul3@example.com', { [`x${NUL}`]: 1 })),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'NUL in a group displayName',
    send: () => t.scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: `G${NUL}` }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'NUL in a PATCH value',
    send: () => t.scim.patchOps(`/Users/${userId}`, { op: 'replace', path: 'title', value: `T${NUL}` }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'NUL in a PATCH path',
    send: () => t.scim.patchOps(`/Users/${userId}`, { op: 'replace', path: `title${NUL}`, value: 'x' }),
    status: 400,
  },
  { name: 'NUL in a SCIM path segment', send: () => t.scim.get('/Users/abc%00def'), status: 400 },
  { name: 'NUL in a SCIM query parameter', send: () => t.scim.get('/Users?sortBy=userName%00'), status: 400 },
  {
    name: 'NUL in attributes',
    send: () => t.scim.get(`/Users/${userId}?attributes=userName%00`),
    status: 400,
  },
  {
    name: 'NUL in an admin body',
    send: () =>
      t.admin.post('/users', { firstName: `A${NUL}`, surname: 'B', email: 'hostile-admin@example.com' }),
    status: 400,
    type: 'validation.failed',
  },
  {
    name: 'NUL in an admin path segment',
    send: () => t.admin.get('/users/abc%00'),
    status: 400,
    type: 'validation.failed',
  },
  {
    name: 'NUL in an admin query',
    send: () => t.admin.get('/users?q=a%00b'),
    status: 400,
    type: 'validation.failed',
  },
  {
    name: 'NUL in an admin rule filter',
    send: () =>
      t.admin.post('/rules/preview', {
        change: { op: 'create', groupId, product: 'basic', filter: `country eq "S${NUL}"` },
      }),
    status: 400,
    type: 'validation.failed',
  },
  // Lone surrogates and depth
  {
    name: 'a lone high surrogate in a SCIM body',
    send: () =>
      scimJson(
        'post',
        '/Users',
        `{"schemas":["${USER_SCHEMA}"],"userName":"hostile-sur\\ud800@example.com"}`,
      ),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'a lone low surrogate in a key',
    send: () =>
      scimJson(
        'post',
        '/Users',
        `{"schemas":["${USER_SCHEMA}"],"userName":"hostile-sur2@example.com","\\udc00":1}`,
      ),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'a lone surrogate in an admin body',
    send: () =>
      adminJson('post', '/users', '{"firstName":"\\udbff","surname":"B","email":"hostile-sur3@example.com"}'),
    status: 400,
    type: 'validation.failed',
  },
  {
    name: 'JSON nested 5,000 deep (SCIM)',
    send: () => scimJson('post', '/Users', deep(5000)),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'JSON nested 100,000 deep (SCIM)',
    send: () => scimJson('post', '/Users', deep(100_000)),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'JSON nested 5,000 deep (admin)',
    send: () => adminJson('post', '/users', `{"firstName":${'['.repeat(5000)}${']'.repeat(5000)}}`),
    status: 400,
    type: 'validation.failed',
  },
  {
    name: 'JSON nested 5,000 deep in a PATCH value',
    send: () =>
      scimJson(
        'patch',
        `/Users/${userId}`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","value":${deep(5000)}}]}`,
      ),
    status: 400,
    type: 'invalidValue',
  },
  // Over-long indexed texts
  {
    name: 'userName over 255 characters',
    send: () => t.scim.post('/Users', newUser(`${long(300)}@example.com`)),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'userName of 3,000 characters',
    send: () => t.scim.post('/Users', newUser(`${long(3000)}@example.com`)),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'externalId of 3,000 characters',
    send: () => t.scim.post('/Users', newUser('hostile-ext@example.com', { externalId: long(3000) })),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'an e-mail of 3,000 characters',
    send: () =>
      t.scim.post(
        '/Users',
        newUser('hostile-mail@example.com', {
          emails: [{ value: `${long(3000)}@example.com`, type: 'work' }],
        }),
      ),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'group displayName of 3,000 characters',
    send: () => t.scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: long(3000) }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'group externalId of 3,000 characters',
    send: () =>
      t.scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Long ext', externalId: long(3000) }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'PATCH userName to 3,000 characters',
    send: () => t.scim.patchOps(`/Users/${userId}`, { op: 'replace', path: 'userName', value: long(3000) }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'PATCH group displayName to 3,000 characters',
    send: () =>
      t.scim.patchOps(`/Groups/${groupId}`, { op: 'replace', path: 'displayName', value: long(3000) }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'a filter literal of 3,000 characters',
    send: () => t.scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${long(3000)}"`)}`),
    status: 200,
  },
  // Paging beyond 64-bit
  {
    name: 'startIndex beyond 64-bit',
    send: () => t.scim.get('/Users?startIndex=99999999999999999999999'),
    status: 200,
  },
  {
    name: 'count beyond 64-bit',
    send: () => t.scim.get('/Users?count=99999999999999999999999'),
    status: 200,
  },
  {
    name: 'startIndex 1e400',
    send: () => t.scim.get('/Users?startIndex=1e400'),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'startIndex beyond 64-bit in .search',
    send: () => t.scim.post('/Groups/.search', { startIndex: 1e30, count: 1e30 }),
    status: 200,
  },
  // Schemas
  {
    name: 'POST /Users with only the Group schema',
    send: () =>
      t.scim.post('/Users', {
        schemas: [GROUP_SCHEMA],
        userName: 'hostile-schema@example.com',
        displayName: 'x',
      }),
    status: 400,
    type: 'invalidSyntax',
  },
  {
    name: 'POST /Groups with only the User schema',
    send: () => t.scim.post('/Groups', { schemas: [USER_SCHEMA], displayName: 'Hostile schema group' }),
    status: 400,
    type: 'invalidSyntax',
  },
  {
    name: 'PUT /Users with only the Group schema',
    send: () =>
      t.scim.put(`/Users/${userId}`, { schemas: [GROUP_SCHEMA], userName: 'hostile-target@example.com' }),
    status: 400,
    type: 'invalidSyntax',
  },
  // PATCH remove with a malformed value filter
  {
    name: 'remove emails[(value eq "x"]',
    send: () => t.scim.patchOps(`/Users/${userId}`, { op: 'remove', path: 'emails[(value eq "x"]' }),
    status: 400,
    type: 'invalidFilter',
  },
  {
    name: 'remove emails[]',
    send: () => t.scim.patchOps(`/Users/${userId}`, { op: 'remove', path: 'emails[]' }),
    status: 400,
    type: 'invalidFilter',
  },
  {
    name: 'remove members[value eq ]',
    send: () => t.scim.patchOps(`/Groups/${groupId}`, { op: 'remove', path: 'members[value eq ]' }),
    status: 400,
    type: 'invalidFilter',
  },
  // An extension value carrying `schemas`
  {
    name: 'PATCH an extension URN value carrying a schemas string',
    send: () =>
      t.scim.patchOps(`/Users/${userId}`, {
        op: 'add',
        path: ENTERPRISE,
        value: { department: { schemas: [ENTERPRISE] } },
      }),
    status: 400,
    type: 'invalidValue',
  },
  {
    name: 'PATCH a path-less value carrying a schemas string',
    send: () => t.scim.patchOps(`/Users/${userId}`, { op: 'add', value: { schemas: 'nonsense' } }),
    status: 400,
  },
];

describe('hostile input answers a clear 4xx and stores nothing', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await c.send();
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    if (c.type) expect(res.body.scimType ?? res.body.code).toBe(c.type);
    // Never a JavaScript error message in the answer.
    expect(JSON.stringify(res.body)).not.toMatch(
      /TypeError|Cannot read|is not a function|undefined \(reading|RangeError|stack/,
    );
  });

  it('stored nothing: the target user and group are unchanged and no other user or group exists', async () => {
    const users = await t.scim.get('/Users');
    expect(users.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([
      'hostile-target@example.com',
    ]);
    expect(users.body.Resources[0]).toMatchObject({ meta: { version: 'W/"1"' } });
    const groups = await t.scim.get('/Groups');
    expect(groups.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Hostile target',
    ]);
    const admins = await t.admin.get('/users');
    expect(admins.body.items).toHaveLength(1);
  });
});

describe('the raw IdP payload is kept bounded', () => {
  const rawOf = async (id: string) =>
    (await t.container.database.knex('users').where({ id }).first('raw')) as { raw: unknown };

  it('keeps an ordinary payload verbatim', async () => {
    const body = newUser('raw-small@example.com', { unknownKey: { nested: ['a'] } });
    const res = await t.scim.post('/Users', body);
    expect(res.status).toBe(201);
    expect((await rawOf(res.body.id)).raw).toEqual(body);
    await t.scim.delete(`/Users/${res.body.id}`);
  });

  it.each([
    [
      '3,000 unknown keys (about 300 KB)',
      Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, 'x'.repeat(90)])),
    ],
    [
      'unknown values nested 20 deep',
      { deep: JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`) as unknown },
    ],
  ])('replaces %s by a note of what was dropped', async (_name, extra) => {
    const res = await t.scim.post(
      '/Users',
      newUser(`raw-${Math.random().toString(36).slice(2)}@example.com`, extra),
    );
    expect(res.status).toBe(201);
    const { raw } = await rawOf(res.body.id);
    expect(Buffer.byteLength(JSON.stringify(raw))).toBeLessThan(1024);
    expect(raw).toMatchObject({ $dropped: { reason: expect.any(String), bytes: expect.any(Number) } });
    await t.scim.delete(`/Users/${res.body.id}`);
  });
});

describe('what identity providers send that must be accepted', () => {
  it('roles[] and x509Certificates[] with any type (an empty canonical list means any)', async () => {
    const res = await t.scim.post(
      '/Users',
      newUser('typed-roles@example.com', {
        roles: [{ value: 'agent', type: 'telephony', primary: true }],
        x509Certificates: [{ value: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', type: 'signing' }],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const read = await t.scim.get(`/Users/${res.body.id}`);
    expect(read.body.roles).toEqual([expect.objectContaining({ value: 'agent', type: 'telephony' })]);
    expect(read.body.x509Certificates).toEqual([expect.objectContaining({ type: 'signing' })]);
    const patched = await t.scim.patchOps(`/Users/${res.body.id}`, {
      op: 'add',
      path: 'roles',
      value: [{ value: 'supervisor', type: 'contact-centre' }],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(204);
    await t.scim.delete(`/Users/${res.body.id}`);
  });

  it("Entra's legacy Add on path manager with an array value", async () => {
    const manager = await t.scim.post('/Users', newUser('legacy-manager@example.com'));
    const report = await t.scim.post('/Users', newUser('legacy-report@example.com'));
    const res = await t.scim.patchOps(`/Users/${report.body.id}`, {
      op: 'Add',
      path: 'manager',
      value: [{ value: manager.body.id }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const read = await t.scim.get(`/Users/${report.body.id}`);
    expect(read.body[ENTERPRISE]).toMatchObject({ manager: { value: manager.body.id } });
    await t.scim.delete(`/Users/${report.body.id}`);
    await t.scim.delete(`/Users/${manager.body.id}`);
  });
});
