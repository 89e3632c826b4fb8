import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/container.js';
import { createTenant } from '../../src/operator.js';
import {
  adminClient,
  buildTestApp,
  GROUP_SCHEMA,
  issueAdminToken,
  newUser,
  scimClient,
  type TestApp,
} from '../helpers/test-app.js';

// One database for the file; each scenario takes a tenant of its own.
const PROBLEM_JSON = /^application\/problem\+json/;
let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function tenant() {
  counter += 1;
  const created = await createTenant(t.container, `rules-api-${counter}-${Date.now()}`);
  const api = adminClient(t.app, created.adminToken);
  const scim = scimClient(t.app, created.scimToken);
  const ok = async (res: supertest.Test | Promise<supertest.Response>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const job = { type: 'job' as const, id: 'test' };
  return {
    tenantId: created.tenantId,
    api,
    scim,
    ok,
    user: async (userName: string, extra: Record<string, unknown> = {}) =>
      (await ok(scim.post('/Users', newUser(userName, extra)), 201)).id as string,
    group: async (displayName: string, members: string[] = []) =>
      (
        await ok(
          scim.post('/Groups', {
            schemas: [GROUP_SCHEMA],
            displayName,
            members: members.map((value) => ({ value })),
          }),
          201,
        )
      ).id as string,
    buy: (product: string, quantity: number) =>
      ok(api.post('/purchases', { product, quantity, bindingMonths: 12, termsAccepted: true }), 201),
    /** What the reconcile and evaluation jobs do, until there is nothing left. */
    settle: async () => {
      for (;;) {
        const reconciled = await t.container.transaction((s: Services) =>
          s.ruleEngine.reconcileRequested(job),
        );
        const drained = await t.container.transaction((s: Services) => s.ruleEngine.drainQueue(500, job));
        if (reconciled === 0 && drained === 0) return;
      }
    },
    licenses: async (userId: string) =>
      Object.fromEntries(
        (await t.container.services.assignments.listForUser(created.tenantId, userId))
          .filter((a) => !['removed', 'cancelled'].includes(a.state))
          .map((a) => [a.productKey, a.state]),
      ),
  };
}

describe('SCIM push end to end', () => {
  it('an Entra PATCH adding a user to a group assigns the license in the same request; removing starts grace', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 3);
    const user = await x.user(`agent-${counter}@example.com`);
    const group = await x.group(`Contact centre ${counter}`);
    await x.ok(
      x.api.post('/rules', {
        name: 'contact centre agents',
        groupId: group,
        product: 'cc-pro',
        status: 'active',
      }),
      201,
    );
    await x.settle();

    const add = await x.scim.patchOps(`/Groups/${group}`, {
      op: 'Add',
      path: 'members',
      value: [{ value: user }],
    });
    expect(add.status).toBeLessThan(300);
    expect(await x.licenses(user)).toEqual({ 'cc-pro': 'active' });

    const remove = await x.scim.patchOps(`/Groups/${group}`, {
      op: 'Remove',
      path: 'members',
      value: [{ value: user }],
    });
    expect(remove.status).toBeLessThan(300);
    expect(await x.licenses(user)).toEqual({ 'cc-pro': 'grace' });
  });

  it('a rule with a date schedules the license; Okta-style PUT of the group works the same way', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 3);
    const user = await x.user(`okta-${counter}@example.com`);
    const group = await x.group(`Later ${counter}`);
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await x.ok(
      x.api.post('/rules', {
        name: 'later',
        groupId: group,
        product: 'cc-pro',
        status: 'active',
        activation: { kind: 'on_date', date },
      }),
      201,
    );
    await x.settle();
    await x.ok(
      x.scim.put(`/Groups/${group}`, {
        schemas: [GROUP_SCHEMA],
        displayName: `Later ${counter}`,
        members: [{ value: user }],
      }),
    );
    expect(await x.licenses(user)).toEqual({ 'cc-pro': 'scheduled' });
  });

  it('a SCIM attribute change moves a user in or out of a filtered rule', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 3);
    const user = await x.user(`filtered-${counter}@example.com`, {
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Support' },
    });
    const group = await x.group(`Everyone ${counter}`, [user]);
    await x.ok(
      x.api.post('/rules', {
        name: 'sales only',
        groupId: group,
        product: 'cc-pro',
        status: 'active',
        filter: 'department eq "Sales"',
      }),
      201,
    );
    await x.settle();
    expect(await x.licenses(user)).toEqual({});
    await x.scim.patchOps(`/Users/${user}`, {
      op: 'replace',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      value: 'Sales',
    });
    expect(await x.licenses(user)).toEqual({ 'cc-pro': 'active' });
  });
});

