import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CLIENT_SECRET } from '../../connectors/fake-graph/fake-graph.js';
import { generateDirectory } from '../../connectors/fake-graph/generate-directory.js';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import { runConnectionJob, scheduleConnectionJob } from '../../src/jobs/connection-job.js';
import { entraSyncJob } from '../../src/jobs/connection-jobs.js';
import supertest from 'supertest';
import { createApp } from '../../src/http/app.js';
import { formatRunSummary } from '../../src/format-run-summary.js';
import { createToken, syncTenant } from '../../src/operator.js';
import {
  smallDirectory,
  startConnectionWorker,
  startDirectoryTests,
  startScenario,
  waitForRun,
  type DirectoryTestContext,
} from './directory-fixture.js';

let ctx: DirectoryTestContext;
beforeAll(async () => {
  ctx = await startDirectoryTests();
});
afterAll(async () => {
  await ctx?.close();
});

const db = () => ctx.container.database.knex;

async function seatsyncUsers(tenantId: string) {
  return db()('users')
    .where({ tenant_id: tenantId })
    .whereNull('deleted_at')
    .select('id', 'user_name', 'active', 'profile', 'source', 'version');
}

async function membershipCount(tenantId: string): Promise<number> {
  const [row] = await db()('group_members')
    .where({ tenant_id: tenantId })
    .count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

describe('full sync', () => {
  it('creates the enabled users, the groups and their memberships', async () => {
    const directory = generateDirectory({ users: 80, groups: 4, memberships: 200, seed: 7 });
    const s = await startScenario(ctx, { directory });
    try {
      const run = await s.sync();
      expect(run).toMatchObject({ status: 'succeeded', mode: 'full', errorCode: null });
      const users = await seatsyncUsers(s.tenantId);
      const enabled = Array.from({ length: 80 }, (_, i) => directory.getUser(directory.userIdAt(i))).filter(
        (u) => u?.accountEnabled,
      );
      expect(users).toHaveLength(enabled.length);
      expect(run.created).toBe(enabled.length);
      expect(run.groups).toBe(4);
      const first = enabled[1];
      const mapped = users.find((u) => u.user_name === first?.userPrincipalName);
      expect(mapped).toMatchObject({ active: true, source: 'entra' });
      expect(mapped?.profile).toMatchObject({
        name: { givenName: first?.givenName, familyName: first?.surname },
        displayName: first?.displayName,
        title: first?.jobTitle,
        department: first?.department,
        country: first?.usageLocation,
        preferredLanguage: first?.preferredLanguage,
        employeeNumber: first?.employeeId,
        officeLocation: first?.officeLocation,
      });
      expect(mapped?.profile.phoneNumbers).toContainEqual({ value: first?.businessPhones[0], type: 'work' });
      // Generated managers are earlier users: every enabled report of an enabled manager points at them.
      const manager = users.find(
        (u) => u.user_name === directory.getUser(first?.managerId ?? '')?.userPrincipalName,
      );
      if (manager) expect(mapped?.profile.manager).toMatchObject({ value: manager.id });
      const expected = (
        await Promise.all(
          Array.from(
            { length: 4 },
            (_, j) =>
              directory
                .groupMembers(directory.groupIdAt(j))
                .filter((id) => directory.getUser(id)?.accountEnabled).length,
          ),
        )
      ).reduce((a, b) => a + b, 0);
      expect(await membershipCount(s.tenantId)).toBe(expected);
      expect(run.membershipsAdded).toBe(expected);

      // A second run with nothing changed in the directory changes nothing.
      const again = await s.sync();
      expect(again).toMatchObject({
        status: 'succeeded',
        mode: 'incremental',
        created: 0,
        updated: 0,
        suspended: 0,
        groups: 0,
        membershipsAdded: 0,
      });
    } finally {
      await s.close();
    }
  });
});

async function userByName(tenantId: string, userName: string) {
  return db()('users')
    .where({ tenant_id: tenantId })
    .whereRaw('lower(user_name) = lower(?)', [userName])
    .whereNull('deleted_at')
    .first();
}

async function groupMembers(tenantId: string, displayName: string): Promise<string[]> {
  const rows = await db()({ gm: 'group_members' })
    .join({ g: 'groups' }, 'g.id', 'gm.group_id')
    .join({ u: 'users' }, 'u.id', 'gm.user_id')
    .where({ 'g.tenant_id': tenantId, 'g.display_name': displayName })
    .whereNull('g.deleted_at')
    .orderBy('u.user_name')
    .select('u.user_name');
  return rows.map((r) => String(r.user_name).split('@')[0] ?? '');
}

describe('matching', () => {
  it('links a directory user to the SCIM user with the same e-mail instead of creating another', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      const scimUser = await ctx.container.transaction((svc) =>
        svc.users.create(
          s.tenantId,
          {
            userName: 'ADA.T@contoso.example',
            active: true,
            profile: { emails: [{ value: 'Ada@Contoso.example', type: 'work' }], title: 'Old title' },
          },
          'scim',
          { type: 'token' },
        ),
      );
      const run = await s.sync();
      expect(run).toMatchObject({ status: 'succeeded', created: 4, updated: 1 });
      const users = await seatsyncUsers(s.tenantId);
      expect(users).toHaveLength(5);
      const linked = users.find((u) => u.id === scimUser.id);
      // The SCIM client's identity stays; the directory-owned attributes come from Entra.
      expect(linked).toMatchObject({ user_name: 'ADA.T@contoso.example', source: 'scim', active: true });
      expect(linked?.profile).toMatchObject({ title: 'Agent', displayName: 'ada Tester' });
      const link = await db()('directory_users')
        .where({ connection_id: s.connection.id, object_id: d.ada.id })
        .first();
      expect(link.user_id).toBe(scimUser.id);
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['ADA.T', 'bo', 'cy']);
    } finally {
      await s.close();
    }
  });

  it('leaves attributes edited in seatsync alone and only fills them while empty', async () => {
    const d = smallDirectory();
    const s = await startScenario(
      ctx,
      { directory: d.directory },
      {
        directoryOwned: ['displayName', 'name.givenName', 'name.familyName'],
        attributeMapping: { costCenter: 'extensionAttribute1' },
      },
    );
    try {
      d.directory.updateUser(d.bo.id, { onPremisesExtensionAttributes: { extensionAttribute1: 'CC-42' } });
      await s.sync();
      const bo = await userByName(s.tenantId, 'bo@contoso.example');
      expect(bo.profile).toMatchObject({ title: 'Agent', costCenter: 'CC-42' });
      await ctx.container.transaction((svc) =>
        svc.users.modify(
          s.tenantId,
          bo.id,
          (u) => ({
            userName: u.userName,
            active: true,
            profile: { ...u.profile, title: 'Edited in seatsync' },
          }),
          { type: 'token' },
          undefined,
        ),
      );
      d.directory.updateUser(d.bo.id, { jobTitle: 'Directory title', displayName: 'Bo Renamed' });
      const run = await s.sync();
      expect(run).toMatchObject({ status: 'succeeded', updated: 1 });
      const after = await userByName(s.tenantId, 'bo@contoso.example');
      expect(after.profile).toMatchObject({ title: 'Edited in seatsync', displayName: 'Bo Renamed' });
    } finally {
      await s.close();
    }
  });
});

