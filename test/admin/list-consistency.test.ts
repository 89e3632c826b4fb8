import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../src/http/admin/admin-routes.js';
import { buildTestApp, issueAdminToken, type TestApp } from '../helpers/test-app.js';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('lists: parameters, cursors and headers are the same everywhere', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    for (const name of ['ada', 'grace', 'edsger']) {
      const res = await t.admin.post('/users', {
        firstName: name,
        surname: 'Test',
        email: `${name}@example.com`,
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it.each([
    ['/assignments?user=x', 'user'],
    ['/assignments?userid=x', 'userid'],
    ['/users?filter=active', 'filter'],
    ['/catalog/tracks?limit=5', 'limit'],
    ['/users?limit=2&sort=name', 'sort'],
  ])('refuses an unknown query parameter: GET %s', async (path, field) => {
    const res = await t.admin.get(path);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors).toContainEqual({
      in: 'query',
      field,
      path: [field],
      message: expect.stringMatching(/^is not a parameter of this endpoint/),
    });
  });

  it('every route refuses an unknown query parameter with a problem naming it, and writes nothing', async () => {
    const operatorToken = await issueAdminToken(t.container, t.tenant.tenantId, 'operator');
    const eventsBefore = await t.container.database.knex('events').count<{ count: string }[]>({ count: '*' });
    for (const route of adminRoutes) {
      // The catalog's edits are the operator's; every other route takes the owner.
      const token = route.roles.includes('owner') ? t.tenant.adminToken : operatorToken;
      const path = `/api/v1${route.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'key' ? 'voice' : crypto.randomUUID()))}`;
      const res = await supertest(t.app)
        [route.method](path)
        .query({ bogus: '1' })
        .set('Authorization', `Bearer ${token}`);
      const where = `${route.method.toUpperCase()} ${route.path}`;
      expect(res.status, where).toBe(400);
      expect(res.headers['content-type'], where).toMatch(PROBLEM_JSON);
      expect(res.body, where).toMatchObject({ code: 'validation.failed', title: 'The request is not valid' });
      expect(res.body.errors, where).toContainEqual(expect.objectContaining({ in: 'query', field: 'bogus' }));
    }
    const eventsAfter = await t.container.database.knex('events').count<{ count: string }[]>({ count: '*' });
    expect(eventsAfter).toEqual(eventsBefore);
  });

  it('pages with a cursor bound to the list that issued it', async () => {
    const first = await t.admin.get('/users?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));

    const second = await t.admin.get(`/users?limit=2&cursor=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items.map((u: { userName: string }) => u.userName)).toEqual(['edsger@example.com']);
    expect(second.body.nextCursor).toBeNull();

    for (const other of ['/purchases', '/port-orders', '/rules', '/assignments', '/numbers']) {
      const res = await t.admin.get(`${other}?cursor=${cursor}`);
      expect(res.status, other).toBe(400);
      expect(res.body.errors, other).toEqual([
        {
          in: 'query',
          field: 'cursor',
          path: ['cursor'],
          message: 'is a cursor of another list (listUsers); pass it to that list only',
        },
      ]);
    }
  });

  it.each([
    'garbage',
    Buffer.from('["listUsers",5]').toString('base64url'),
    Buffer.from('{}').toString('base64url'),
  ])('refuses a cursor this API did not issue: %s', async (cursor) => {
    const res = await t.admin.get(`/users?cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      in: 'query',
      field: 'cursor',
      path: ['cursor'],
      message: 'is not a cursor this API returned',
    });
  });

  it('lists assignments by effective date, of one user with userId, a page at a time', async () => {
    const users = (await t.admin.get('/users')).body.items.map((u: { id: string }) => u.id) as string[];
    const bought = await t.admin.post('/purchases', {
      product: 'cc-pro',
      quantity: 10,
      bindingMonths: 12,
      termsAccepted: true,
    });
    expect(bought.status).toBe(201);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    // Scheduled out of order: the list shows them by date.
    for (const [user, days] of [
      [users[0], 30],
      [users[1], 10],
      [users[2], 20],
    ] as const) {
      const res = await t.admin.post('/assignments', {
        userIds: [user],
        product: 'cc-pro',
        effectiveAt: day(days),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.admin.get(
        `/assignments?state=scheduled&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      pages.push(...res.body.items.map((a: { userId: string }) => a.userId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([users[1], users[2], users[0]]);

    const ofOne = await t.admin.get(`/assignments?userId=${users[2]}`);
    expect(ofOne.body.items.map((a: { userId: string }) => a.userId)).toEqual([users[2]]);
    const bad = await t.admin.get('/assignments?userId=nobody');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ in: 'query', field: 'userId' });
  });

  it('finds users by department and by phone number with q', async () => {
    const created = await t.admin.post('/users', {
      firstName: 'Barbara',
      surname: 'Liskov',
      email: 'barbara@example.com',
      department: 'Programming Methodology',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // A phone number is the tenant's pool number assigned to the user (typed numbers are refused as not owned).
    const acquired = await t.admin.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 });
    expect(acquired.status, JSON.stringify(acquired.body)).toBe(201);
    const e164: string = acquired.body.items[0].e164;
    const assigned = await t.admin.post(`/numbers/${acquired.body.items[0].id}/assign`, {
      userId: created.body.id,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const found = async (q: string) =>
      (await t.admin.get(`/users?q=${encodeURIComponent(q)}`)).body.items.map(
        (u: { userName: string }) => u.userName,
      );
    const digits = e164.slice(1);
    expect(await found('methodology')).toEqual(['barbara@example.com']);
    expect(
      await found(`+${digits.slice(0, 2)} ${digits.slice(2, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`),
    ).toEqual(['barbara@example.com']);
    expect(await found(digits.slice(-8))).toEqual(['barbara@example.com']);
    expect(await found('+47 8 123')).toEqual([]);
    expect(await found('ada')).toEqual(['ada@example.com']);
  });

  it('documents the ETag and Location headers of the routes that send them', async () => {
    const doc = (await t.admin.get('/openapi.json')).body;
    const created = doc.paths['/users'].post.responses['201'];
    expect(Object.keys(created.headers)).toEqual(['ETag', 'Location']);
    expect(doc.paths['/users/{id}'].get.responses['200'].headers.ETag.description).toMatch(/If-Match/);
    const res = await t.admin.get('/users?limit=1');
    const user = await t.admin.get(`/users/${res.body.items[0].id}`);
    expect(user.headers.etag).toMatch(/^W\/"\d+"$/);
  });
});