describe('rules API', () => {
  it('creates, reads, edits with If-Match, activates, retires and deletes only drafts', async () => {
    const x = await tenant();
    const group = await x.group(`Crud ${counter}`);
    const created = await x.api.post('/rules', { name: 'crud', groupId: group, product: 'cc-pro' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/rules/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: 'crud',
      status: 'draft',
      product: 'cc-pro',
      priority: 100,
      activation: { kind: 'now' },
      pickNumbers: false,
    });
    const id = created.body.id as string;

    const stale = await x.api.patch(`/rules/${id}`, { priority: 5 }, { 'If-Match': 'W/"9"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('rule.version_mismatch');
    const edited = await x.ok(
      x.api.patch(
        `/rules/${id}`,
        { priority: 5, filter: 'country eq "SE"' },
        { 'If-Match': String(created.headers.etag) },
      ),
    );
    expect(edited).toMatchObject({ priority: 5, filter: 'country eq "SE"', name: 'crud', version: 2 });

    expect((await x.ok(x.api.post(`/rules/${id}/activate`))).status).toBe('active');
    const del = await x.api.delete(`/rules/${id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('rule.invalid_state');
    expect((await x.ok(x.api.post(`/rules/${id}/retire`))).status).toBe('retired');
    expect((await x.api.post(`/rules/${id}/activate`)).body.code).toBe('rule.invalid_state');

    const draft = (await x.ok(x.api.post('/rules', { name: 'draft', groupId: group, product: 'basic' }), 201))
      .id;
    await x.ok(x.api.delete(`/rules/${draft}`));
    expect((await x.api.get(`/rules/${draft}`)).body.code).toBe('rule.not_found');
    const listed = await x.ok(x.api.get('/rules?status=retired'));
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it("names each rule's group, and none once the group is deleted", async () => {
    const x = await tenant();
    const kept = await x.group(`Kept ${counter}`);
    const gone = await x.group(`Gone ${counter}`);
    const created = await x.ok(x.api.post('/rules', { name: 'kept', groupId: kept, product: 'cc-pro' }), 201);
    expect(created.groupName).toBe(`Kept ${counter}`);
    await x.ok(x.api.post('/rules', { name: 'gone', groupId: gone, product: 'basic' }), 201);
    expect((await x.scim.delete(`/Groups/${gone}`)).status).toBe(204);
    const listed = await x.ok(x.api.get('/rules'));
    const byName = Object.fromEntries(
      listed.items.map((r: { name: string; groupName: string | null }) => [r.name, r.groupName]),
    );
    expect(byName).toEqual({ kept: `Kept ${counter}`, gone: null });
    expect((await x.ok(x.api.get(`/rules/${created.id}`))).groupName).toBe(`Kept ${counter}`);
  });

  it('refuses invalid rules with a clear error and nothing written', async () => {
    const x = await tenant();
    const group = await x.group(`Invalid ${counter}`);
    const badFilter = await x.api.post('/rules', {
      name: 'bad',
      groupId: group,
      product: 'cc-pro',
      filter: 'country eq',
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(badFilter.body.code).toBe('rule.invalid');
    expect(badFilter.body.detail).toMatch(/^filter: /);
    expect(
      (await x.api.post('/rules', { name: 'bad', groupId: group, product: 'no-such' })).body.detail,
    ).toBe('product: no product no-such');
    expect(
      (
        await x.api.post('/rules', {
          name: 'bad',
          groupId: '00000000-0000-4000-8000-000000000000',
          product: 'cc-pro',
        })
      ).body.code,
    ).toBe('rule.invalid');
    const missing = await x.api.post('/rules', { name: 'bad' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('validation.failed');
    await x.ok(x.api.post('/rules', { name: 'Same', groupId: group, product: 'cc-pro' }), 201);
    expect((await x.api.post('/rules', { name: 'same', groupId: group, product: 'cc-pro' })).body.code).toBe(
      'rule.already_exists',
    );
    expect((await x.ok(x.api.get('/rules'))).items).toHaveLength(1);
  });

  it('lets read_only read and preview but not write, saying which role is needed', async () => {
    const x = await tenant();
    const reader = adminClient(t.app, await issueAdminToken(t.container, x.tenantId, 'read_only'));
    const group = await x.group(`Roles ${counter}`);
    const refused = await reader.post('/rules', { name: 'nope', groupId: group, product: 'cc-pro' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('This needs the owner or license_admin role; your token has read_only');
    expect((await reader.get('/rules')).status).toBe(200);
    expect(
      (
        await reader.post('/rules/preview', {
          change: { op: 'create', rule: { name: 'p', groupId: group, product: 'cc-pro' } },
        })
      ).status,
    ).toBe(200);
  });
});

describe('preview', () => {
  it('reports adds, removals, seat shortfall, numbers needed and conflicts, and writes nothing', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 1);
    await x.buy('basic', 1);
    const users = [await x.user(`p1-${counter}@example.com`), await x.user(`p2-${counter}@example.com`)];
    const group = await x.group(`Preview ${counter}`, users);
    const events = async () =>
      (await t.container.database.knex('events').where({ tenant_id: x.tenantId }).count({ n: '*' }))[0]!.n;
    const before = await events();

    const preview = await x.ok(
      x.api.post('/rules/preview', {
        rules: [
          { name: 'cc', groupId: group, product: 'cc-pro' },
          { name: 'voice', groupId: group, product: 'basic', pickNumbers: true },
          { name: 'data', groupId: group, product: 'unlimited-5g', priority: 1 },
        ],
      }),
    );
    expect(await events()).toBe(before);
    expect(await x.licenses(users[0]!)).toEqual({});
    const byKey = Object.fromEntries(preview.products.map((p: { productKey: string }) => [p.productKey, p]));
    expect(byKey['cc-pro']).toMatchObject({ add: 2, remove: 0, seatsAvailable: 1, seatShortfall: 1 });
    expect(byKey.basic).toMatchObject({ add: 2, seatsAvailable: 1, seatShortfall: 1 });
    expect(byKey['unlimited-5g']).toMatchObject({ add: 2, seatsAvailable: 0, seatShortfall: 2 });
    // Basic needs a fixed number: two SE users, none in the pool.
    expect(preview.numbers).toEqual([
      { country: 'SE', kind: 'fixed', needed: 2, available: 0, shortfall: 2 },
    ]);
    // Who gains what: one line per user and product (two users × three products), named.
    expect(preview.gaining.total).toBe(6);
    expect(
      preview.gaining.items
        .filter((g: { productKey: string }) => g.productKey === 'cc-pro')
        .map((g: { userId: string; userName: string }) => [g.userId, g.userName])
        .sort(),
    ).toEqual(users.map((u, i) => [u, `p${i + 1}-${counter}@example.com`]).sort());
    expect(preview.rules).toEqual({ before: 0, after: 3 });
    expect(preview.losingService.total).toBe(0);
    expect(preview.massChange).toMatchObject({ licensesStopped: 0, wouldBeHeld: false });
  });

  it('previews retiring a rule: the users who would lose service, and whether the threshold holds it', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 5);
    await t.container.database.knex('tenants').where({ id: x.tenantId }).update({ mass_change_threshold: 1 });
    const users = [await x.user(`q1-${counter}@example.com`), await x.user(`q2-${counter}@example.com`)];
    const group = await x.group(`Retire ${counter}`, users);
    const rule = await x.ok(
      x.api.post('/rules', { name: 'cc', groupId: group, product: 'cc-pro', status: 'active' }),
      201,
    );
    await x.settle();
    const preview = await x.ok(x.api.post('/rules/preview', { change: { op: 'retire', ruleId: rule.id } }));
    expect(preview.products).toEqual([expect.objectContaining({ productKey: 'cc-pro', add: 0, remove: 2 })]);
    expect(
      preview.losingService.items.map((l: { userId: string; reason: string }) => [l.userId, l.reason]).sort(),
    ).toEqual(users.map((u) => [u, 'grant_revoked']).sort());
    expect(preview.massChange).toEqual({ threshold: 1, licensesStopped: 2, wouldBeHeld: true });
    expect(preview.gaining).toEqual({ total: 0, items: [] });
  });
});

describe('groups', () => {
  it('finds groups by part of their name for the rule editor, with LIKE wildcards taken literally', async () => {
    const x = await tenant();
    const sales = await x.group(`Sales SE ${counter}`);
    await x.group(`Support ${counter}`);
    const percent = await x.group(`100% remote ${counter}`);
    const reader = adminClient(t.app, await issueAdminToken(t.container, x.tenantId, 'read_only'));
    const found = await x.ok(reader.get('/groups?q=sales'));
    expect(found.items).toEqual([{ id: sales, displayName: `Sales SE ${counter}`, source: 'scim' }]);
    expect((await x.ok(x.api.get('/groups?q=%25'))).items.map((g: { id: string }) => g.id)).toEqual([
      percent,
    ]);
    const all = await x.ok(x.api.get('/groups?limit=2'));
    expect(all.items.map((g: { displayName: string }) => g.displayName)).toEqual([
      `100% remote ${counter}`,
      `Sales SE ${counter}`,
    ]);
    expect((await x.api.get('/groups?limit=0')).status).toBe(400);
  });
});

describe('holds, conflicts and explanations', () => {
  it('lists a held mass change and applies it when approved', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 5);
    await t.container.database.knex('tenants').where({ id: x.tenantId }).update({ mass_change_threshold: 1 });
    const users = [await x.user(`h1-${counter}@example.com`), await x.user(`h2-${counter}@example.com`)];
    const group = await x.group(`Held ${counter}`, users);
    const rule = await x.ok(
      x.api.post('/rules', { name: 'held', groupId: group, product: 'cc-pro', status: 'active' }),
      201,
    );
    await x.settle();
    await x.ok(x.api.post(`/rules/${rule.id}/retire`));
    await x.settle();

    const holds = await x.ok(x.api.get('/rule-holds?status=pending'));
    expect(holds.items).toHaveLength(1);
    const hold = await x.ok(x.api.get(`/rule-holds/${holds.items[0].id}`));
    expect(hold).toMatchObject({ status: 'pending', removals: 2, threshold: 1 });
    expect(
      hold.items
        .map((i: { userId: string; productKey: string; ruleName: string }) => [
          i.userId,
          i.productKey,
          i.ruleName,
        ])
        .sort(),
    ).toEqual(users.map((u) => [u, 'cc-pro', 'held']).sort());
    expect(await x.licenses(users[0]!)).toEqual({ 'cc-pro': 'active' });

    const approved = await x.ok(x.api.post(`/rule-holds/${hold.id}/approve`));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: expect.stringMatching(/^token:/) });
    expect((await x.api.post(`/rule-holds/${hold.id}/reject`)).body.code).toBe('rule_hold.invalid_state');
    await x.settle();
    for (const u of users) expect(await x.licenses(u)).toEqual({ 'cc-pro': 'grace' });
  });

  it('lists conflicts by kind and pages them', async () => {
    const x = await tenant();
    await x.buy('unlimited-5g', 5);
    const users = [
      await x.user(`c1-${counter}@example.com`),
      await x.user(`c2-${counter}@example.com`),
      await x.user(`c3-${counter}@example.com`),
    ];
    const group = await x.group(`Conflicts ${counter}`, users);
    const rule = await x.ok(
      x.api.post('/rules', {
        name: 'data without voice',
        groupId: group,
        product: 'unlimited-5g',
        status: 'active',
      }),
      201,
    );
    await x.settle();
    const first = await x.ok(x.api.get('/rules/conflicts?kind=requirement_unmet&limit=2'));
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({
      kind: 'requirement_unmet',
      ruleId: rule.id,
      message: expect.stringContaining('needs an active license in the Voice track'),
    });
    const second = await x.ok(
      x.api.get(`/rules/conflicts?kind=requirement_unmet&limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((c: { userId: string }) => c.userId))).toEqual(
      new Set(users),
    );
    expect((await x.ok(x.api.get('/rules/conflicts?kind=priority_lost'))).items).toEqual([]);
  });

  it('explains why a user has a license: the direct grant and the rule with its group', async () => {
    const x = await tenant();
    await x.buy('cc-pro', 5);
    const user = await x.user(`why-${counter}@example.com`);
    const group = await x.group(`Why ${counter}`, [user]);
    const rule = await x.ok(
      x.api.post('/rules', { name: 'why', groupId: group, product: 'cc-pro', status: 'active' }),
      201,
    );
    await x.settle();
    const [result] = (await x.ok(x.api.post('/assignments', { userIds: [user], product: 'cc-pro' }), 201))
      .results;
    const why = await x.ok(x.api.get(`/assignments/${result.assignment.id}/explanation`));
    expect(why).toMatchObject({ userId: user, product: 'cc-pro', state: 'active' });
    expect(why.grants).toEqual([
      expect.objectContaining({
        kind: 'rule',
        stillMatches: true,
        rule: expect.objectContaining({
          id: rule.id,
          name: 'why',
          group: { id: group, displayName: `Why ${counter}`, deleted: false },
        }),
      }),
      expect.objectContaining({ kind: 'direct', grantedBy: expect.stringMatching(/^token:/) }),
    ]);
  });

  it('documents the rules routes in the OpenAPI document', async () => {
    const doc = (await t.admin.get('/openapi.json')).body;
    for (const path of [
      '/rules',
      '/rules/preview',
      '/rules/conflicts',
      '/rule-holds/{id}/approve',
      '/assignments/{id}/explanation',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