describe('extension attributes', () => {
  it('maps an on-premises extension attribute, and clears it when the directory empties it', async () => {
    const d = smallDirectory();
    d.directory.updateUser(d.ada.id, {
      onPremisesExtensionAttributes: { extensionAttribute1: 'CC-1', extensionAttribute2: 'kept' },
    });
    const s = await startScenario(
      ctx,
      { directory: d.directory },
      { attributeMapping: { costCenter: 'extensionAttribute1', site: 'extensionAttribute2' } },
    );
    try {
      await s.sync();
      expect((await userByName(s.tenantId, 'ada@contoso.example')).profile).toMatchObject({
        costCenter: 'CC-1',
        site: 'kept',
      });
      const mirrored = await db()('directory_users')
        .where({ connection_id: s.connection.id, object_id: d.ada.id })
        .first();
      expect(mirrored.data.extensionAttributes).toEqual({
        extensionAttribute1: 'CC-1',
        extensionAttribute2: 'kept',
      });

      d.directory.updateUser(d.ada.id, { onPremisesExtensionAttributes: { extensionAttribute1: null } });
      expect(await s.sync()).toMatchObject({ updated: 1 });
      const ada = await userByName(s.tenantId, 'ada@contoso.example');
      expect(ada.profile.costCenter).toBeUndefined();
      expect(ada.profile.site).toBe('kept');
    } finally {
      await s.close();
    }
  });
});

describe('groups', () => {
  it('adopts a seatsync group of the same name, and reports a second directory group with a name already taken', async () => {
    const d = smallDirectory();
    const twin = d.directory.createGroup({ displayName: 'SALES' }, [d.eve.id]);
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      const existing = await ctx.container.transaction((svc) =>
        svc.groups.create(s.tenantId, { displayName: 'sales', members: [] }, 'scim', { type: 'token' }),
      );
      const run = await s.sync();
      expect(run).toMatchObject({ status: 'succeeded', groups: 1 });
      const groups = (
        await db()('groups')
          .where({ tenant_id: s.tenantId })
          .whereNull('deleted_at')
          .select('id', 'display_name', 'source')
      ).sort((a, b) => a.display_name.toLowerCase().localeCompare(b.display_name.toLowerCase()));
      expect(groups).toEqual([
        { id: existing.id, display_name: 'sales', source: 'scim' },
        { id: expect.any(String), display_name: 'Support', source: 'entra' },
      ]);
      const salesRow = await db()('directory_groups')
        .where({ connection_id: s.connection.id, object_id: d.sales.id })
        .first();
      const twinRow = await db()('directory_groups')
        .where({ connection_id: s.connection.id, object_id: twin.id })
        .first();
      // The first of the two in object id order adopts the group; the other waits, dirty, for the name to free up.
      const [adopter, loser] = d.sales.id < twin.id ? [salesRow, twinRow] : [twinRow, salesRow];
      expect(adopter).toMatchObject({ group_id: existing.id, dirty: false });
      expect(loser).toMatchObject({ group_id: null, dirty: true });
      expect(run.problems).toEqual([
        {
          objectId: loser.object_id,
          code: 'group.uniqueness',
          message: expect.stringMatching(/already exists/),
        },
      ]);
      expect(await groupMembers(s.tenantId, 'sales')).toEqual(
        adopter === salesRow ? ['ada', 'bo', 'cy'] : ['eve'],
      );
    } finally {
      await s.close();
    }
  });
});

