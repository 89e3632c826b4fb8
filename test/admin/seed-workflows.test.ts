import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/operator.js';
import { adminClient, buildTestApp, issueAdminToken, type TestApp } from '../helpers/test-app.js';

// The help articles' workflows (seeds 000, 001 and 8x8's partial cancellation) through the admin API, end to end.
// One database for the file; every scenario takes a tenant of its own, so seat and number counts are its own.
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function tenant() {
  counter += 1;
  const created = await createTenant(t.container, `seed-workflows-${counter}-${Date.now()}`);
  const api = adminClient(t.app, created.adminToken);
  // A success of the kind the endpoint answers (200, or 201 for what creates); the status codes themselves are
  // checked by the API's own tests.
  const ok = async (res: supertest.Test | Promise<supertest.Response>, status?: number) => {
    const r = await res;
    if (status) expect(r.status, JSON.stringify(r.body)).toBe(status);
    else expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
    return r.body;
  };
  const problem = async (res: supertest.Test, status: number, code: string) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.code).toBe(code);
    return r.body;
  };
  return {
    api,
    operator: async () =>
      adminClient(t.app, await issueAdminToken(t.container, created.tenantId, 'operator')),
    ok,
    problem,
    user: async (name: string, country = 'SE') =>
      (
        await ok(
          api.post('/users', {
            firstName: name,
            surname: 'Tester',
            email: `${name}-${counter}@example.com`,
            country,
          }),
          201,
        )
      ).id as string,
    buy: (product: string, quantity: number, bindingMonths = 12) =>
      ok(api.post('/purchases', { product, quantity, bindingMonths, termsAccepted: true }), 201),
    acquire: async (country: string, kind: 'fixed' | 'mobile', quantity = 1) =>
      (await ok(api.post('/numbers/acquire', { country, kind, quantity }), 201)).items.map(
        (n: { e164: string }) => n.e164,
      ) as string[],
    events: async (query: string) =>
      (await ok(api.get(`/events?${query}`))).items.map((e: { action: string }) => e.action) as string[],
  };
}

