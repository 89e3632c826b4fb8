import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminClient,
  buildTestApp,
  issueAdminToken,
  type AdminClient,
  type TestApp,
} from '../helpers/test-app.js';

describe('the catalog belongs to the provider', () => {
  let t: TestApp;
  let operator: AdminClient;
  let licenseAdmin: AdminClient;

  beforeAll(async () => {
    t = await buildTestApp();
    operator = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'operator'));
    licenseAdmin = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'license_admin'));
  });
  afterAll(() => t.close());

  it.each([
    ['owner', () => t.admin],
    ['license_admin', () => licenseAdmin],
  ])('a tenant %s reads the catalog but may not edit it', async (_role, client) => {
    expect((await client().get('/catalog/products/basic')).status).toBe(200);
    for (const res of [
      await client().patch('/catalog/products/basic', { requirements: [] }),
      await client().post('/catalog/products', { key: 'x', name: 'X', track: 'voice' }),
      await client().post('/catalog/tracks', { key: 'fax', name: 'Fax', exclusive: false }),
      await client().post('/catalog/products/cc-pro/retire'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'permission.denied',
        detail: expect.stringMatching(/operator role/),
      });
    }
    const basic = await client().get('/catalog/products/basic');
    expect(basic.body.requirements).toEqual([{ kind: 'fixed_number' }, ...basic.body.requirements.slice(1)]);
  });

  it('an operator token edits the catalog and nothing else; a tenant owner cannot mint one', async () => {
    const created = await operator.post('/catalog/products', {
      key: 'fax-basic',
      name: 'Fax Basic',
      track: 'voice',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sellable: true, retiredAt: null });
    const [event] = (await t.admin.get(`/events?entityType=product&entityId=${created.body.id}`)).body.items;
    expect(event.actor.label).toBe('unnamed operator admin token');
    expect((await operator.get('/users')).status).toBe(403);
    expect((await operator.get('/settings')).status).toBe(403);
    const minted = await t.admin.post('/tokens', { label: 'x', kind: 'admin', role: 'operator' });
    expect(minted.status).toBe(400);
    expect(minted.body.errors[0]).toMatchObject({ in: 'body', field: 'role' });
  });

  it('refuses to assign a product that is not sellable, with a stable code naming it', async () => {
    const user = await t.admin.post('/users', {
      firstName: 'Una',
      surname: 'Sold',
      email: 'una@example.com',
    });
    expect(
      (
        await t.admin.post('/purchases', {
          product: 'cc-pro',
          quantity: 1,
          bindingMonths: 0,
          termsAccepted: true,
        })
      ).status,
    ).toBe(201);
    expect((await operator.patch('/catalog/products/cc-pro', { sellable: false })).status).toBe(200);
    const res = await t.admin.post('/assignments', { userIds: [user.body.id], product: 'cc-pro' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'product.not_sellable',
      title: 'The product is not sold: it cannot be assigned',
      detail: 'CC Pro is not sold: it cannot be assigned',
    });
    expect((await t.admin.get(`/assignments?userId=${user.body.id}`)).body.items).toEqual([]);
    expect((await operator.patch('/catalog/products/cc-pro', { sellable: true })).status).toBe(200);
    expect((await t.admin.post('/assignments', { userIds: [user.body.id], product: 'cc-pro' })).status).toBe(
      201,
    );
  });

  it('retires a product only when nothing uses it; retired, it cannot be assigned', async () => {
    const inUse = await operator.post('/catalog/products/cc-pro/retire');
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({
      code: 'product.in_use',
      details: { product: 'cc-pro', assignments: 1, purchases: 1, rules: 0 },
    });
    expect(inUse.body.detail).toMatch(/^CC Pro is still in use/);

    const unused = await operator.post('/catalog/products/fax-basic/retire');
    expect(unused.status).toBe(200);
    expect(unused.body).toMatchObject({ sellable: false, retiredAt: expect.any(String), version: 2 });
    expect(unused.headers.etag).toBe('W/"2"');
    const again = await operator.post('/catalog/products/fax-basic/retire');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('product.invalid_state');

    const user = await t.admin.post('/users', {
      firstName: 'Rita',
      surname: 'Red',
      email: 'rita@example.com',
    });
    const res = await t.admin.post('/assignments', { userIds: [user.body.id], product: 'fax-basic' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'product.not_sellable',
      detail: 'Fax Basic is retired: it cannot be assigned',
    });
    const [event] = (await t.admin.get('/events?action=product.retired')).body.items;
    expect(event).toMatchObject({ before: { retiredAt: null }, after: { sellable: false } });
  });
});