describe('group membership', () => {
  it('compares only the changed members of an applied group; a full resync or a group linked anew compares it whole', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const sales = await db()('groups').where({ tenant_id: s.tenantId, display_name: 'Sales' }).first();
      // Changed in seatsync behind the directory's back: applying one directory change to Sales leaves it alone.
      const ada = await userByName(s.tenantId, 'ada@contoso.example');
      await ctx.container.transaction((t) =>
        t.groups.modify(
          s.tenantId,
          sales.id,
          [{ kind: 'removeMembers', userIds: [ada.id] }],
          { type: 'token' },
          undefined,
        ),
      );
      d.directory.addMembers(d.sales.id, [d.eve.id]);
      expect(await s.sync()).toMatchObject({ membershipsAdded: 1, membershipsRemoved: 0 });
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['bo', 'cy', 'eve']);
      expect(await db()('directory_membership_changes').where({ connection_id: s.connection.id })).toEqual(
        [],
      );
      // A full enumeration converges every group it lists.
      s.graph.fake.expireDeltaTokens();
      expect(await s.sync()).toMatchObject({ mode: 'full', membershipsAdded: 1, membershipsRemoved: 0 });
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['ada', 'bo', 'cy', 'eve']);

      // Deleted in seatsync: the next directory change links a new group, whose membership is taken whole.
      await ctx.container.transaction((t) =>
        t.groups.delete(s.tenantId, sales.id, { type: 'token' }, undefined),
      );
      d.directory.removeMembers(d.sales.id, [d.cy.id]);
      expect(await s.sync()).toMatchObject({ status: 'succeeded', groups: 1, membershipsAdded: 3 });
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['ada', 'bo', 'eve']);
      expect(
        (
          await db()('groups')
            .where({ tenant_id: s.tenantId, display_name: 'Sales' })
            .whereNull('deleted_at')
            .first()
        ).id,
      ).not.toBe(sales.id);
    } finally {
      await s.close();
    }
  });
});

describe('rules', () => {
  it('re-evaluates the group rules of the users whose membership a sync changed, in the same transaction', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const sales = await db()('groups').where({ tenant_id: s.tenantId, display_name: 'Sales' }).first();
      const admin = { type: 'token' as const, id: 'admin' };
      await ctx.container.transaction(async (t) => {
        await t.seats.purchase(
          s.tenantId,
          { product: 'cc-pro', quantity: 10, bindingMonths: 12, termsAccepted: true },
          admin,
        );
        await t.rules.create(
          s.tenantId,
          { name: 'CC for Sales', groupId: sales.id, product: 'cc-pro', status: 'active' },
          admin,
        );
      });
      d.directory.addMembers(d.sales.id, [d.eve.id]);
      expect(await s.sync()).toMatchObject({ status: 'succeeded', membershipsAdded: 1 });
      const eve = await userByName(s.tenantId, 'eve@contoso.example');
      const licenses = await ctx.container.services.assignments.listForUser(s.tenantId, eve.id);
      expect(licenses.map((a) => [a.productKey, a.state])).toEqual([['cc-pro', 'active']]);
    } finally {
      await s.close();
    }
  });
});

