import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/operator.js';
import {
  adminClient,
  buildTestApp,
  issueAdminToken,
  type AdminClient,
  type TestApp,
} from '../helpers/test-app.js';

// One database for the file; every scenario that counts seats or numbers takes a tenant of its own.
const PROBLEM_JSON = /^application\/problem\+json/;
const NEEDS_LICENSE_WRITER = 'This needs the owner or license_admin role; your token has read_only';
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** A tenant of its own, with its owner's client and a few helpers over HTTP. */
async function tenant() {
  counter += 1;
  const created = await createTenant(t.container, `licensing-api-${counter}-${Date.now()}`);
  const api = adminClient(t.app, created.adminToken);
  // The catalog is the provider's: an operator token edits it.
  const operator = adminClient(t.app, await issueAdminToken(t.container, created.tenantId, 'operator'));
  const ok = async (res: supertest.Test | Promise<supertest.Response>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  return {
    tenantId: created.tenantId,
    api,
    operator,
    ok,
    user: async (name: string, extra: Record<string, unknown> = {}) =>
      (
        await ok(
          api.post('/users', {
            firstName: name,
            surname: 'Tester',
            email: `${name}-${counter}@example.com`,
            country: 'SE',
            ...extra,
          }),
          201,
        )
      ).id as string,
    buy: (product: string, quantity: number) =>
      ok(api.post('/purchases', { product, quantity, bindingMonths: 12, termsAccepted: true }), 201),
    assign: (body: Record<string, unknown>) => api.post('/assignments', body),
  };
}

describe('admin workflow of the seeds, end to end over HTTP', () => {
  it('create user → buy seats → assign Business Mobile with pool numbers → user details show license and numbers', async () => {
    const { api, ok, user, buy } = await tenant();
    const ada = await user('ada');
    const order = await buy('business-mobile', 5);
    expect(order).toMatchObject({
      productKey: 'business-mobile',
      quantity: 5,
      bindingMonths: 12,
      endsAt: null,
    });
    expect(order.termsAcceptedBy).toMatch(/^token:[0-9a-f-]{36}$/);
    for (const kind of ['fixed', 'mobile']) {
      const acquired = await ok(api.post('/numbers/acquire', { country: 'se', kind, quantity: 2 }), 201);
      expect(acquired.items).toHaveLength(2);
    }

    const assigned = await ok(
      api.post('/assignments', {
        userIds: [ada],
        product: 'business-mobile',
        numbers: { pickFromPool: true },
      }),
      201,
    );
    expect(assigned.results).toHaveLength(1);
    expect(assigned.results[0]).toMatchObject({
      assignment: { userId: ada, product: 'business-mobile', track: 'voice', state: 'active' },
      conflicts: [],
    });
    expect(assigned.results[0].assignment.grants).toMatchObject([{ kind: 'direct', ruleId: null }]);

    const details = await ok(api.get(`/users/${ada}`));
    expect(details.licenses.assignments).toMatchObject([
      { product: 'business-mobile', state: 'active', conflicts: [] },
    ]);
    expect(
      details.licenses.numbers.map((n: { kind: string; status: string }) => [n.kind, n.status]).sort(),
    ).toEqual([
      ['fixed', 'assigned'],
      ['mobile', 'assigned'],
    ]);
    expect(details.licenses.conflicts).toEqual([]);
    // The numbers are in the contact details too, under the types an address book shows.
    const byType = Object.fromEntries(
      details.phoneNumbers.map((p: { type: string; value: string }) => [p.type, p.value]),
    );
    expect(byType.work).toMatch(/^\+46812/);
    expect(byType.mobile).toMatch(/^\+46701/);

    const inventory = await ok(api.get('/inventory?product=business-mobile'));
    expect(inventory.items).toEqual([
      expect.objectContaining({
        productKey: 'business-mobile',
        purchased: 5,
        held: 1,
        active: 1,
        availableNow: 4,
      }),
    ]);
  });

  it('reports Unlimited 5G without a Voice license as a conflict, now (blocked) and on a date (scheduled)', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('unlimited-5g', 5);
    const [now, later] = [await user('now'), await user('later')];

    const blocked = await ok(api.post('/assignments', { userIds: [now], product: 'unlimited-5g' }), 201);
    expect(blocked.results[0].assignment).toMatchObject({
      state: 'blocked',
      blockedReasons: ['requirement_unmet:active_license_in_track'],
    });
    expect(blocked.results[0].conflicts).toEqual([
      expect.objectContaining({
        reason: 'requirement_unmet:active_license_in_track',
        message: 'Unlimited 5G needs an active license in the Voice track',
        requirement: { kind: 'active_license_in_track', track: 'voice' },
      }),
    ]);

    const scheduled = await ok(
      api.post('/assignments', { userIds: [later], product: 'unlimited-5g', effectiveAt: inDays(7) }),
      201,
    );
    expect(scheduled.results[0].assignment.state).toBe('scheduled');
    expect(scheduled.results[0].conflicts.map((c: { reason: string }) => c.reason)).toEqual([
      'requirement_unmet:active_license_in_track',
    ]);

    const details = await ok(api.get(`/users/${now}`));
    expect(details.licenses.assignments).toMatchObject([
      {
        product: 'unlimited-5g',
        state: 'blocked',
        conflicts: [{ reason: 'requirement_unmet:active_license_in_track' }],
      },
    ]);
    expect(details.licenses.conflicts).toEqual([
      expect.objectContaining({
        assignmentId: blocked.results[0].assignment.id,
        product: 'unlimited-5g',
        message: 'Unlimited 5G needs an active license in the Voice track',
      }),
    ]);
  });

  it('removes a license only with confirmDataLoss: 422 without, removal_scheduled with a date, and keeps the history', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 1);
    const ada = await user('ada');
    const id = (await ok(api.post('/assignments', { userIds: [ada], product: 'cc-pro' }), 201)).results[0]
      .assignment.id;

    for (const body of [{}, { confirmDataLoss: false }]) {
      const refused = await api.post(`/assignments/${id}/remove`, body);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(refused.body).toMatchObject({
        code: 'confirmation.required',
        title: 'This needs explicit confirmation',
      });
      expect(refused.body.detail).toMatch(/call history.*voicemail.*confirmDataLoss: true/);
    }
    expect((await ok(api.get(`/assignments/${id}`))).state).toBe('active');

    const at = inDays(3);
    const removed = await ok(api.post(`/assignments/${id}/remove`, { confirmDataLoss: true, at }));
    expect(removed).toMatchObject({ state: 'removal_scheduled', removalAt: at, removalCause: 'admin' });

    const detail = await ok(api.get(`/assignments/${id}`));
    expect(detail.history.map((e: { action: string }) => e.action)).toEqual([
      'assignment.scheduled',
      'assignment.activated',
      'assignment.removal_scheduled',
    ]);
    expect(detail.history[0]).toMatchObject({ actorType: 'token', after: { grant: { kind: 'direct' } } });
    // The seat stays held until grace ends.
    expect((await ok(api.get('/inventory?product=cc-pro'))).items[0]).toMatchObject({
      held: 1,
      removalScheduled: 1,
    });
  });
});

