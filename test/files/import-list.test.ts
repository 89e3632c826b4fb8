import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/operator.js';
import { adminClient, buildTestApp, issueAdminToken, type TestApp } from '../helpers/test-app.js';

const CSV = 'text/csv';
const HEADER = 'first_name,surname,email,country';

let t: TestApp;

const upload = async (fileName: string) => {
  const res = await t.admin.post(
    `/imports?fileName=${fileName}`,
    Buffer.from(`${HEADER}\r\nAda,Lovelace,${fileName}@list.example,SE`),
    { 'Content-Type': CSV },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.import.id as string;
};

/** Every page of GET /imports with `limit`, in order, and how many requests it took. */
async function allPages(api: ReturnType<typeof adminClient>, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let requests = 0;
  do {
    const res = await api.get(
      `/imports?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor as string | null;
    requests += 1;
  } while (cursor);
  return { ids, requests };
}

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('GET /imports', () => {
  it('pages through the imports newest first, ties in upload time broken by id, with no repeat or gap', async () => {
    const a = await upload('a');
    const b = await upload('b');
    const c = await upload('c');
    // Two imports in one transaction share created_at (now() is the transaction's start): only the id orders them.
    const [d, e] = await t.container.transaction(async (s) => {
      const file = { fileName: 'same-time', format: 'csv' as const, strict: false };
      const actor = { type: 'token' as const, id: 'list-test' };
      return [
        (await s.imports.dryRun(t.tenant.tenantId, file, [], actor)).import.id,
        (await s.imports.dryRun(t.tenant.tenantId, file, [], actor)).import.id,
      ];
    });
    const expected = [...[d!, e!].sort().reverse(), c, b, a];

    const first = await t.admin.get('/imports?limit=2');
    expect(first.body.items[0]).toMatchObject({
      status: 'validated',
      fileName: 'same-time',
      progress: { total: 0, invalid: 0, done: 0, failed: 0 },
    });
    expect(await allPages(t.admin, 2)).toEqual({ ids: expected, requests: 3 });
    expect((await allPages(t.admin, 50)).ids).toEqual(expected);

    const third = (await t.admin.get('/imports?limit=50')).body.items[2];
    expect(third).toMatchObject({
      id: c,
      fileName: 'c',
      format: 'csv',
      summary: { rows: 1, valid: 1, invalid: 0, users: { create: 1 } },
    });
  });

  it('shows an import being applied with its progress', async () => {
    const id = await upload('applying');
    expect((await t.admin.post(`/imports/${id}/apply`)).status).toBe(202);
    const listed = (await t.admin.get('/imports?limit=1')).body.items[0];
    expect(listed).toMatchObject({ id, status: 'applying', progress: { total: 1, done: 0 } });
    expect(listed.applyRequestedAt).not.toBeNull();
  });

  it("lists a read-only admin the tenant's imports and never another tenant's", async () => {
    const other = await createTenant(t.container, `other-${Math.random().toString(36).slice(2, 8)}`);
    const otherApi = adminClient(t.app, other.adminToken);
    expect((await otherApi.get('/imports')).body).toEqual({ items: [], nextCursor: null });

    const readOnly = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'read_only'));
    const mine = await allPages(t.admin, 200);
    expect((await allPages(readOnly, 200)).ids).toEqual(mine.ids);
    expect(mine.ids.length).toBeGreaterThan(0);
  });

  it('refuses a cursor it did not issue and a limit out of range', async () => {
    const forged = await t.admin.get('/imports?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ in: 'query', field: 'cursor' });
    for (const email of ['one@list.example', 'two@list.example'])
      expect((await t.admin.post('/users', { firstName: 'List', surname: 'User', email })).status).toBe(201);
    // A cursor of another list: paging imports from it would be meaningless.
    const foreign = (await t.admin.get('/users?limit=1')).body.nextCursor as string;
    const refused = await t.admin.get(`/imports?cursor=${encodeURIComponent(foreign)}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/another list/);
    expect((await t.admin.get('/imports?limit=0')).status).toBe(400);
    expect((await t.admin.get('/imports?limit=201')).status).toBe(400);
  });
});