describe('incremental sync', () => {
  it('applies updates, disables, deletions and membership changes, and only those', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const before = await seatsyncUsers(s.tenantId);
      const versions = new Map(before.map((u) => [u.user_name, u]));
      const lastEvent =
        (await db()('events').where({ tenant_id: s.tenantId }).max<{ max: string }[]>({ max: 'id' }))[0]
          ?.max ?? 0;
      const supportBefore = await db()('groups')
        .where({ tenant_id: s.tenantId, display_name: 'Support' })
        .first();
      d.directory.updateUser(d.ada.id, {
        jobTitle: 'Team lead',
        mobilePhone: '+46 70 222 22 22',
        businessPhones: [],
      });
      d.directory.updateUser(d.bo.id, { mobilePhone: null });
      d.directory.disableUser(d.cy.id);
      d.directory.deleteUser(d.di.id);
      d.directory.addMembers(d.support.id, [d.eve.id]);
      d.directory.removeMembers(d.sales.id, [d.ada.id]);
      const run = await s.sync();
      expect(run).toMatchObject({
        status: 'succeeded',
        mode: 'incremental',
        created: 0,
        updated: 2,
        suspended: 2,
        membershipsAdded: 1,
        membershipsRemoved: 2,
      });
      const ada = await userByName(s.tenantId, 'ada@contoso.example');
      expect(ada.profile.title).toBe('Team lead');
      expect(ada.profile.phoneNumbers).toEqual([{ value: '+46 70 222 22 22', type: 'mobile' }]);
      const bo = await userByName(s.tenantId, 'bo@contoso.example');
      expect(bo.profile.phoneNumbers).toEqual([{ value: '+46 8 555 00 00', type: 'work' }]);
      expect((await userByName(s.tenantId, 'cy@contoso.example')).active).toBe(false);
      expect((await userByName(s.tenantId, 'di@contoso.example')).active).toBe(false);
      const eve = await userByName(s.tenantId, 'eve@contoso.example');
      expect(eve.version).toBe(versions.get('eve@contoso.example')?.version ?? -1);
      // cy is disabled, not removed: still a member, as a suspended SCIM user stays one.
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['bo', 'cy']);
      expect(await groupMembers(s.tenantId, 'Support')).toEqual(['eve']);
      // Recorded as GroupService records a membership change: a version bump and one event per group and direction.
      const support = await db()('groups').where({ tenant_id: s.tenantId, display_name: 'Support' }).first();
      const sales = await db()('groups').where({ tenant_id: s.tenantId, display_name: 'Sales' }).first();
      expect(support.version).toBe(supportBefore.version + 1);
      const memberEvents = await db()('events')
        .where({ tenant_id: s.tenantId, entity_type: 'group' })
        .whereIn('action', ['group.members_added', 'group.members_removed'])
        .where('id', '>', lastEvent)
        .select('entity_id', 'action', 'after', 'actor_type', 'actor_id');
      const ids = new Map(before.map((u) => [u.user_name.split('@')[0], u.id]));
      expect(memberEvents).toEqual(
        expect.arrayContaining([
          {
            entity_id: support.id,
            action: 'group.members_added',
            after: { userIds: [ids.get('eve')] },
            actor_type: 'connector',
            actor_id: s.connection.id,
          },
          {
            entity_id: support.id,
            action: 'group.members_removed',
            after: { userIds: [ids.get('di')] },
            actor_type: 'connector',
            actor_id: s.connection.id,
          },
          {
            entity_id: sales.id,
            action: 'group.members_removed',
            after: { userIds: [ids.get('ada')] },
            actor_type: 'connector',
            actor_id: s.connection.id,
          },
        ]),
      );
      expect(memberEvents).toHaveLength(3);
      const suspended = await db()('events')
        .where({ tenant_id: s.tenantId, action: 'user.suspended' })
        .count<{ count: string }[]>({ count: '*' });
      expect(Number(suspended[0]?.count)).toBe(2);

      d.directory.updateUser(d.cy.id, { accountEnabled: true });
      const back = await s.sync();
      expect(back).toMatchObject({ reactivated: 1, suspended: 0 });
      expect((await userByName(s.tenantId, 'cy@contoso.example')).active).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('syncs only members of the scoped groups; leaving scope suspends, coming back reactivates', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory }, { scopedGroupIds: [d.sales.id] });
    try {
      const run = await s.sync();
      expect(run).toMatchObject({ created: 3, groups: 1 });
      expect((await seatsyncUsers(s.tenantId)).map((u) => u.user_name.split('@')[0]).sort()).toEqual([
        'ada',
        'bo',
        'cy',
      ]);
      expect(await db()('groups').where({ tenant_id: s.tenantId }).pluck('display_name')).toEqual(['Sales']);

      d.directory.removeMembers(d.sales.id, [d.cy.id]);
      d.directory.addMembers(d.sales.id, [d.eve.id]);
      const second = await s.sync();
      expect(second).toMatchObject({ created: 1, suspended: 1, membershipsAdded: 1, membershipsRemoved: 1 });
      expect((await userByName(s.tenantId, 'cy@contoso.example')).active).toBe(false);

      d.directory.addMembers(d.sales.id, [d.cy.id]);
      const third = await s.sync();
      expect(third).toMatchObject({ reactivated: 1, created: 0 });
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['ada', 'bo', 'cy', 'eve']);
    } finally {
      await s.close();
    }
  });
});

