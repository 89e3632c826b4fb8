import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminClient,
  buildTestApp,
  issueAdminToken,
  type AdminClient,
  type TestApp,
} from '../helpers/test-app.js';

const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * A refusal names the fields of the request at fault, whoever finds the fault: the route's schema, or the
 * service behind it (a product not sold, a number of the wrong kind or not the user's, a rule's group).
 */
describe('problem bodies name the fields at fault', () => {
  let t: TestApp;
  let operator: AdminClient;
  let userId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    operator = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'operator'));
    const user = await t.admin.post('/users', {
      firstName: 'Fay',
      surname: 'Field',
      email: 'fay@example.com',
    });
    expect(user.status).toBe(201);
    userId = user.body.id;
  });
  afterAll(() => t.close());

  const expectFieldProblem = (
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
    code: string,
    path: Array<string | number>,
  ) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ code, status, title: expect.any(String) });
    expect(res.body.errors).toEqual([
      { in: 'body', field: path.join('.'), path, message: expect.any(String) },
    ]);
  };

  it('a schema fault inside an array names the position as a number', async () => {
    const res = await t.admin.post('/assignments', { userIds: [userId, 'not-a-uuid'], product: 'cc-pro' });
    expectFieldProblem(res, 400, 'validation.failed', ['userIds', 1]);
  });

  it('a product that is not sold: assigning and buying name the product field', async () => {
    expect((await operator.patch('/catalog/products/cc-pro', { sellable: false })).status).toBe(200);
    try {
      const assigned = await t.admin.post('/assignments', { userIds: [userId], product: 'cc-pro' });
      expectFieldProblem(assigned, 409, 'product.not_sellable', ['product']);
      expect(assigned.body.errors).toEqual([
        expect.objectContaining({ message: 'CC Pro is not sold: it cannot be assigned' }),
      ]);
      const bought = await t.admin.post('/purchases', {
        product: 'cc-pro',
        quantity: 1,
        bindingMonths: 0,
        termsAccepted: true,
      });
      expectFieldProblem(bought, 409, 'product.not_sellable', ['product']);
      expect(bought.body.detail).toBe('CC Pro is not for sale');
    } finally {
      expect((await operator.patch('/catalog/products/cc-pro', { sellable: true })).status).toBe(200);
    }
  });

  it("a contact number that is not the tenant's names the number's field", async () => {
    const res = await t.admin.patch(`/users/${userId}`, { phoneNumbers: { work: '+46812399999' } });
    expectFieldProblem(res, 409, 'number.not_owned', ['phoneNumbers', 'work']);
    expect(res.body.details).toMatchObject({ number: '+46812399999', holder: 'not_tenant' });
  });

  it('a pool number of the wrong kind names the numbers field it was given in', async () => {
    const acquired = await t.admin.post('/numbers/acquire', { country: 'SE', kind: 'mobile', quantity: 1 });
    expect(acquired.status).toBe(201);
    const mobile = acquired.body.items[0].e164 as string;
    await t.admin.post('/purchases', {
      product: 'basic',
      quantity: 1,
      bindingMonths: 0,
      termsAccepted: true,
    });
    const res = await t.admin.post('/assignments', {
      userIds: [userId],
      product: 'basic',
      numbers: { fixed: mobile, pickFromPool: false },
    });
    expectFieldProblem(res, 400, 'number.invalid', ['numbers', 'fixed']);
    expect(res.body.detail).toBe(`${mobile} is a mobile number, not a fixed one`);
  });

  it("another user's number names the numbers field it was given in", async () => {
    const acquired = await t.admin.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 });
    const fixed = acquired.body.items[0].e164 as string;
    const other = await t.admin.post('/users', {
      firstName: 'Oz',
      surname: 'Other',
      email: 'oz@example.com',
    });
    expect((await t.admin.post(`/numbers/${fixed}/assign`, { userId: other.body.id })).status).toBe(200);
    await t.admin.post('/purchases', {
      product: 'basic',
      quantity: 1,
      bindingMonths: 0,
      termsAccepted: true,
    });
    const res = await t.admin.post('/assignments', {
      userIds: [userId],
      product: 'basic',
      numbers: { fixed, pickFromPool: false },
    });
    expectFieldProblem(res, 409, 'number.invalid_state', ['numbers', 'fixed']);
  });

  it('a catalog requirement on its own track names the requirement and the track by its name', async () => {
    const res = await operator.post('/catalog/products', {
      key: 'voice-plus',
      name: 'Voice Plus',
      track: 'voice',
      requirements: [{ kind: 'fixed_number' }, { kind: 'active_license_in_track', track: 'voice' }],
    });
    expectFieldProblem(res, 400, 'catalog.invalid', ['requirements', 1, 'track']);
    expect(res.body.detail).toBe('A Voice product cannot require a license in its own track');
  });

  it('a rule naming a group that does not exist names groupId', async () => {
    const res = await t.admin.post('/rules', {
      name: 'nowhere',
      groupId: crypto.randomUUID(),
      product: 'cc-pro',
    });
    expectFieldProblem(res, 400, 'rule.invalid', ['groupId']);
  });
});