describe('roles', () => {
  let readOnly: AdminClient;
  let licenseAdmin: AdminClient;
  let ctx: Awaited<ReturnType<typeof tenant>>;
  let assignmentId: string;

  beforeAll(async () => {
    ctx = await tenant();
    readOnly = adminClient(t.app, await issueAdminToken(t.container, ctx.tenantId, 'read_only'));
    licenseAdmin = adminClient(t.app, await issueAdminToken(t.container, ctx.tenantId, 'license_admin'));
    await ctx.buy('cc-pro', 2);
    const u = await ctx.user('role');
    assignmentId = (await ctx.ok(ctx.assign({ userIds: [u], product: 'cc-pro' }), 201)).results[0].assignment
      .id;
  });

  const writes: Array<[string, (c: AdminClient) => supertest.Test]> = [
    [
      'POST /purchases',
      (c) => c.post('/purchases', { product: 'cc-pro', quantity: 1, bindingMonths: 1, termsAccepted: true }),
    ],
    [
      'POST /assignments',
      (c) => c.post('/assignments', { userIds: [crypto.randomUUID()], product: 'cc-pro' }),
    ],
    [
      'POST /assignments/:id/remove',
      (c) => c.post(`/assignments/${assignmentId}/remove`, { confirmDataLoss: true }),
    ],
    ['POST /assignments/:id/cancel', (c) => c.post(`/assignments/${assignmentId}/cancel`)],
    [
      'POST /numbers/acquire',
      (c) => c.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 }),
    ],
    [
      'POST /port-orders',
      (c) =>
        c.post('/port-orders', {
          number: '+46855501234',
          country: 'SE',
          kind: 'fixed',
          losingOperator: 'Telia',
        }),
    ],
  ];

  it.each(writes)(
    'read_only may not %s: 403 naming the roles needed, nothing changed',
    async (_route, call) => {
      const res = await call(readOnly);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ code: 'permission.denied', detail: NEEDS_LICENSE_WRITER });
      expect((await ctx.ok(ctx.api.get(`/assignments/${assignmentId}`))).state).toBe('active');
    },
  );

  it.each([
    '/catalog/tracks',
    '/catalog/products',
    '/catalog/tracks/voice/comparison',
    '/inventory',
    '/purchases',
    '/assignments',
    '/numbers',
    '/port-orders',
  ])('read_only may read %s', async (path) => {
    expect((await readOnly.get(path)).status).toBe(200);
  });

  it('license_admin may buy and assign', async () => {
    expect(
      (
        await licenseAdmin.post('/purchases', {
          product: 'cc-pro',
          quantity: 1,
          bindingMonths: 0,
          termsAccepted: true,
        })
      ).status,
    ).toBe(201);
    const u = await ctx.user('by-license-admin');
    const res = await licenseAdmin.post('/assignments', { userIds: [u], product: 'cc-pro' });
    expect(res.status).toBe(201);
    expect(res.body.results[0].assignment.state).toBe('active');
    expect(res.headers.location).toBe(`/api/v1/assignments/${res.body.results[0].assignment.id}`);
  });
});