describe('faults', () => {
  it('runs a full resync when the delta link expired (410) and converges to the directory', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      d.directory.deleteUser(d.di.id, { permanent: true });
      d.directory.updateUser(d.ada.id, { department: 'Finance' });
      d.directory.removeMembers(d.sales.id, [d.bo.id]);
      s.graph.fake.expireDeltaTokens();
      const run = await s.sync();
      expect(run).toMatchObject({
        status: 'succeeded',
        mode: 'full',
        suspended: 1,
        updated: 1,
        membershipsRemoved: 2,
        created: 0,
      });
      expect(s.graph.fake.requests.some((r) => r.status === 410)).toBe(true);
      expect((await userByName(s.tenantId, 'di@contoso.example')).active).toBe(false);
      expect((await userByName(s.tenantId, 'ada@contoso.example')).profile.department).toBe('Finance');
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['ada', 'cy']);
      expect(await groupMembers(s.tenantId, 'Support')).toEqual([]);
      const next = await s.sync();
      expect(next).toMatchObject({ status: 'succeeded', mode: 'incremental', updated: 0, suspended: 0 });
    } finally {
      await s.close();
    }
  });

  it('resumes after a 503 from the last committed page, never applying half a page', async () => {
    const directory = generateDirectory({ users: 200, groups: 2, memberships: 60, seed: 3 });
    const s = await startScenario(ctx, { directory });
    try {
      let pages = 0;
      const usersRequests = () => s.graph.fake.requests.filter((r) => r.url.includes('/users/delta')).length;
      const failed = await s.sync(async () => {
        pages += 1;
        if (pages === 2) {
          // The third page is fetched while the second commits; once it has been asked for, Graph goes down for
          // longer than the retry budget (3 attempts), so the fourth page never comes. Waited for, however long the
          // machine takes to ask for it.
          while (usersRequests() < 3) await new Promise((resolve) => setTimeout(resolve, 5));
          s.graph.fake.faults.inject({ kind: 'status', status: 503, times: 3, match: '/users/delta' });
        }
      });
      expect(failed).toMatchObject({
        status: 'failed',
        errorCode: 'graph.unavailable',
        pages: 3,
        created: 0,
      });
      const [mirrored] = await db()('directory_users')
        .where({ connection_id: s.connection.id })
        .count<{ count: string }[]>({ count: '*' });
      expect(Number(mirrored?.count)).toBe(150);
      const state = await db()('directory_connections').where({ id: s.connection.id }).first();
      expect(state.users_resume_link).toMatch(
        /^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/delta\?\$skiptoken=/,
      );
      expect(state.lease_until).toBeNull();

      const requestsBefore = s.graph.fake.requests.length;
      const resumed = await s.sync();
      const firstUsersCall = s.graph.fake.requests
        .slice(requestsBefore)
        .find((r) => r.url.includes('/users/delta'));
      expect(firstUsersCall?.url).toContain('$skiptoken=');
      expect(resumed).toMatchObject({ status: 'succeeded', mode: 'full' });
      const enabled = Array.from({ length: 200 }, (_, i) => directory.getUser(directory.userIdAt(i))).filter(
        (u) => u?.accountEnabled,
      ).length;
      expect(resumed.created).toBe(enabled);
      expect(await seatsyncUsers(s.tenantId)).toHaveLength(enabled);
    } finally {
      await s.close();
    }
  });

  it('stops before applying a batch once another run has taken its lease', async () => {
    const d = smallDirectory();
    // Scoped: the users are applied after both enumerations (scope is group membership).
    const s = await startScenario(
      ctx,
      { directory: d.directory },
      { scopedGroupIds: [d.sales.id, d.support.id] },
    );
    try {
      let touches = 0;
      const run = await s.sync(async () => {
        touches += 1;
        // Both delta pages are committed; another worker takes the connection before the users are applied.
        if (touches === 2)
          await db()('directory_connections')
            .where({ id: s.connection.id })
            .update({ lease_run_id: crypto.randomUUID() });
      });
      expect(run).toMatchObject({ status: 'failed', errorCode: 'sync.lease_lost', pages: 2, created: 0 });
      expect(await seatsyncUsers(s.tenantId)).toEqual([]);
      expect(
        await db()('directory_users').where({ connection_id: s.connection.id, dirty: true }),
      ).toHaveLength(5);
    } finally {
      await s.close();
    }
  });

  it('on a first sync applies users while it enumerates groups, and stops both when the lease is lost', async () => {
    const directory = generateDirectory({ users: 200, groups: 4, memberships: 300, seed: 5 });
    const s = await startScenario(ctx, { directory });
    try {
      let touches = 0;
      const run = await s.sync(async () => {
        touches += 1;
        // After the users pages (4 of 50): the groups pages and the user batches that follow must commit nothing.
        if (touches === 4)
          await db()('directory_connections')
            .where({ id: s.connection.id })
            .update({ lease_run_id: crypto.randomUUID() });
      });
      expect(run).toMatchObject({ status: 'failed', errorCode: 'sync.lease_lost', pages: 4, created: 0 });
      expect(await seatsyncUsers(s.tenantId)).toEqual([]);
      expect(await db()('directory_groups').where({ connection_id: s.connection.id })).toEqual([]);

      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({ lease_run_id: null, lease_until: null });
      const resumed = await s.sync();
      const enabled = Array.from({ length: 200 }, (_, i) => directory.getUser(directory.userIdAt(i))).filter(
        (u) => u?.accountEnabled,
      ).length;
      expect(resumed).toMatchObject({ status: 'succeeded', mode: 'full', created: enabled, groups: 4 });
      const expected = Array.from(
        { length: 4 },
        (_, j) =>
          directory.groupMembers(directory.groupIdAt(j)).filter((id) => directory.getUser(id)?.accountEnabled)
            .length,
      ).reduce((a, b) => a + b, 0);
      expect(await membershipCount(s.tenantId)).toBe(expected);
    } finally {
      await s.close();
    }
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      s.graph.fake.faults.inject({
        kind: 'status',
        status: 429,
        retryAfterSeconds: 7,
        match: '/groups/delta',
      });
      const sleepsBefore = ctx.sleeps.length;
      const run = await s.sync();
      expect(run.status).toBe('succeeded');
      expect(ctx.sleeps.slice(sleepsBefore)).toEqual([7000]);
      expect(await groupMembers(s.tenantId, 'Sales')).toEqual(['ada', 'bo', 'cy']);
    } finally {
      await s.close();
    }
  });

  it('does not start a second run while one holds the connection', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({ lease_until: db().raw("now() + interval '1 minute'") });
      const outcome = await ctx.container.directory.sync.run(s.connection.id, { trigger: 'test' });
      expect(outcome.status).toBe('busy');
      expect(await db()('directory_sync_runs').where({ connection_id: s.connection.id })).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('runs a requested run once a job takes it, and skips one that another run gave up on', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      const sync = ctx.container.directory.sync;
      const request = () =>
        ctx.container.transaction((_s, trx) => sync.request(trx, s.tenantId, s.connection.id, 'api'));
      const runId = await request();
      // Recorded and holding the connection: a second request, and a scheduled run, find it busy.
      await expect(request()).rejects.toMatchObject({ code: 'directory_sync.already_running' });
      expect(await sync.run(s.connection.id, { trigger: 'test' })).toMatchObject({ status: 'busy' });
      expect(await sync.runRequested(s.connection.id, runId)).toMatchObject({
        status: 'done',
        run: { id: runId, status: 'succeeded', trigger: 'api', created: 5 },
      });
      // A requested run whose lease ran out before a worker took it: the next run gives up on it, and the late job
      // then does nothing.
      const late = await request();
      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({ lease_until: db().raw("now() - interval '1 second'") });
      expect(await s.sync()).toMatchObject({ status: 'succeeded' });
      expect(await sync.runRequested(s.connection.id, late)).toEqual({
        status: 'busy',
        connectionId: s.connection.id,
      });
      expect(await sync.getRun(s.tenantId, late)).toMatchObject({
        status: 'failed',
        errorCode: 'sync.abandoned',
      });
      // No job could be queued for a request: it is given up at once, and the connection is free again.
      const unqueued = await request();
      await sync.giveUp(s.connection.id, unqueued);
      expect(await sync.getRun(s.tenantId, unqueued)).toMatchObject({
        status: 'failed',
        errorCode: 'sync.abandoned',
      });
      expect(await s.sync()).toMatchObject({ status: 'succeeded' });
      await expect(
        ctx.container.transaction((_s, trx) => sync.request(trx, s.tenantId, crypto.randomUUID(), 'api')),
      ).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await s.close();
    }
  });
});

