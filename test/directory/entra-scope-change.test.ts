import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { Actor } from '../../src/features/events/event-log.js';
import {
  smallDirectory,
  startDirectoryTests,
  startScenario,
  type DirectoryTestContext,
  type SyncScenario,
} from './directory-fixture.js';

// smallDirectory(): Sales (ada, bo, cy), Support (di), eve in no group.

let ctx: DirectoryTestContext;
beforeAll(async () => {
  ctx = await startDirectoryTests();
});
afterAll(async () => {
  await ctx?.close();
});

const db = () => ctx.container.database.knex;
const admin: Actor = { type: 'token', id: 'admin-scope' };

/** Active flag of each seatsync user of the tenant, by login (the UPN's local part). */
async function activeByLogin(tenantId: string): Promise<Record<string, boolean>> {
  const rows = await db()('users')
    .where({ tenant_id: tenantId })
    .whereNull('deleted_at')
    .select('user_name', 'active');
  return Object.fromEntries(rows.map((r) => [String(r.user_name).split('@')[0], Boolean(r.active)]));
}

async function userId(tenantId: string, login: string): Promise<string> {
  const row = await db()('users')
    .where({ tenant_id: tenantId, user_name: `${login}@contoso.example` })
    .whereNull('deleted_at')
    .first('id');
  return String(row.id);
}

/** The user's events as (action, actor) pairs, oldest first. */
async function userEvents(tenantId: string, login: string) {
  const events = await ctx.container.services.events.listForEntity(
    tenantId,
    'user',
    await userId(tenantId, login),
  );
  return events.map((e) => ({ action: e.action, actorType: e.actorType, actorId: e.actorId }));
}

function setScope(s: SyncScenario, scopedGroupIds: string[]) {
  return db().transaction((trx) =>
    ctx.container.directory.connections(trx).update(s.tenantId, s.connection.id, { scopedGroupIds }, admin),
  );
}

describe('narrowing the scope of a connection that synced every user', () => {
  it('takes out of scope every user outside the scoped groups, members of no group included', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      expect(await s.sync()).toMatchObject({ status: 'succeeded', created: 5 });
      // Nothing changes in the directory between the runs: only the scope does.
      expect(await s.sync()).toMatchObject({ status: 'succeeded', mode: 'incremental' });

      await setScope(s, [d.sales.id]);
      const narrowed = await s.sync();
      expect(narrowed).toMatchObject({ status: 'succeeded', mode: 'full', suspended: 2, created: 0 });
      expect(await activeByLogin(s.tenantId)).toEqual({
        ada: true,
        bo: true,
        cy: true,
        di: false,
        eve: false,
      });
      // The member of no group leaves exactly as the member of another group does.
      const connector = { action: 'user.suspended', actorType: 'connector', actorId: s.connection.id };
      for (const login of ['di', 'eve'])
        expect(await userEvents(s.tenantId, login)).toContainEqual(connector);
      for (const login of ['ada', 'bo', 'cy'])
        expect((await userEvents(s.tenantId, login)).map((e) => e.action)).not.toContain('user.suspended');

      // Converged: the next (incremental) run has nothing to do.
      expect(await s.sync()).toMatchObject({
        status: 'succeeded',
        mode: 'incremental',
        suspended: 0,
        reactivated: 0,
        updated: 0,
      });
      expect((await activeByLogin(s.tenantId)).eve).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('holds the suspensions above the mass-change threshold, members of no group included', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await db()('tenants').where({ id: s.tenantId }).update({ mass_change_threshold: 1 });
      await s.sync();
      await setScope(s, [d.sales.id]);
      const held = await s.sync();
      expect(held).toMatchObject({ status: 'held', suspended: 0 });
      expect(held.plannedSuspensions?.sort()).toEqual(
        [await userId(s.tenantId, 'di'), await userId(s.tenantId, 'eve')].sort(),
      );
      expect(await activeByLogin(s.tenantId)).toMatchObject({ di: true, eve: true });

      // The held run was planned under this scope: another change waits until it is decided.
      await expect(setScope(s, [d.sales.id, d.support.id])).rejects.toMatchObject({
        code: 'directory_sync.held_run_pending',
      });
      const approved = await ctx.container.directory.sync.approve(s.tenantId, held.id, admin);
      expect(approved).toMatchObject({ status: 'approved', suspended: 2 });
      expect(await activeByLogin(s.tenantId)).toEqual({
        ada: true,
        bo: true,
        cy: true,
        di: false,
        eve: false,
      });
      expect(await s.sync()).toMatchObject({ status: 'succeeded', suspended: 0, reactivated: 0 });
    } finally {
      await s.close();
    }
  });
});