describe('numbers with a date and with many users (seed 000, seed 001)', () => {
  it('assigns on a custom date with a chosen number: the number is the user’s at once, the license starts on the date', async () => {
    const { api, ok, user, buy, acquire, events } = await tenant();
    await buy('basic', 1);
    const [fixed] = await acquire('SE', 'fixed');
    const ada = await user('ada');
    const on = inDays(7);

    const body = await ok(
      api.post('/assignments', { userIds: [ada], product: 'basic', effectiveAt: on, numbers: { fixed } }),
    );
    expect(body.results).toMatchObject([
      { assignment: { userId: ada, product: 'basic', state: 'scheduled', effectiveAt: on }, conflicts: [] },
    ]);
    expect(await ok(api.get(`/numbers/${encodeURIComponent(fixed ?? '')}`))).toMatchObject({
      status: 'assigned',
      userId: ada,
    });
    expect(await events(`userId=${ada}&action=number.assigned`)).toEqual(['number.assigned']);
  });

  it('assigns to many users with numbers picked per user from the pool, in each user’s country', async () => {
    const { api, ok, problem, user, buy, acquire } = await tenant();
    await buy('business-mobile', 3);
    const se = [...(await acquire('SE', 'fixed', 2)), ...(await acquire('SE', 'mobile', 2))];
    const us = [...(await acquire('US', 'fixed')), ...(await acquire('US', 'mobile'))];
    const [a, b, c] = [await user('sven'), await user('siri'), await user('uma', 'US')];

    // A named number is one user's: for many users the pool picks.
    const [named] = se;
    const many = await problem(
      api.post('/assignments', { userIds: [a, b], product: 'business-mobile', numbers: { fixed: named } }),
      400,
      'validation.failed',
    );
    expect(many.errors).toEqual([
      {
        in: 'body',
        field: 'numbers.fixed',
        path: ['numbers', 'fixed'],
        message: "names one user's number: for many users, use pickFromPool",
      },
    ]);

    const body = await ok(
      api.post('/assignments', {
        userIds: [a, b, c],
        product: 'business-mobile',
        effectiveAt: inDays(3),
        numbers: { pickFromPool: true },
      }),
    );
    expect(body.results.map((r: { assignment: { state: string } }) => r.assignment.state)).toEqual([
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
    // The numbers are there on the date; what is left is the US user's emergency address.
    expect(
      body.results.map((r: { conflicts: Array<{ reason: string }> }) => r.conflicts.map((c) => c.reason)),
    ).toEqual([[], [], ['requirement_unmet:emergency_address']]);
    const numbersOf = async (id: string) =>
      (await ok(api.get(`/users/${id}`))).licenses.numbers
        .map((n: { e164: string; kind: string; country: string }) => `${n.country} ${n.kind} ${n.e164}`)
        .sort();
    const [ofA, ofB, ofC] = [await numbersOf(a), await numbersOf(b), await numbersOf(c)];
    expect(ofA.map((n: string) => n.split(' ').slice(0, 2).join(' '))).toEqual(['SE fixed', 'SE mobile']);
    expect(ofB.map((n: string) => n.split(' ').slice(0, 2).join(' '))).toEqual(['SE fixed', 'SE mobile']);
    expect(ofC.map((n: string) => n.split(' ')[2]).sort()).toEqual([...us].sort());
    // Every user has numbers of their own.
    expect(new Set([...ofA, ...ofB]).size).toBe(4);
  });

  it('upgrades Basic to Business Mobile with a new mobile number on a date, as one swap then', async () => {
    const { api, ok, user, buy, acquire } = await tenant();
    await buy('basic', 1);
    await buy('business-mobile', 1);
    await acquire('SE', 'fixed');
    const [mobile] = await acquire('SE', 'mobile');
    const u = await user('upgrade');
    const basic = (
      await ok(api.post('/assignments', { userIds: [u], product: 'basic', numbers: { pickFromPool: true } }))
    ).results[0].assignment;
    expect(basic.state).toBe('active');

    const on = inDays(5);
    const upgraded = await ok(
      api.post(`/assignments/${basic.id}/change`, {
        product: 'business-mobile',
        effectiveAt: on,
        numbers: { mobile },
      }),
    );
    expect(upgraded).toMatchObject({
      assignment: { product: 'business-mobile', state: 'scheduled', effectiveAt: on, replacesId: basic.id },
      conflicts: [],
    });
    expect(await ok(api.get(`/numbers/${encodeURIComponent(mobile ?? '')}`))).toMatchObject({
      status: 'assigned',
      userId: u,
    });
    // Basic keeps running until the swap.
    expect((await ok(api.get(`/assignments/${basic.id}`))).state).toBe('active');
  });
});

describe('the inventory forecast', () => {
  it('counts a scheduled upgrade once, as the new product, from its date on; refuses past dates', async () => {
    const { api, ok, problem, user, buy, acquire } = await tenant();
    await buy('basic', 1);
    await buy('business-mobile', 1);
    await acquire('SE', 'fixed');
    await acquire('SE', 'mobile');
    const u = await user('forecast');
    const basic = (
      await ok(api.post('/assignments', { userIds: [u], product: 'basic', numbers: { pickFromPool: true } }))
    ).results[0].assignment;
    await ok(
      api.post(`/assignments/${basic.id}/change`, {
        product: 'business-mobile',
        effectiveAt: inDays(5),
        numbers: { pickFromPool: true },
      }),
    );
    const on = async (date: string) =>
      Object.fromEntries(
        (await ok(api.get(`/inventory?on=${encodeURIComponent(date)}`))).items
          .filter((l: { productKey: string }) => ['basic', 'business-mobile'].includes(l.productKey))
          .map((l: { productKey: string; on: { committed: number; available: number } }) => [
            l.productKey,
            [l.on.committed, l.on.available],
          ]),
      );
    // Before the date: Basic runs, Business Mobile waits. From the date: only Business Mobile, once.
    expect(await on(inDays(2))).toEqual({ basic: [1, 0], 'business-mobile': [0, 1] });
    expect(await on(inDays(6))).toEqual({ basic: [0, 1], 'business-mobile': [1, 0] });

    const past = await problem(api.get(`/inventory?on=${inDays(-2).slice(0, 10)}`), 400, 'validation.failed');
    expect(past.errors).toEqual([
      {
        in: 'query',
        field: 'on',
        path: ['on'],
        message: 'must be today or a later date: the forecast looks ahead',
      },
    ]);
    // Today is not the past.
    await ok(api.get(`/inventory?on=${new Date().toISOString().slice(0, 10)}`));
  });
});

describe('partial cancellation of a seat purchase (8x8)', () => {
  it('cancels some seats at the end of the binding period with confirmation; the rest of the purchase stays', async () => {
    const { api, ok, problem, user, buy, events } = await tenant();
    const order = await buy('cc-pro', 5, 12);
    await ok(api.post('/assignments', { userIds: [await user('a'), await user('b')], product: 'cc-pro' }));

    await problem(api.post(`/purchases/${order.id}/cancel`, { quantity: 2 }), 422, 'confirmation.required');
    const cancelled = await ok(
      api.post(`/purchases/${order.id}/cancel`, { quantity: 2, confirmCancellation: true }),
    );
    expect(cancelled).toMatchObject({
      id: order.id,
      quantity: 5,
      quantityOnEnd: 3,
      endsAt: null,
      cancellations: [{ quantity: 2, effectiveAt: order.bindingEndsAt }],
    });
    expect(cancelled.cancellations[0].confirmedBy).toMatch(/^token:/);

    // Until the binding period ends the seats are there; after it, three are.
    const line = async (date?: string) =>
      (await ok(api.get(`/inventory?product=cc-pro${date ? `&on=${encodeURIComponent(date)}` : ''}`)))
        .items[0];
    expect(await line()).toMatchObject({ purchased: 5, availableNow: 3 });
    const after = new Date(new Date(order.bindingEndsAt).getTime() + DAY).toISOString();
    expect((await line(after)).on).toMatchObject({ purchased: 3, committed: 2, available: 1 });

    // Two licenses hold seats then: only one more seat can go; and never more than are left.
    const inUse = await problem(
      api.post(`/purchases/${order.id}/cancel`, { quantity: 2, confirmCancellation: true }),
      409,
      'subscription.seats_in_use',
    );
    expect(inUse.details).toMatchObject({ product: 'cc-pro', free: 1, quantity: 2 });
    const tooMany = await problem(
      api.post(`/purchases/${order.id}/cancel`, { quantity: 4, confirmCancellation: true }),
      409,
      'subscription.quantity_exceeded',
    );
    expect(tooMany.details).toEqual({ remaining: 3 });
    await ok(api.post(`/purchases/${order.id}/cancel`, { quantity: 1, confirmCancellation: true }));
    expect((await line(after)).on).toMatchObject({ purchased: 2, available: 0 });

    expect(await events(`entityType=subscription&entityId=${order.id}`)).toEqual([
      'subscription.partially_cancelled',
      'subscription.partially_cancelled',
      'subscription.purchased',
    ]);
  });
});

describe('assigning what a user already has scheduled, and again after an ending', () => {
  it('answers 409 assignment.already_scheduled naming the date, or re-dates it when asked', async () => {
    const { api, ok, problem, user, buy } = await tenant();
    await buy('cc-pro', 2);
    const [u, v] = [await user('sched'), await user('other')];
    const first = inDays(10);
    const scheduled = (
      await ok(api.post('/assignments', { userIds: [u], product: 'cc-pro', effectiveAt: first }))
    ).results[0].assignment;

    const again = await problem(
      api.post('/assignments', { userIds: [v, u], product: 'cc-pro', effectiveAt: inDays(3) }),
      409,
      'assignment.already_scheduled',
    );
    expect(again.detail).toContain(`CC Pro scheduled for ${first}`);
    expect(again.details).toEqual({
      scheduled: [{ userId: u, assignmentId: scheduled.id, state: 'scheduled', effectiveAt: first }],
    });
    // Nothing was written for the other user either.
    expect((await ok(api.get(`/assignments?userId=${v}`))).items).toEqual([]);

    const moved = await ok(
      api.post('/assignments', { userIds: [u], product: 'cc-pro', effectiveAt: inDays(3), reschedule: true }),
    );
    expect(moved.results[0].assignment).toMatchObject({ id: scheduled.id, state: 'scheduled' });
    expect(moved.results[0].assignment.effectiveAt).not.toBe(first);
  });

  it('keeps one live assignment when the same user gets the product in concurrent requests', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 1);
    const u = await user('race');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.post('/assignments', {
          userIds: [u],
          product: 'cc-pro',
          effectiveAt: inDays(5 + i),
          reschedule: true,
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 8 }, () => 201));
    const ids = new Set(answers.map((r) => r.body.results[0].assignment.id));
    expect(ids.size).toBe(1);
    expect((await ok(api.get(`/assignments?userId=${u}`))).items).toHaveLength(1);
  });

  it('creates a new assignment after a cancellation or a removal; the ended one keeps its history', async () => {
    const { api, ok, user, buy } = await tenant();
    await buy('cc-pro', 1);
    const u = await user('again');
    const first = (
      await ok(api.post('/assignments', { userIds: [u], product: 'cc-pro', effectiveAt: inDays(4) }))
    ).results[0].assignment;
    await ok(api.post(`/assignments/${first.id}/cancel`));

    const second = (await ok(api.post('/assignments', { userIds: [u], product: 'cc-pro' }))).results[0]
      .assignment;
    expect(second.id).not.toBe(first.id);
    expect(second.state).toBe('active');
    const old = await ok(api.get(`/assignments/${first.id}`));
    expect(old.state).toBe('cancelled');
    expect(old.history.map((e: { action: string }) => e.action)).toEqual([
      'assignment.scheduled',
      'assignment.cancelled',
    ]);

    await ok(api.post(`/assignments/${second.id}/remove`, { confirmDataLoss: true, freeSeatNow: true }));
    const third = (await ok(api.post('/assignments', { userIds: [u], product: 'cc-pro' }))).results[0]
      .assignment;
    expect(third.id).not.toBe(second.id);
    expect(third.state).toBe('active');
    expect((await ok(api.get(`/assignments/${second.id}`))).state).toBe('removed');
    expect(
      (await ok(api.get(`/assignments/${third.id}`))).history.map((e: { action: string }) => e.action),
    ).toEqual(['assignment.scheduled', 'assignment.activated']);
    expect(
      (await ok(api.get(`/assignments?userId=${u}`))).items.map((a: { id: string }) => a.id).sort(),
    ).toEqual([first.id, second.id, third.id].sort());
  });
});