describe('problems with stable codes', () => {
  let ctx: Awaited<ReturnType<typeof tenant>>;
  let userId: string;

  beforeAll(async () => {
    ctx = await tenant();
    userId = await ctx.user('problems');
  });

  const cases: Array<[string, () => supertest.Test, number, string, RegExp?]> = [
    [
      'terms not accepted',
      () =>
        ctx.api.post('/purchases', {
          product: 'basic',
          quantity: 1,
          bindingMonths: 12,
          termsAccepted: false,
        }),
      422,
      'terms.not_accepted',
    ],
    [
      'terms left out',
      () => ctx.api.post('/purchases', { product: 'basic', quantity: 1, bindingMonths: 12 }),
      422,
      'terms.not_accepted',
    ],
    [
      'purchase of an unknown product',
      () =>
        ctx.api.post('/purchases', { product: 'nope', quantity: 1, bindingMonths: 1, termsAccepted: true }),
      400,
      'validation.failed',
      /product/,
    ],
    [
      'no seat, strict',
      () => ctx.api.post('/assignments', { userIds: [userId], product: 'cc-pro', strict: true }),
      409,
      'seat.unavailable',
    ],
    [
      'a port-in that is not E.164',
      () =>
        ctx.api.post('/port-orders', {
          number: '0812345678',
          country: 'SE',
          kind: 'fixed',
          losingOperator: 'Telia',
        }),
      400,
      'number.invalid',
      /not an E\.164/,
    ],
    [
      'a mobile number ported as fixed',
      () =>
        ctx.api.post('/port-orders', {
          number: '+46701234567',
          country: 'SE',
          kind: 'fixed',
          losingOperator: 'Telia',
        }),
      400,
      'number.invalid',
      /mobile number, not a fixed/,
    ],
    [
      'a number of another country',
      () =>
        ctx.api.post('/port-orders', {
          number: '+4722000000',
          country: 'SE',
          kind: 'fixed',
          losingOperator: 'Telia',
        }),
      400,
      'number.invalid',
      /not a SE number/,
    ],
    [
      'an unknown assignment',
      () => ctx.api.get(`/assignments/${crypto.randomUUID()}`),
      404,
      'assignment.not_found',
    ],
    ['an unknown product', () => ctx.api.get('/catalog/products/nope'), 404, 'product.not_found'],
    ['an unknown track', () => ctx.api.get('/catalog/tracks/nope/comparison'), 404, 'track.not_found'],
    ['an unknown number', () => ctx.api.get('/numbers/+46812999999'), 404, 'number.not_found'],
    [
      'an unknown port order',
      () => ctx.api.get(`/port-orders/${crypto.randomUUID()}`),
      404,
      'port_order.not_found',
    ],
    [
      'assigning to an unknown user',
      () => ctx.api.post('/assignments', { userIds: [crypto.randomUUID()], product: 'cc-pro' }),
      400,
      'validation.failed',
      /userIds\.0: User .* not found/,
    ],
    [
      'a date without a time zone',
      () =>
        ctx.api.post('/assignments', {
          userIds: [userId],
          product: 'cc-pro',
          effectiveAt: '2030-01-01T00:00:00',
        }),
      400,
      'validation.failed',
      /effectiveAt/,
    ],
    [
      'a duplicate product key',
      () => ctx.operator.post('/catalog/products', { key: 'basic', name: 'Again', track: 'voice' }),
      409,
      'product.already_exists',
    ],
    [
      'a requirement on its own track',
      () =>
        ctx.operator.patch('/catalog/products/basic', {
          requirements: [{ kind: 'active_license_in_track', track: 'voice' }],
        }),
      400,
      'catalog.invalid',
    ],
  ];

  it.each(cases)('%s', async (_name, call, status, code, detail) => {
    const res = await call();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body.code).toBe(code);
    if (detail) expect(res.body.detail).toMatch(detail);
  });

  it('refuses an unmet requirement in strict mode with the conflicts as details, writing nothing', async () => {
    await ctx.buy('unlimited-5g', 1);
    const res = await ctx.api.post('/assignments', {
      userIds: [userId],
      product: 'unlimited-5g',
      strict: true,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'requirement.unmet',
      details: { userId, conflicts: [{ reason: 'requirement_unmet:active_license_in_track' }] },
    });
    expect((await ctx.ok(ctx.api.get(`/users/${userId}`))).licenses.assignments).toEqual([]);
  });

  it('refuses to cancel an active license (409 assignment.invalid_state)', async () => {
    await ctx.buy('cc-pro', 1);
    const id = (await ctx.ok(ctx.assign({ userIds: [userId], product: 'cc-pro' }), 201)).results[0].assignment
      .id;
    const res = await ctx.api.post(`/assignments/${id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('assignment.invalid_state');
  });
});

describe('catalog', () => {
  it('lists tracks and products and compares a track side by side', async () => {
    const { api, ok } = await tenant();
    expect(
      (await ok(api.get('/catalog/tracks'))).items.map((x: { key: string; exclusive: boolean }) => [
        x.key,
        x.exclusive,
      ]),
    ).toEqual([
      ['voice', true],
      ['mobile-data', true],
      ['contact-centre', false],
    ]);
    expect(
      (await ok(api.get('/catalog/products?track=voice'))).items.map((p: { key: string }) => p.key),
    ).toEqual(['basic', 'business-mobile']);
    const comparison = await ok(api.get('/catalog/tracks/voice/comparison'));
    expect(comparison.track).toEqual({ key: 'voice', name: 'Voice', exclusive: true });
    expect(comparison.features).toContainEqual({
      feature: 'Mobile subscription',
      includedIn: ['business-mobile'],
    });
    expect(comparison.features).toContainEqual({
      feature: 'Voicemail',
      includedIn: ['basic', 'business-mobile'],
    });
  });

  it('adds a track and a product, and edits the product with If-Match', async () => {
    const { api: owner, operator: api, ok } = await tenant();
    await ok(api.post('/catalog/tracks', { key: 'fax', name: 'Fax', exclusive: false, position: 9 }), 201);
    const created = await api.post('/catalog/products', {
      key: 'fax-basic',
      name: 'Fax Basic',
      track: 'fax',
      includes: ['Fax to e-mail'],
      requirements: [{ kind: 'sold_in_country', countries: ['se', 'no'] }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.body).toMatchObject({
      track: 'fax',
      requirements: [{ kind: 'sold_in_country', countries: ['SE', 'NO'] }],
    });

    const edited = await api.patch(
      '/catalog/products/fax-basic',
      { name: 'Fax Pro' },
      { 'If-Match': 'W/"1"' },
    );
    expect(edited.status).toBe(200);
    // What the edit leaves out stays as it was.
    expect(edited.body).toMatchObject({
      name: 'Fax Pro',
      version: 2,
      includes: ['Fax to e-mail'],
      requirements: [{ kind: 'sold_in_country', countries: ['SE', 'NO'] }],
      sellable: true,
    });
    const stale = await api.patch('/catalog/products/fax-basic', { name: 'Lost' }, { 'If-Match': 'W/"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('product.version_mismatch');
    expect((await ok(owner.get(`/catalog/products/${created.body.id}`))).name).toBe('Fax Pro');

    const unknownTrack = await api.post('/catalog/products', { key: 'y', name: 'Y', track: 'nope' });
    expect(unknownTrack.status).toBe(400);
    expect(unknownTrack.body.errors).toEqual([
      { in: 'body', field: 'track', path: ['track'], message: 'Track nope not found' },
    ]);
  });
});

describe('seats', () => {
  it('reports seats available on a future date, and lists purchases a page at a time', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 3);
    await ok(
      api.post('/purchases', {
        product: 'cc-pro',
        quantity: 2,
        bindingMonths: 1,
        startsAt: inDays(10),
        termsAccepted: true,
      }),
      201,
    );
    await ok(api.post('/assignments', { userIds: [await user('a')], product: 'cc-pro' }), 201);
    await ok(
      api.post('/assignments', {
        userIds: [await user('b'), await user('c')],
        product: 'cc-pro',
        effectiveAt: inDays(5),
      }),
      201,
    );

    const on7 = (await ok(api.get(`/inventory?product=cc-pro&on=${inDays(7).slice(0, 10)}`))).items[0];
    expect(on7).toMatchObject({ purchased: 3, held: 1, active: 1, scheduled: 2, availableNow: 2 });
    expect(on7.on).toMatchObject({ purchased: 3, committed: 3, available: 0 });
    const on11 = (await ok(api.get(`/inventory?product=cc-pro&on=${encodeURIComponent(inDays(11))}`)))
      .items[0];
    expect(on11.on).toMatchObject({ purchased: 5, available: 2 });
    const all = await ok(api.get('/inventory'));
    expect(all.items.map((l: { productKey: string }) => l.productKey)).toEqual([
      'basic',
      'business-mobile',
      'unlimited-5g',
      'cc-pro',
    ]);
    expect(all.items[0].on).toBeUndefined();

    const first = await ok(api.get('/purchases?limit=1'));
    expect(first.items).toHaveLength(1);
    const second = await ok(api.get(`/purchases?limit=1&cursor=${first.nextCursor}`));
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeNull();
    expect((await ok(api.get('/purchases?product=basic'))).items).toEqual([]);

    // The first purchase's seats are all committed when its binding period ends; the second's are not.
    const inUse = await api.post(`/purchases/${first.items[0].id}/cancel`, { confirmCancellation: true });
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('subscription.seats_in_use');
    const cancelled = await ok(
      api.post(`/purchases/${second.items[0].id}/cancel`, { confirmCancellation: true }),
    );
    expect(cancelled.endsAt).toBe(second.items[0].bindingEndsAt);
  });
});

describe('assignments', () => {
  it('changes a license in an exclusive track as one swap: Basic → Business Mobile', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('basic', 1);
    await buy('business-mobile', 1);
    await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 }), 201);
    await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'mobile', quantity: 1 }), 201);
    const u = await user('swap');
    const basic = (
      await ok(
        api.post('/assignments', { userIds: [u], product: 'basic', numbers: { pickFromPool: true } }),
        201,
      )
    ).results[0].assignment;
    expect(basic.state).toBe('active');

    const wrongTrack = await api.post(`/assignments/${basic.id}/change`, { product: 'cc-pro' });
    expect(wrongTrack.status).toBe(400);
    expect(wrongTrack.body.errors).toEqual([
      {
        in: 'body',
        field: 'product',
        path: ['product'],
        message: 'must be another product of the Voice track',
      },
    ]);

    const changeResponse = await api.post(`/assignments/${basic.id}/change`, {
      product: 'business-mobile',
      numbers: { pickFromPool: true },
    });
    expect(changeResponse.status).toBe(201);
    const changed = changeResponse.body;
    expect(changeResponse.headers.location).toBe(`/api/v1/assignments/${changed.assignment.id}`);
    expect(changed.assignment).toMatchObject({
      product: 'business-mobile',
      state: 'active',
      replacesId: basic.id,
    });
    expect(await ok(api.get(`/assignments/${basic.id}`))).toMatchObject({
      state: 'removed',
      removalCause: 'swap',
    });
    const details = await ok(api.get(`/users/${u}`));
    expect(details.licenses.assignments.map((a: { product: string }) => a.product)).toEqual([
      'business-mobile',
    ]);
    expect(details.licenses.numbers).toHaveLength(2);
    const inventory = await ok(api.get('/inventory'));
    const held = Object.fromEntries(
      inventory.items.map((l: { productKey: string; held: number }) => [l.productKey, l.held]),
    );
    expect(held).toMatchObject({ basic: 0, 'business-mobile': 1 });
  });

  it('refuses to remove Voice under a running Unlimited 5G (409 requirement.dependents) unless removeDependents', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('basic', 1);
    await buy('unlimited-5g', 1);
    await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 }), 201);
    const u = await user('voice-data');
    const voice = (
      await ok(
        api.post('/assignments', { userIds: [u], product: 'basic', numbers: { pickFromPool: true } }),
        201,
      )
    ).results[0].assignment;
    const data = (await ok(api.post('/assignments', { userIds: [u], product: 'unlimited-5g' }), 201))
      .results[0].assignment;
    expect([voice.state, data.state]).toEqual(['active', 'active']);

    const refused = await api.post(`/assignments/${voice.id}/remove`, { confirmDataLoss: true });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({
      code: 'requirement.dependents',
      title: 'Other licenses of the user require this one',
      details: {
        dependents: [{ assignmentId: data.id, product: 'unlimited-5g', track: 'voice', dependsOn: voice.id }],
      },
    });
    expect(refused.body.detail).toMatch(
      /^Removing Basic .*Unlimited 5G \(needs an active license in the Voice track\).*removeDependents: true/,
    );
    expect((await ok(api.get(`/assignments/${voice.id}`))).state).toBe('active');

    const removed = await ok(
      api.post(`/assignments/${voice.id}/remove`, { confirmDataLoss: true, removeDependents: true }),
    );
    expect(removed).toMatchObject({ state: 'grace', removalCause: 'admin' });
    const dependent = await ok(api.get(`/assignments/${data.id}`));
    expect(dependent).toMatchObject({ state: 'grace', removalCause: 'requirement_lost' });
    expect(dependent.history.at(-1)).toMatchObject({
      action: 'assignment.grace',
      after: { cause: 'requirement_lost', dependsOn: voice.id },
    });
  });

  it('cancels one, re-dates one, and sets the activation date of all of a user’s scheduled assignments', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 5);
    await buy('unlimited-5g', 5);
    const [a, b] = [await user('a'), await user('b')];
    const scheduled = await ok(
      api.post('/assignments', { userIds: [a, b], product: 'cc-pro', effectiveAt: inDays(10) }),
      201,
    );
    const [first, second] = scheduled.results.map((r: { assignment: { id: string } }) => r.assignment.id);
    expect((await ok(api.post(`/assignments/${first}/cancel`))).state).toBe('cancelled');
    const redated = await ok(api.post(`/assignments/${second}/reschedule`, { effectiveAt: inDays(3) }));
    expect(redated).toMatchObject({ assignment: { state: 'scheduled' }, conflicts: [] });
    expect(Math.abs(Date.parse(redated.assignment.effectiveAt) - Date.parse(inDays(3)))).toBeLessThan(60_000);

    await ok(
      api.post('/assignments', { userIds: [b], product: 'unlimited-5g', effectiveAt: inDays(20) }),
      201,
    );
    const moved = await ok(
      api.post(`/users/${b}/activation-date`, { effectiveAt: new Date(Date.now() - 1000).toISOString() }),
    );
    // Now: CC Pro activates; Unlimited 5G is blocked, for want of a Voice license.
    expect(
      moved.results
        .map((r: { assignment: { product: string; state: string } }) => [
          r.assignment.product,
          r.assignment.state,
        ])
        .sort(),
    ).toEqual([
      ['cc-pro', 'active'],
      ['unlimited-5g', 'blocked'],
    ]);
    const unknown = await api.post(`/users/${crypto.randomUUID()}/activation-date`, {
      effectiveAt: inDays(1),
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'user.not_found']);
  });

  it('lists assignments by product and state, a page at a time, with their grants', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 3);
    const users = [];
    for (let i = 0; i < 5; i += 1) users.push(await user(`list${i}`));
    await ok(api.post('/assignments', { userIds: users, product: 'cc-pro' }), 201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await ok(
        api.get(`/assignments?product=cc-pro&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) expect(item.grants).toMatchObject([{ kind: 'direct' }]);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect((await ok(api.get('/assignments?state=active'))).items).toHaveLength(3);
    expect((await ok(api.get('/assignments?state=blocked'))).items).toHaveLength(2);
    const bad = await api.get('/assignments?cursor=nonsense');
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'cursor']);
  });
});

