import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CLIENT_SECRET } from '../../connectors/fake-graph/fake-graph.js';
import { DEFAULT_ATTRIBUTE_MAPPING } from '../../src/features/directory/directory-connection.js';
import type { SyncRun } from '../../src/features/directory/sync-run-store.js';
import { createApp } from '../../src/http/app.js';
import {
  smallDirectory,
  startDirectoryTests,
  startScenario,
  type DirectoryTestContext,
} from './directory-fixture.js';

// What the console's directory page reads besides the connection itself: field errors of a connection form, the
// directory's groups to scope, the mapping vocabulary, and a run's figures while it goes.
let ctx: DirectoryTestContext;
beforeAll(async () => {
  ctx = await startDirectoryTests();
});
afterAll(async () => {
  await ctx?.close();
});

describe('directory connection form errors', () => {
  it('names the field at fault: a host not allowed, a secret missing for a new destination', async () => {
    const s = await startScenario(ctx, {});
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const badHost = await api.post('/api/v1/directory/connections').set(auth).send({
        name: 'Elsewhere',
        entraTenantId: s.graph.config.tenantId,
        clientId: s.graph.config.clientId,
        clientSecret: FAKE_CLIENT_SECRET,
        graphBaseUrl: 'http://169.254.169.254',
      });
      expect(badHost.status).toBe(400);
      expect(badHost.body).toMatchObject({
        code: 'directory_connection.host_not_allowed',
        errors: [{ in: 'body', field: 'graphBaseUrl', message: expect.stringMatching(/Graph host/) }],
      });

      const retarget = await api
        .patch(`/api/v1/directory/connections/${s.connection.id}`)
        .set(auth)
        .send({ clientId: 'another-app' });
      expect(retarget.status).toBe(400);
      expect(retarget.body).toMatchObject({
        code: 'directory_connection.secret_required',
        details: { changed: ['clientId'] },
        errors: [{ in: 'body', field: 'clientSecret', message: 'is required when changing clientId' }],
      });
      const unchanged = await api.get(`/api/v1/directory/connections/${s.connection.id}`).set(auth);
      expect(unchanged.body.clientId).toBe(s.graph.config.clientId);
    } finally {
      await s.close();
    }
  });
});

describe('directory groups and the mapping vocabulary', () => {
  it("lists the directory's groups once a sync has seen them, by name, searchable", async () => {
    const d = smallDirectory();
    d.directory.createGroup({ displayName: 'sales_100%' }, []);
    const s = await startScenario(ctx, { directory: d.directory }, { scopedGroupIds: [d.support.id] });
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const path = `/api/v1/directory/connections/${s.connection.id}/groups`;
      expect((await api.get(path).set(auth)).body).toEqual({ items: [] });
      expect(await s.sync()).toMatchObject({ status: 'succeeded' });

      // Scoped to Support, the sync still saw every group: the others can be chosen.
      const all = await api.get(path).set(auth);
      expect(all.status).toBe(200);
      expect(all.body.items).toEqual([
        { objectId: d.sales.id, displayName: 'Sales', description: null },
        { objectId: expect.any(String), displayName: 'sales_100%', description: null },
        { objectId: d.support.id, displayName: 'Support', description: null },
      ]);
      const searched = await api.get(`${path}?search=SALES`).set(auth);
      expect(searched.body.items.map((g: { displayName: string }) => g.displayName)).toEqual([
        'Sales',
        'sales_100%',
      ]);
      // LIKE wildcards are literal text: each would match every name otherwise.
      for (const wildcard of ['%', '_']) {
        const literal = await api.get(`${path}?search=${encodeURIComponent(wildcard)}`).set(auth);
        expect(literal.body.items.map((g: { displayName: string }) => g.displayName)).toEqual(['sales_100%']);
      }
      expect((await api.get(`${path}?limit=1`).set(auth)).body.items).toHaveLength(1);
      expect((await api.get(`${path}?limit=0`).set(auth)).status).toBe(400);

      d.directory.deleteGroup(d.sales.id);
      await s.sync();
      const afterDelete = await api.get(path).set(auth);
      expect(afterDelete.body.items.map((g: { displayName: string }) => g.displayName)).toEqual([
        'sales_100%',
        'Support',
      ]);
      const missing = await api.get(`/api/v1/directory/connections/${crypto.randomUUID()}/groups`).set(auth);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('directory_connection.not_found');
    } finally {
      await s.close();
    }
  });

  it('answers the default mapping and what a mapping can name', async () => {
    const s = await startScenario(ctx, {});
    try {
      const api = supertest(createApp(ctx.container));
      const res = await api
        .get('/api/v1/directory/attribute-mapping')
        .set({ Authorization: `Bearer ${s.adminToken}` });
      expect(res.status).toBe(200);
      expect(res.body.defaults).toEqual(DEFAULT_ATTRIBUTE_MAPPING);
      expect(res.body.sources).toEqual(expect.arrayContaining(['givenName', 'mobilePhone', 'manager']));
      expect(res.body.sources).toContain('extensionAttribute15');
      expect(res.body.compositeTargets).toContain('phoneNumbers.mobile');
      expect(res.body.contactTargets).toContain('department');
      expect(res.body.contactTargets).not.toContain('employeeNumber');
    } finally {
      await s.close();
    }
  });
});