describe('widening the scope', () => {
  it('brings back every user taken out by a narrower scope, members of no group included', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      await setScope(s, [d.sales.id]);
      expect(await s.sync()).toMatchObject({ suspended: 2 });

      await setScope(s, []);
      const widened = await s.sync();
      expect(widened).toMatchObject({ status: 'succeeded', mode: 'full', reactivated: 2, suspended: 0 });
      expect(Object.values(await activeByLogin(s.tenantId))).toEqual([true, true, true, true, true]);
      expect((await userEvents(s.tenantId, 'eve')).map((e) => e.action)).toEqual([
        'user.created',
        'user.suspended',
        'user.reactivated',
      ]);
    } finally {
      await s.close();
    }
  });

  it('creates the users a scoped connection never provisioned once every user is in scope', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory }, { scopedGroupIds: [d.sales.id] });
    try {
      expect(await s.sync()).toMatchObject({ created: 3 });
      await setScope(s, [d.sales.id, d.support.id]);
      expect(await s.sync()).toMatchObject({ status: 'succeeded', created: 1 });
      expect(Object.keys(await activeByLogin(s.tenantId)).sort()).toEqual(['ada', 'bo', 'cy', 'di']);

      await setScope(s, []);
      expect(await s.sync()).toMatchObject({ status: 'succeeded', mode: 'full', created: 1, suspended: 0 });
      expect(await activeByLogin(s.tenantId)).toEqual({ ada: true, bo: true, cy: true, di: true, eve: true });
    } finally {
      await s.close();
    }
  });
});

describe('a scope change and incremental syncs', () => {
  it('runs the next sync in full, and incremental syncs after it keep the new scope', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      expect(await s.sync()).toMatchObject({ mode: 'incremental' });
      await setScope(s, [d.sales.id]);
      expect(await s.sync()).toMatchObject({ mode: 'full', suspended: 2 });

      // Changes after the scope change arrive by delta and are judged by the new scope.
      d.directory.updateUser(d.eve.id, { jobTitle: 'Still out of scope' });
      d.directory.addMembers(d.support.id, [d.ada.id]);
      d.directory.removeMembers(d.sales.id, [d.cy.id]);
      const delta = await s.sync();
      expect(delta).toMatchObject({ status: 'succeeded', mode: 'incremental', suspended: 1, reactivated: 0 });
      expect(await activeByLogin(s.tenantId)).toEqual({
        ada: true,
        bo: true,
        cy: false,
        di: false,
        eve: false,
      });
    } finally {
      await s.close();
    }
  });
});

describe('a scope change while a sync runs', () => {
  it('is refused with 409 until the run has finished, so the run cannot undo it', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const patchScope = () =>
        api
          .patch(`/api/v1/directory/connections/${s.connection.id}`)
          .set(auth)
          .send({ scopedGroupIds: [d.sales.id] });
      // Called by the run after its first committed page: the run holds the connection.
      const during: Array<{ status: number; code: unknown }> = [];
      const run = await s.sync(async () => {
        if (during.length > 0) return;
        const res = await patchScope();
        during.push({ status: res.status, code: res.body.code });
      });
      expect(run.status).toBe('succeeded');
      expect(during).toEqual([{ status: 409, code: 'directory_sync.already_running' }]);
      const unchanged = await api.get(`/api/v1/directory/connections/${s.connection.id}`).set(auth);
      expect(unchanged.body.scopedGroupIds).toEqual([]);

      // Once the run reads as over, the connection is free for the change.
      const after = await patchScope();
      expect(after.status).toBe(200);
      expect(await s.sync()).toMatchObject({ mode: 'full', suspended: 2 });
      expect(await activeByLogin(s.tenantId)).toMatchObject({ di: false, eve: false, ada: true });
    } finally {
      await s.close();
    }
  });
});