describe('mass-change protection', () => {
  it('holds suspensions above the threshold until an admin approves them', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await db()('tenants').where({ id: s.tenantId }).update({ mass_change_threshold: 1 });
      await s.sync();
      d.directory.disableUser(d.ada.id);
      d.directory.deleteUser(d.bo.id);
      d.directory.updateUser(d.cy.id, { jobTitle: 'Still applied' });
      const held = await s.sync();
      expect(held).toMatchObject({ status: 'held', suspended: 0, updated: 1 });
      const ada = await userByName(s.tenantId, 'ada@contoso.example');
      const bo = await userByName(s.tenantId, 'bo@contoso.example');
      expect(held.plannedSuspensions?.sort()).toEqual([ada.id, bo.id].sort());
      expect(ada.active && bo.active).toBe(true);
      expect((await userByName(s.tenantId, 'cy@contoso.example')).profile.title).toBe('Still applied');

      const approved = await ctx.container.directory.sync.approve(s.tenantId, held.id, {
        type: 'token',
        id: 'admin-1',
      });
      expect(approved).toMatchObject({ status: 'approved', suspended: 2, decidedBy: 'token:admin-1' });
      expect((await userByName(s.tenantId, 'ada@contoso.example')).active).toBe(false);
      expect((await userByName(s.tenantId, 'bo@contoso.example')).active).toBe(false);
      await expect(
        ctx.container.directory.sync.approve(s.tenantId, held.id, { type: 'token' }),
      ).rejects.toMatchObject({ code: 'directory_sync_run.invalid_state' });
      expect(await s.sync()).toMatchObject({ status: 'succeeded', suspended: 0 });
    } finally {
      await s.close();
    }
  });

  it('drops held suspensions when rejected', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await db()('tenants').where({ id: s.tenantId }).update({ mass_change_threshold: 0 });
      await s.sync();
      d.directory.disableUser(d.eve.id);
      const held = await s.sync();
      expect(held.status).toBe('held');
      const rejected = await ctx.container.directory.sync.reject(s.tenantId, held.id, {
        type: 'token',
        id: 'admin-2',
      });
      expect(rejected.status).toBe('rejected');
      expect((await userByName(s.tenantId, 'eve@contoso.example')).active).toBe(true);
      expect(await s.sync()).toMatchObject({ status: 'succeeded', suspended: 0 });
    } finally {
      await s.close();
    }
  });
});