describe('numbers and port orders', () => {
  it('lists the pool with filters and number cursors, assigns to a user and releases to quarantine', async () => {
    const { api, ok, user } = await tenant();
    await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 3 }), 201);
    await ok(api.post('/numbers/acquire', { country: 'US', kind: 'mobile', quantity: 2 }), 201);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await ok(api.get(`/numbers?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      pages.push(...page.items.map((n: { e164: string }) => n.e164));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toHaveLength(5);
    expect(pages).toEqual([...pages].sort());

    const filters: Array<[string, number]> = [
      ['country=SE', 3],
      ['country=us', 2],
      ['kind=mobile', 2],
      ['kind=fixed&country=US', 0],
      ['status=available', 5],
      ['status=assigned', 0],
    ];
    for (const [filter, count] of filters)
      expect((await ok(api.get(`/numbers?${filter}`))).items, filter).toHaveLength(count);

    const u = await user('numbers');
    const [number] = (await ok(api.get('/numbers?country=SE&limit=1'))).items;
    const assigned = await ok(api.post(`/numbers/${number.e164}/assign`, { userId: u }));
    expect(assigned).toMatchObject({ status: 'assigned', userId: u });
    expect((await ok(api.get(`/users/${u}`))).phoneNumbers).toEqual([{ value: number.e164, type: 'work' }]);
    expect((await ok(api.get(`/numbers?userId=${u}`))).items.map((n: { id: string }) => n.id)).toEqual([
      number.id,
    ]);

    const released = await ok(api.post(`/numbers/${number.id}/release`));
    expect(released.status).toBe('quarantine');
    expect(released.quarantineUntil).not.toBeNull();
    expect((await ok(api.get(`/users/${u}`))).phoneNumbers).toEqual([]);
    const again = await api.post(`/numbers/${number.id}/assign`, { userId: u });
    expect([again.status, again.body.code]).toEqual([409, 'number.invalid_state']);
    const reserve = await api.post(`/numbers/${number.id}/reserve`);
    expect([reserve.status, reserve.body.code]).toEqual([409, 'number.invalid_state']);
  });

  it('ports a number in: submitted → confirmed (date) → cancelled, and a rejected one leaves the pool', async () => {
    const { api, ok } = await tenant();
    const order = await api.post('/port-orders', {
      number: '+46855501234',
      country: 'SE',
      kind: 'fixed',
      losingOperator: 'Telia',
    });
    expect(order.status).toBe(201);
    expect(order.headers.location).toBe(`/api/v1/port-orders/${order.body.id}`);
    expect(order.body).toMatchObject({ e164: '+46855501234', state: 'submitted', portAt: null });
    expect((await ok(api.get('/numbers/+46855501234'))).status).toBe('porting');

    const portAt = inDays(2);
    expect(await ok(api.post(`/port-orders/${order.body.id}/confirm`, { portAt }))).toMatchObject({
      state: 'confirmed',
      portAt,
    });
    expect((await ok(api.get(`/port-orders/${order.body.id}`))).state).toBe('confirmed');
    expect((await ok(api.post(`/port-orders/${order.body.id}/cancel`))).state).toBe('cancelled');
    const twice = await api.post(`/port-orders/${order.body.id}/cancel`);
    expect([twice.status, twice.body.code]).toEqual([409, 'port_order.invalid_state']);

    const other = await ok(
      api.post('/port-orders', {
        number: '+46855509999',
        country: 'SE',
        kind: 'fixed',
        losingOperator: 'Tele2',
      }),
      201,
    );
    expect(
      await ok(api.post(`/port-orders/${other.id}/reject`, { reason: 'wrong account holder' })),
    ).toMatchObject({
      state: 'rejected',
      rejectReason: 'wrong account holder',
    });
    expect((await api.get('/numbers/+46855509999')).status).toBe(404);
    const list = await ok(api.get('/port-orders'));
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([order.body.id, other.id]);
    expect((await ok(api.get('/port-orders?state=rejected'))).items.map((o: { id: string }) => o.id)).toEqual(
      [other.id],
    );
  });
});

describe('seat race over HTTP', () => {
  it('50 concurrent POST /assignments for 10 seats: exactly 10 active, 40 blocked waiting for a seat', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 10);
    const users: string[] = [];
    for (let i = 0; i < 50; i += 1) users.push(await user(`race${i}`));
    const responses = await Promise.all(
      users.map((u) => api.post('/assignments', { userIds: [u], product: 'cc-pro' })),
    );
    expect(responses.map((r) => r.status)).toEqual(users.map(() => 201));
    const states = responses.map((r) => r.body.results[0].assignment.state as string);
    expect(states.filter((s) => s === 'active')).toHaveLength(10);
    expect(states.filter((s) => s === 'blocked')).toHaveLength(40);
    for (const r of responses.filter((x) => x.body.results[0].assignment.state === 'blocked')) {
      expect(r.body.results[0].assignment.blockedReasons).toEqual(['seat_unavailable']);
    }
    expect((await ok(api.get('/inventory?product=cc-pro'))).items[0]).toMatchObject({
      purchased: 10,
      held: 10,
      active: 10,
      blocked: 40,
      availableNow: 0,
    });

    // Seats bought: the oldest waiting ones take them.
    await buy('cc-pro', 5);
    expect((await ok(api.get('/inventory?product=cc-pro'))).items[0]).toMatchObject({
      held: 15,
      active: 15,
      blocked: 35,
    });
  });
});

describe('OpenAPI document', () => {
  it('documents every licensing route with its roles and problem codes', async () => {
    const doc = (await t.admin.get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; 'x-roles': string[]; responses: Record<string, { description: string }> }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const byId = new Map(operations.map((o) => [o.operationId, o]));
    for (const id of [
      'listTracks',
      'createTrack',
      'compareProducts',
      'listProducts',
      'createProduct',
      'getProduct',
      'updateProduct',
      'getInventory',
      'purchaseSeats',
      'listPurchases',
      'cancelPurchase',
      'assignLicense',
      'listAssignments',
      'getAssignment',
      'changeLicense',
      'removeLicense',
      'cancelAssignment',
      'rescheduleAssignment',
      'setActivationDate',
      'listNumbers',
      'acquireNumbers',
      'getNumber',
      'assignNumber',
      'reserveNumber',
      'releaseNumber',
      'createPortOrder',
      'listPortOrders',
      'getPortOrder',
      'confirmPortOrder',
      'rejectPortOrder',
      'cancelPortOrder',
    ]) {
      expect(byId.get(id), id).toBeDefined();
    }
    expect(byId.get('assignLicense')?.['x-roles']).toEqual(['owner', 'license_admin']);
    expect(byId.get('listNumbers')?.['x-roles']).toEqual(['owner', 'license_admin', 'read_only']);
    expect(byId.get('assignLicense')?.responses['409']?.description).toContain('`seat.unavailable`');
    expect(byId.get('removeLicense')?.responses['422']?.description).toContain('`confirmation.required`');
    expect(byId.get('removeLicense')?.responses['409']?.description).toContain('`requirement.dependents`');
    expect(byId.get('purchaseSeats')?.responses['422']?.description).toContain('`terms.not_accepted`');
    expect(byId.get('createPortOrder')?.responses['400']?.description).toContain('`number.invalid`');
    expect(doc.paths['/catalog/tracks/{key}/comparison']).toBeDefined();
    for (const component of [
      'Assignment',
      'AssignRequest',
      'UserLicenses',
      'PhoneNumber',
      'PortOrder',
      'InventoryLine',
      'Subscription',
    ]) {
      expect(doc.components.schemas[component], component).toBeDefined();
    }
  });
});