describe('contact conflicts', () => {
  it('name the user whose directory number conflicts, page after page', async () => {
    const d = smallDirectory();
    d.directory.updateUser(d.eve.id, { businessPhones: [] });
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const outcome = await ctx.container.directory.reconciliation.run(s.connection.id, { trigger: 'test' });
      if (outcome.status !== 'done') throw new Error('reconciliation busy');
      // ada, bo, cy and di have the office number, bo a mobile number too.
      expect(outcome.run).toMatchObject({ status: 'succeeded', conflicts: 5 });
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const seen: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      do {
        const page: supertest.Response = await api
          .get(`/api/v1/directory/reconciliations/${outcome.run.id}/conflicts`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(auth);
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen.map((c) => c.id)).size).toBe(5);
      const users = await ctx.container.database
        .knex('users')
        .where({ tenant_id: s.tenantId })
        .select('id', 'user_name', 'display_name');
      for (const conflict of seen) {
        const user = users.find((u) => u.id === conflict.userId);
        expect(conflict).toMatchObject({ userName: user?.user_name, displayName: user?.display_name });
      }
      expect(
        seen
          .filter((c) => c.userName === 'bo@contoso.example')
          .map((c) => c.attribute)
          .sort(),
      ).toEqual(['phoneNumbers.mobile', 'phoneNumbers.work']);
      expect(seen.find((c) => c.userName === 'di@contoso.example')).toMatchObject({
        displayName: 'di Tester',
        objectId: d.di.id,
      });
    } finally {
      await s.close();
    }
  });
});

describe('sync progress', () => {
  it('records the figures of a run after each committed page, while it is still running', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      const seen: SyncRun[] = [];
      const runId = { current: '' };
      const run = await s.sync(async () => {
        const [row] = await ctx.container.database
          .knex('directory_sync_runs')
          .where({ connection_id: s.connection.id, status: 'running' });
        runId.current = row.id;
        seen.push(await ctx.container.directory.sync.getRun(s.tenantId, row.id));
      });
      expect(run.id).toBe(runId.current);
      expect(seen.every((r) => r.status === 'running')).toBe(true);
      const pages = seen.map((r) => r.pages);
      expect(pages[0]).toBe(1);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
      expect(Math.max(...seen.map((r) => r.created))).toBeGreaterThan(0);
      expect(run).toMatchObject({ status: 'succeeded', created: 5, pages: Math.max(...pages) });
    } finally {
      await s.close();
    }
  });
});