describe('buying in the assign flow (seed 000) with prices', () => {
  it('shows list prices in the comparison, buys the missing seats with the terms accepted, and assigns in one request', async () => {
    const { api, ok, problem, user, acquire, events } = await tenant();
    const comparison = await ok(api.get('/catalog/tracks/voice/comparison'));
    expect(comparison.products.map((p: { key: string; price: unknown }) => [p.key, p.price])).toEqual([
      ['basic', { monthly: '149.00', monthlyMinor: 14900, currency: 'SEK' }],
      ['business-mobile', { monthly: '349.00', monthlyMinor: 34900, currency: 'SEK' }],
    ]);
    await acquire('SE', 'fixed', 3);
    const [a, b, c] = [await user('buyer-a'), await user('buyer-b'), await user('buyer-c')];

    // Without the terms accepted nothing is bought or assigned.
    await problem(
      api.post('/assignments', {
        userIds: [a, b],
        product: 'basic',
        numbers: { pickFromPool: true },
        purchase: { bindingMonths: 12 },
      }),
      422,
      'terms.not_accepted',
    );
    expect((await ok(api.get('/inventory?product=basic'))).items[0]).toMatchObject({ purchased: 0, held: 0 });
    expect((await ok(api.get(`/assignments?userId=${a}`))).items).toEqual([]);

    const body = await ok(
      api.post('/assignments', {
        userIds: [a, b],
        product: 'basic',
        numbers: { pickFromPool: true },
        purchase: { bindingMonths: 12, termsAccepted: true },
      }),
    );
    expect(body.results.map((r: { assignment: { state: string } }) => r.assignment.state)).toEqual([
      'active',
      'active',
    ]);
    expect(body.order).toMatchObject({
      product: 'basic',
      productName: 'Basic',
      quantity: 2,
      bindingMonths: 12,
      unitPrice: { monthly: '149.00', currency: 'SEK' },
      monthlyTotal: { amount: '298.00', amountMinor: 29800, currency: 'SEK' },
      bindingTotal: { amount: '3576.00', amountMinor: 357600, currency: 'SEK' },
      subscription: { productKey: 'basic', quantity: 2, endsAt: null },
    });
    expect(body.order.subscription.termsAcceptedBy).toMatch(/^token:/);
    expect(await events(`entityType=subscription&entityId=${body.order.subscription.id}`)).toEqual([
      'subscription.purchased',
    ]);

    const inventory = (await ok(api.get('/inventory?product=basic'))).items[0];
    expect(inventory).toMatchObject({
      purchased: 2,
      held: 2,
      availableNow: 0,
      price: { monthly: '149.00', currency: 'SEK' },
      monthlyCost: { amount: '298.00', amountMinor: 29800, currency: 'SEK' },
    });

    // Only what is missing is bought: one user holds Basic already, so one seat for the other.
    const more = await ok(
      api.post('/assignments', {
        userIds: [a, c],
        product: 'basic',
        numbers: { pickFromPool: true },
        purchase: { bindingMonths: 24, termsAccepted: true },
      }),
    );
    expect(more.order).toMatchObject({ quantity: 1, bindingMonths: 24 });
    expect(more.results[1].assignment.state).toBe('active');
    const none = await ok(
      api.post('/assignments', {
        userIds: [c],
        product: 'basic',
        purchase: { bindingMonths: 12, termsAccepted: true },
      }),
    );
    expect(none.order).toBeNull();
  });

  it('lets the provider’s operator set or remove a list price, recorded as a product change', async () => {
    const { api, operator, ok, problem, events } = await tenant();
    const op = await operator();
    const changed = await ok(
      op.patch('/catalog/products/cc-pro', { price: { monthlyMinor: 22950, currency: 'eur' } }),
    );
    expect(changed.price).toEqual({ monthly: '229.50', monthlyMinor: 22950, currency: 'EUR' });
    await problem(api.patch('/catalog/products/cc-pro', { price: null }), 403, 'permission.denied');
    expect((await ok(op.patch('/catalog/products/cc-pro', { price: null }))).price).toBeNull();
    expect(await events(`entityType=product&entityId=${changed.id}&action=product.updated`)).toEqual([
      'product.updated',
      'product.updated',
    ]);
  });

  it('buys seats for a license on a date starting on that date, and re-dates all of a user’s scheduled licenses at once', async () => {
    const { api, ok, user, acquire } = await tenant();
    await acquire('SE', 'fixed');
    const u = await user('later');
    const on = inDays(14);
    const body = await ok(
      api.post('/assignments', {
        userIds: [u],
        product: 'basic',
        effectiveAt: on,
        numbers: { pickFromPool: true },
        purchase: { bindingMonths: 12, termsAccepted: true },
      }),
    );
    expect(body.order.subscription.startsAt).toBe(on);
    expect(body.results[0]).toMatchObject({ assignment: { state: 'scheduled' }, conflicts: [] });
    await ok(
      api.post('/assignments', {
        userIds: [u],
        product: 'cc-pro',
        effectiveAt: inDays(20),
        purchase: { bindingMonths: 1, termsAccepted: true },
      }),
    );

    const together = inDays(16);
    const moved = await ok(api.post(`/users/${u}/activation-date`, { effectiveAt: together }));
    expect(
      moved.results.map((r: { assignment: { product: string; effectiveAt: string } }) => [
        r.assignment.product,
        r.assignment.effectiveAt,
      ]),
    ).toEqual([
      ['basic', together],
      ['cc-pro', together],
    ]);
  });
});