describe('directory connections', () => {
  it('stores the client secret encrypted and never returns it', async () => {
    const s = await startScenario(ctx, {});
    try {
      const row = await ctx.container.database
        .knex('directory_connections')
        .where({ id: s.connection.id })
        .first();
      const stored = row.client_secret_encrypted as Buffer;
      expect(stored.length).toBeGreaterThan(28);
      expect(stored.includes(Buffer.from(FAKE_CLIENT_SECRET))).toBe(false);
      expect(stored.toString('latin1')).not.toContain(FAKE_CLIENT_SECRET);
      const connections = ctx.container.directory.connections(ctx.container.database.knex);
      const read = await connections.get(s.tenantId, s.connection.id);
      const listed = await connections.list(s.tenantId);
      for (const shown of [s.connection, read, ...listed]) {
        const json = JSON.stringify(shown);
        expect(json).not.toContain(FAKE_CLIENT_SECRET);
        expect(json).not.toMatch(/clientSecret"|Encrypted|deltaLink/i);
      }
      expect(read).toMatchObject({
        clientSecretSet: true,
        nextRun: 'full',
        syncInterval: '30 minutes',
        enabled: true,
      });
    } finally {
      await s.close();
    }
  });

  it('records connection changes as events of the connection', async () => {
    const s = await startScenario(ctx, {});
    try {
      const connections = ctx.container.directory.connections(db());
      await connections.update(
        s.tenantId,
        s.connection.id,
        { syncInterval: '2 hours' },
        { type: 'token', id: 'admin-9' },
      );
      const events = await ctx.container.services.events.listForEntity(
        s.tenantId,
        'directory_connection',
        s.connection.id,
      );
      expect(events.map((e) => e.action)).toEqual([
        'directory_connection.created',
        'directory_connection.updated',
      ]);
      expect(events[1]).toMatchObject({
        actorType: 'token',
        actorId: 'admin-9',
        before: { syncInterval: '30 minutes' },
        after: { syncInterval: '2 hours' },
      });
      expect(JSON.stringify(events)).not.toContain(FAKE_CLIENT_SECRET);
    } finally {
      await s.close();
    }
  });

  it('tests a connection with the stored credentials and names what is wrong', async () => {
    const s = await startScenario(ctx, {});
    try {
      const connections = ctx.container.directory.connections(ctx.container.database.knex);
      expect(await connections.test(s.tenantId, s.connection.id)).toEqual({ ok: true });
      await connections.update(
        s.tenantId,
        s.connection.id,
        { clientSecret: 'wrong-secret' },
        { type: 'cli' },
      );
      expect(await connections.test(s.tenantId, s.connection.id)).toMatchObject({
        ok: false,
        code: 'auth.invalid_secret',
      });
      await connections.update(
        s.tenantId,
        s.connection.id,
        // Another tenant needs the secret again in the same change (it is never sent to a new destination).
        { entraTenantId: '99999999-9999-4999-8999-999999999999', clientSecret: FAKE_CLIENT_SECRET },
        { type: 'cli' },
      );
      expect(await connections.test(s.tenantId, s.connection.id)).toMatchObject({
        ok: false,
        code: 'auth.unknown_tenant',
      });
    } finally {
      await s.close();
    }
  });

  it('reuses one Graph client (and MSAL token cache) per connection version', async () => {
    const s = await startScenario(ctx, {});
    try {
      await s.sync();
      await s.sync();
      expect(s.graph.fake.tokens.tokenRequests.filter((r) => r.outcome === 'issued')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('validates input: mapping targets, intervals and URLs', async () => {
    const s = await startScenario(ctx, {});
    try {
      const connections = ctx.container.directory.connections(ctx.container.database.knex);
      await expect(
        connections.update(
          s.tenantId,
          s.connection.id,
          { attributeMapping: { userName: 'mail' } },
          { type: 'cli' },
        ),
      ).rejects.toMatchObject({ code: 'invalid_value' });
      await expect(
        connections.update(
          s.tenantId,
          s.connection.id,
          { attributeMapping: { costCenter: 'extensionAttribute16' as 'extensionAttribute15' } },
          { type: 'cli' },
        ),
      ).rejects.toMatchObject({ code: 'invalid_value' });
      await expect(
        connections.update(
          s.tenantId,
          s.connection.id,
          { syncInterval: 'every now and then' },
          { type: 'cli' },
        ),
      ).rejects.toMatchObject({ code: 'invalid_value' });
      const updated = await connections.update(
        s.tenantId,
        s.connection.id,
        {
          attributeMapping: { costCenter: 'extensionAttribute1', officeLocation: null },
          syncInterval: '1 hour',
        },
        { type: 'cli' },
      );
      expect(updated).toMatchObject({
        attributeMapping: { costCenter: 'extensionAttribute1', officeLocation: null },
        syncInterval: '1 hour',
        version: 2,
      });
    } finally {
      await s.close();
    }
  });
});

describe('entra-sync job', () => {
  it('keeps one recurring job per enabled connection and runs a connection from its job data', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory }, { syncInterval: '15 minutes' });
    // The job runner's own Agenda only closes its pool once started; this one is closed explicitly.
    const settings = db().client.connectionSettings as {
      host: string;
      port: number;
      connectionString?: string;
    };
    const backend = new PostgresBackend({
      ...(settings.connectionString
        ? { connectionString: settings.connectionString }
        : {
            poolConfig: {
              host: settings.host,
              port: settings.port,
              user: 'postgres',
              database: 'postgres',
              max: 1,
            },
          }),
      ensureSchema: false,
      disableNotifications: true,
    });
    const agenda = new Agenda({ backend });
    const runner = { agenda };
    try {
      await runner.agenda.ready;
      const jobs = () =>
        db()('agenda_jobs')
          .where({ name: entraSyncJob.name })
          .whereRaw("data->>'connectionId' = ?", [s.connection.id])
          .select('id', 'repeat_interval', 'next_run_at');
      await scheduleConnectionJob(runner.agenda, ctx.container, entraSyncJob);
      const [first] = await jobs();
      expect(first?.repeat_interval).toBe('15 minutes');
      await scheduleConnectionJob(runner.agenda, ctx.container, entraSyncJob);
      expect(await jobs()).toEqual([first]);

      const connections = ctx.container.directory.connections(db());
      await connections.update(s.tenantId, s.connection.id, { syncInterval: '1 hour' }, { type: 'cli' });
      await scheduleConnectionJob(runner.agenda, ctx.container, entraSyncJob);
      expect((await jobs()).map((j) => j.repeat_interval)).toEqual(['1 hour']);
      await connections.update(s.tenantId, s.connection.id, { enabled: false }, { type: 'cli' });
      await scheduleConnectionJob(runner.agenda, ctx.container, entraSyncJob);
      expect(await jobs()).toEqual([]);

      let touches = 0;
      const outcome = await runConnectionJob(
        entraSyncJob,
        ctx.container,
        { connectionId: s.connection.id },
        async () => {
          touches += 1;
        },
      );
      expect(outcome).toMatchObject({
        status: 'done',
        run: { status: 'succeeded', trigger: 'schedule', created: 5 },
      });
      expect(touches).toBeGreaterThan(1);
      await expect(
        runConnectionJob(entraSyncJob, ctx.container, { connectionId: 'not-a-uuid' }),
      ).rejects.toThrow();
    } finally {
      await backend.disconnect();
      await s.close();
    }
  });
});

describe('admin API and CLI', () => {
  it('manages a connection, syncs it on demand and lists its runs; the secret never comes back', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const created = await api
        .post('/api/v1/directory/connections')
        .set(auth)
        .send({
          name: 'Second',
          entraTenantId: s.graph.config.tenantId,
          clientId: s.graph.config.clientId,
          clientSecret: FAKE_CLIENT_SECRET,
          authorityHost: s.graph.url,
          graphBaseUrl: s.graph.url,
          scopedGroupIds: [d.support.id],
        });
      expect(created.status).toBe(201);
      expect(JSON.stringify(created.body)).not.toContain(FAKE_CLIENT_SECRET);
      expect(created.body).toMatchObject({
        name: 'Second',
        clientSecretSet: true,
        scopedGroupIds: [d.support.id],
      });
      const id = created.body.id as string;

      const listed = await api.get('/api/v1/directory/connections').set(auth);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((c: { name: string }) => c.name).sort()).toEqual([
        'Contoso Entra',
        'Second',
      ]);
      expect((await api.post(`/api/v1/directory/connections/${id}/test`).set(auth)).body).toEqual({
        ok: true,
      });

      // The run is queued as a job: a worker in this process takes it.
      const worker = await startConnectionWorker(ctx.container);
      let run: Awaited<ReturnType<typeof waitForRun>>;
      let started: supertest.Response;
      try {
        started = await api.post(`/api/v1/directory/connections/${id}/sync`).set(auth);
        expect(started.status).toBe(202);
        expect(started.headers.location).toBe(`/api/v1/directory/runs/${started.body.runId}`);
        run = await waitForRun(api, auth, `/api/v1/directory/runs/${started.body.runId}`);
      } finally {
        await worker.stop();
      }
      expect(run).toMatchObject({ status: 'succeeded', trigger: 'api', created: 1, groups: 1 });
      const runs = await api.get(`/api/v1/directory/connections/${id}/runs`).set(auth);
      expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual([started.body.runId]);

      const notHeld = await api.post(`/api/v1/directory/runs/${started.body.runId}/approve`).set(auth);
      expect(notHeld.status).toBe(409);
      expect(notHeld.body.code).toBe('directory_sync_run.invalid_state');
      const invalid = await api
        .patch(`/api/v1/directory/connections/${id}`)
        .set(auth)
        .send({ syncInterval: 'sometimes' });
      expect(invalid.status).toBe(400);
      const patched = await api
        .patch(`/api/v1/directory/connections/${id}`)
        .set(auth)
        .send({ enabled: false });
      expect(patched.body).toMatchObject({ enabled: false, version: 2 });
      expect(
        (await api.get(`/api/v1/directory/connections/${crypto.randomUUID()}`).set(auth)).body.code,
      ).toBe('directory_connection.not_found');

      const reader = await createToken(ctx.container, s.tenantName, 'admin', 'read_only');
      const forbidden = await api
        .post('/api/v1/directory/connections')
        .set({ Authorization: `Bearer ${reader.token}` })
        .send({});
      expect(forbidden.status).toBe(403);
      expect((await api.delete(`/api/v1/directory/connections/${id}`).set(auth)).body).toEqual({
        id,
        deleted: true,
      });
    } finally {
      await s.close();
    }
  });

  it("runs the tenant's enabled connections for `seatsync sync --tenant` and summarises each run", async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      const results = await syncTenant(ctx.container, s.tenantName);
      expect(results).toHaveLength(1);
      const [first] = results;
      expect(first?.outcome).toMatchObject({ status: 'done', run: { trigger: 'cli', created: 5 } });
      const text = formatRunSummary(
        first?.name ?? '',
        first?.outcome ?? { status: 'busy', connectionId: '' },
      );
      expect(text).toMatch(/^Contoso Entra: succeeded \(full sync, \d+ pages/);
      expect(text).toContain('users: 5 created, 0 updated, 0 suspended, 0 reactivated');
      await expect(syncTenant(ctx.container, 'no-such-tenant')).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await s.close();
    }
  });
});

describe('numbers the tenant owns', () => {
  it('a sync that drops a pool number or brings another user’s keeps the pool number, the license and lists the conflict', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const ada = await userByName(s.tenantId, 'ada@contoso.example');
      const bo = await userByName(s.tenantId, 'bo@contoso.example');
      const actor = { type: 'cli' as const };
      const { pool, assignment } = await ctx.container.transaction(async (services) => {
        await services.seats.purchase(
          s.tenantId,
          { product: 'basic', quantity: 2, bindingMonths: 12, termsAccepted: true },
          actor,
        );
        const [number] = await services.numbers.acquire(
          s.tenantId,
          { country: 'SE', kind: 'fixed', quantity: 1 },
          actor,
        );
        const [result] = await services.assignments.assign(
          s.tenantId,
          { userIds: [ada.id], product: 'basic', numbers: { fixed: number!.e164, pickFromPool: false } },
          actor,
        );
        return { pool: number!.e164, assignment: result!.assignment };
      });
      expect(assignment.state).toBe('active');
      const bosNumber = (bo.profile.phoneNumbers as Array<{ value: string }>)[0]!.value;

      d.directory.updateUser(d.ada.id, { businessPhones: [bosNumber], mobilePhone: null });
      const run = await s.sync();
      expect(run.status).toBe('succeeded');
      const after = await userByName(s.tenantId, 'ada@contoso.example');
      const values = (after.profile.phoneNumbers as Array<{ value: string }>).map((p) => p.value);
      expect(values).toContain(pool);
      const licence = await ctx.container.services.assignments.get(s.tenantId, assignment.id);
      expect(licence.state).toBe('active');
      const conflicts = await ctx.container.services.numbers.contactConflicts(
        s.tenantId,
        ada.id,
        after.profile.phoneNumbers,
      );
      expect(conflicts.map((c) => c.value)).toEqual([bosNumber]);
    } finally {
      await s.close();
    }
  });
});
