import { randomUUID } from 'node:crypto';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesFor } from '../../src/container.js';
import { ContactReconciliationService } from '../../src/features/directory/contact-reconciliation-service.js';
import type { ReconciliationRun } from '../../src/features/directory/reconciliation-run-store.js';
import type { UserProfile } from '../../src/features/users/user.js';
import { createApp } from '../../src/http/app.js';
import { runConnectionJob, scheduleConnectionJob } from '../../src/jobs/connection-job.js';
import { contactReconciliationJob } from '../../src/jobs/connection-jobs.js';
import { createToken } from '../../src/operator.js';
import {
  smallDirectory,
  startDirectoryTests,
  startConnectionWorker,
  startScenario,
  waitForRun,
  type DirectoryTestContext,
  type SyncScenario,
} from './directory-fixture.js';

let ctx: DirectoryTestContext;
beforeAll(async () => {
  ctx = await startDirectoryTests();
});
afterAll(async () => {
  await ctx?.close();
});

const db = () => ctx.container.database.knex;

async function userByName(
  tenantId: string,
  login: string,
): Promise<{ id: string; version: number; profile: UserProfile }> {
  return db()('users')
    .where({ tenant_id: tenantId, user_name: `${login}@contoso.example` })
    .whereNull('deleted_at')
    .first();
}

/** An edit made in seatsync (as an admin or a SCIM client would), bypassing the directory. */
async function editProfile(
  tenantId: string,
  login: string,
  edit: (profile: UserProfile) => UserProfile,
): Promise<void> {
  const user = await userByName(tenantId, login);
  await ctx.container.transaction((s) =>
    s.users.modify(
      tenantId,
      user.id,
      (u) => ({ userName: u.userName, externalId: u.externalId, active: u.active, profile: edit(u.profile) }),
      { type: 'token', id: 'admin' },
      undefined,
    ),
  );
}

async function reconcile(s: SyncScenario): Promise<ReconciliationRun> {
  const outcome = await ctx.container.directory.reconciliation.run(s.connection.id, { trigger: 'test' });
  if (outcome.status !== 'done') throw new Error('reconciliation busy');
  return outcome.run;
}

function phone(profile: UserProfile, type: string): string | undefined {
  return profile.phoneNumbers?.find((p) => p.type === type)?.value;
}

describe('contact reconciliation', () => {
  it('sets drifted directory-owned contact fields back through UserService.modify and leaves the others alone', async () => {
    const d = smallDirectory();
    d.directory.updateUser(d.di.id, { managerId: d.ada.id });
    const s = await startScenario(
      ctx,
      { directory: d.directory },
      {
        directoryOwned: [
          'name.givenName',
          'name.familyName',
          'displayName',
          'title',
          'department',
          'phoneNumbers.mobile',
          'manager',
        ],
      },
    );
    try {
      await s.sync();
      const ada = await userByName(s.tenantId, 'ada');
      const eve = await userByName(s.tenantId, 'eve');
      // Owned by the directory: a title, a mobile number and a manager changed in seatsync.
      await editProfile(s.tenantId, 'ada', (p) => ({
        ...p,
        title: 'Edited in seatsync',
        department: 'Made up',
      }));
      await editProfile(s.tenantId, 'bo', (p) => ({
        ...p,
        phoneNumbers: [
          { value: '+46 8 555 00 00', type: 'work' },
          { value: '+46 70 999 99 99', type: 'mobile' },
        ],
      }));
      await editProfile(s.tenantId, 'di', (p) => ({ ...p, manager: { value: eve.id } }));
      // Edited in seatsync: the country and the work number are not the directory's.
      await editProfile(s.tenantId, 'cy', (p) => ({
        ...p,
        country: 'NO',
        phoneNumbers: [{ value: '+46 8 123 45 67', type: 'work' }],
      }));
      const versions = new Map(
        await db()('users')
          .where({ tenant_id: s.tenantId })
          .select('user_name', 'version')
          .then((rows) => rows.map((r) => [r.user_name, r.version])),
      );
      const eventsBefore = await db()('events')
        .where({ tenant_id: s.tenantId })
        .max<{ max: string }[]>({ max: 'id' });

      const run = await reconcile(s);
      expect(run).toMatchObject({
        status: 'succeeded',
        trigger: 'test',
        checked: 5,
        fixed: 3,
        errorCode: null,
      });

      const adaAfter = await userByName(s.tenantId, 'ada');
      expect(adaAfter.profile.title).toBe('Agent');
      expect(adaAfter.profile.department).toBeUndefined();
      expect(adaAfter.profile.name).toEqual({ givenName: 'Ada', familyName: 'Tester' });
      expect(phone((await userByName(s.tenantId, 'bo')).profile, 'mobile')).toBe('+46 70 111 11 11');
      expect((await userByName(s.tenantId, 'di')).profile.manager).toMatchObject({ value: ada.id });
      const cy = await userByName(s.tenantId, 'cy');
      expect(cy.profile.country).toBe('NO');
      expect(phone(cy.profile, 'work')).toBe('+46 8 123 45 67');
      expect(cy.version).toBe(versions.get('cy@contoso.example'));

      // Each fix is a user.updated event by the connector, with the state before and after.
      const events = await db()('events')
        .where({ tenant_id: s.tenantId, action: 'user.updated' })
        .where('id', '>', eventsBefore[0]?.max ?? 0)
        .select('entity_id', 'actor_type', 'actor_id', 'before', 'after');
      expect(events.map((e) => e.entity_id).sort()).toEqual(
        [ada.id, (await userByName(s.tenantId, 'bo')).id, (await userByName(s.tenantId, 'di')).id].sort(),
      );
      for (const event of events)
        expect(event).toMatchObject({ actor_type: 'connector', actor_id: s.connection.id });
      const adaEvent = events.find((e) => e.entity_id === ada.id);
      expect(adaEvent?.before.profile.title).toBe('Edited in seatsync');
      expect(adaEvent?.after.profile.title).toBe('Agent');

      expect(await reconcile(s)).toMatchObject({ status: 'succeeded', checked: 5, fixed: 0 });
    } finally {
      await s.close();
    }
  });

  it('follows the mapping: an attribute turned off or mapped to another source is compared accordingly', async () => {
    const d = smallDirectory();
    d.directory.updateUser(d.ada.id, {
      officeLocation: 'Stockholm',
      onPremisesExtensionAttributes: { extensionAttribute3: 'Sales floor 3' },
    });
    const s = await startScenario(
      ctx,
      { directory: d.directory },
      { attributeMapping: { department: 'extensionAttribute3', officeLocation: null } },
    );
    try {
      await s.sync();
      expect((await userByName(s.tenantId, 'ada')).profile).toMatchObject({ department: 'Sales floor 3' });
      await editProfile(s.tenantId, 'ada', (p) => ({
        ...p,
        department: 'Somewhere else',
        officeLocation: 'Kept',
      }));
      const run = await reconcile(s);
      expect(run).toMatchObject({ checked: 5, fixed: 1 });
      expect((await userByName(s.tenantId, 'ada')).profile).toMatchObject({
        department: 'Sales floor 3',
        officeLocation: 'Kept',
      });
    } finally {
      await s.close();
    }
  });

  it("reports directory numbers the tenant does not own, or that are another user's", async () => {
    const d = smallDirectory();
    d.directory.updateUser(d.ada.id, { businessPhones: ['+46 8 555 00 01'] });
    d.directory.updateUser(d.bo.id, { businessPhones: ['+46 (8) 555-00-02'] });
    d.directory.updateUser(d.cy.id, { businessPhones: ['0046 8 555 00 01'] });
    d.directory.updateUser(d.di.id, { businessPhones: ['08-555 00 03'] });
    d.directory.updateUser(d.eve.id, { businessPhones: [] });
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const ada = await userByName(s.tenantId, 'ada');
      await db()('phone_numbers').insert([
        {
          tenant_id: s.tenantId,
          e164: '+4685550001',
          kind: 'fixed',
          country: 'SE',
          status: 'assigned',
          origin: 'provider',
          user_id: ada.id,
        },
        {
          tenant_id: s.tenantId,
          e164: '+4685550002',
          kind: 'fixed',
          country: 'SE',
          status: 'available',
          origin: 'provider',
        },
      ]);
      const run = await reconcile(s);
      expect(run).toMatchObject({ status: 'succeeded', checked: 5, fixed: 0, conflicts: 3 });
      const conflicts = await ctx.container.directory.reconciliation.listConflicts(s.tenantId, run.id, 10);
      const byUser = new Map(conflicts.map((c) => [c.objectId, c]));
      expect(byUser.get(d.bo.id)).toMatchObject({
        attribute: 'phoneNumbers.mobile',
        number: '+46 70 111 11 11',
        e164: '+46701111111',
        code: 'number.not_owned',
      });
      expect(byUser.get(d.cy.id)).toMatchObject({
        attribute: 'phoneNumbers.work',
        number: '0046 8 555 00 01',
        e164: '+4685550001',
        code: 'number.assigned_to_other_user',
      });
      expect(byUser.get(d.di.id)).toMatchObject({
        attribute: 'phoneNumbers.work',
        number: '08-555 00 03',
        e164: null,
        code: 'number.not_international',
      });
      expect(byUser.has(d.ada.id)).toBe(false);
      expect(conflicts).toHaveLength(3);
      expect(conflicts.every((c) => c.userId !== null && c.runId === run.id)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('commits batch by batch, touching the job between batches, and stops at the batch after losing its lease', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      for (const login of ['ada', 'bo', 'cy', 'di', 'eve'])
        await editProfile(s.tenantId, login, (p) => ({ ...p, title: 'Drifted' }));
      const service = new ContactReconciliationService({
        knex: db(),
        servicesOn: servicesFor,
        logger: ctx.container.logger,
        batchSize: 2,
      });

      let touches = 0;
      const outcome = await service.run(s.connection.id, {
        trigger: 'test',
        touch: async () => {
          touches += 1;
          // Another worker takes over after the first batch (as if this one had run past its lease).
          if (touches === 1)
            await db()('directory_connections')
              .where({ id: s.connection.id })
              .update({ reconcile_lease_run_id: randomUUID() });
        },
      });
      expect(outcome).toMatchObject({
        status: 'done',
        run: { status: 'failed', errorCode: 'reconciliation.lease_lost', checked: 2, fixed: 2 },
      });
      const titles = (await db()('users').where({ tenant_id: s.tenantId }).select('profile')).map(
        (u) => u.profile.title,
      );
      expect(titles.filter((t) => t === 'Agent')).toHaveLength(2);

      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({ reconcile_lease_run_id: null, reconcile_lease_until: null });
      touches = 0;
      const second = await service.run(s.connection.id, {
        trigger: 'test',
        touch: async () => void (touches += 1),
      });
      expect(second).toMatchObject({ status: 'done', run: { status: 'succeeded', checked: 5, fixed: 3 } });
      expect(touches).toBe(3);
      const state = await db()('directory_connections').where({ id: s.connection.id }).first();
      expect(state).toMatchObject({ reconcile_lease_run_id: null, reconcile_lease_until: null });
    } finally {
      await s.close();
    }
  });

  it('runs once per connection at a time, independently of the sync, and records a run that died as failed', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({
          reconcile_lease_run_id: randomUUID(),
          reconcile_lease_until: db().raw("now() + interval '1 minute'"),
        });
      expect(await ctx.container.directory.reconciliation.run(s.connection.id, { trigger: 'test' })).toEqual({
        status: 'busy',
        connectionId: s.connection.id,
      });
      // The sync has a lease of its own.
      expect(await s.sync()).toMatchObject({ status: 'succeeded' });
      await expect(
        ctx.container.directory.reconciliation.run(randomUUID(), { trigger: 'test' }),
      ).rejects.toMatchObject({ code: 'not_found' });

      // The holder died: its lease expires and its run, still marked running, is closed by the next one.
      const dead = randomUUID();
      await db()('directory_reconciliation_runs').insert({
        id: dead,
        tenant_id: s.tenantId,
        connection_id: s.connection.id,
        trigger: 'schedule',
        status: 'running',
      });
      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({ reconcile_lease_until: db().raw("now() - interval '1 second'") });
      expect(await reconcile(s)).toMatchObject({ status: 'succeeded', checked: 5 });
      expect(await ctx.container.directory.reconciliation.getRun(s.tenantId, dead)).toMatchObject({
        status: 'failed',
        errorCode: 'reconciliation.abandoned',
      });
    } finally {
      await s.close();
    }
  });
});

describe('contact-reconciliation job', () => {
  it('keeps one recurring job per enabled connection at its interval and runs a connection from its job data', async () => {
    const d = smallDirectory();
    const s = await startScenario(ctx, { directory: d.directory }, { reconcileInterval: '6 hours' });
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
    try {
      await agenda.ready;
      const jobs = () =>
        db()('agenda_jobs')
          .where({ name: contactReconciliationJob.name })
          .whereRaw("data->>'connectionId' = ?", [s.connection.id])
          .select('id', 'repeat_interval');
      await scheduleConnectionJob(agenda, ctx.container, contactReconciliationJob);
      const [first] = await jobs();
      expect(first?.repeat_interval).toBe('6 hours');
      await scheduleConnectionJob(agenda, ctx.container, contactReconciliationJob);
      expect(await jobs()).toEqual([first]);

      const connections = ctx.container.directory.connections(db());
      await connections.update(s.tenantId, s.connection.id, { reconcileInterval: '1 day' }, { type: 'cli' });
      await scheduleConnectionJob(agenda, ctx.container, contactReconciliationJob);
      expect((await jobs()).map((j) => j.repeat_interval)).toEqual(['1 day']);
      await connections.update(s.tenantId, s.connection.id, { enabled: false }, { type: 'cli' });
      await scheduleConnectionJob(agenda, ctx.container, contactReconciliationJob);
      expect(await jobs()).toEqual([]);

      await s.sync();
      await editProfile(s.tenantId, 'eve', (p) => ({ ...p, title: 'Drifted' }));
      let touches = 0;
      const outcome = await runConnectionJob(
        contactReconciliationJob,
        ctx.container,
        { connectionId: s.connection.id },
        async () => {
          touches += 1;
        },
      );
      expect(outcome).toMatchObject({
        status: 'done',
        run: { status: 'succeeded', trigger: 'schedule', checked: 5, fixed: 1 },
      });
      expect(touches).toBeGreaterThan(0);
      await expect(
        runConnectionJob(contactReconciliationJob, ctx.container, { connectionId: 'not-a-uuid' }),
      ).rejects.toThrow();
    } finally {
      await backend.disconnect();
      await s.close();
    }
  });
});

describe('admin API', () => {
  it('starts a reconciliation, lists and reads runs, and pages through their conflicts', async () => {
    const d = smallDirectory();
    for (const [i, user] of [d.ada, d.bo, d.cy, d.di, d.eve].entries())
      d.directory.updateUser(user.id, { businessPhones: [`+46 8 555 00 1${i}`], mobilePhone: null });
    const s = await startScenario(ctx, { directory: d.directory });
    try {
      await s.sync();
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const base = `/api/v1/directory/connections/${s.connection.id}`;

      const patched = await api.patch(base).set(auth).send({ reconcileInterval: '12 hours' });
      expect(patched.body).toMatchObject({ reconcileInterval: '12 hours' });

      // The run is queued as a job: a worker in this process takes it.
      const worker = await startConnectionWorker(ctx.container);
      let run: Awaited<ReturnType<typeof waitForRun>>;
      let started: supertest.Response;
      try {
        started = await api.post(`${base}/reconcile`).set(auth);
        expect(started.status).toBe(202);
        expect(started.headers.location).toBe(`/api/v1/directory/reconciliations/${started.body.runId}`);
        run = await waitForRun(api, auth, `/api/v1/directory/reconciliations/${started.body.runId}`);
      } finally {
        await worker.stop();
      }
      expect(run).toMatchObject({
        id: started.body.runId,
        connectionId: s.connection.id,
        trigger: 'api',
        status: 'succeeded',
        checked: 5,
        fixed: 0,
        conflicts: 5,
      });
      expect(run).not.toHaveProperty('tenantId');

      const listed = await api.get(`${base}/reconciliations`).set(auth);
      expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([run.id]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: supertest.Response = await api
          .get(`/api/v1/directory/reconciliations/${run.id}/conflicts`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(auth);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        for (const item of page.body.items) {
          expect(item).toMatchObject({ code: 'number.not_owned', attribute: 'phoneNumbers.work' });
          seen.push(item.e164);
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([
        '+4685550010',
        '+4685550011',
        '+4685550012',
        '+4685550013',
        '+4685550014',
      ]);

      await db()('directory_connections')
        .where({ id: s.connection.id })
        .update({
          reconcile_lease_run_id: randomUUID(),
          reconcile_lease_until: db().raw("now() + interval '1 minute'"),
        });
      const busy = await api.post(`${base}/reconcile`).set(auth);
      expect(busy.status).toBe(409);
      expect(busy.body.code).toBe('contact_reconciliation.already_running');
      expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);

      const missing = await api.get(`/api/v1/directory/reconciliations/${randomUUID()}`).set(auth);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('contact_reconciliation.not_found');
      expect(
        (await api.post(`/api/v1/directory/connections/${randomUUID()}/reconcile`).set(auth)).body.code,
      ).toBe('directory_connection.not_found');

      const reader = await createToken(ctx.container, s.tenantName, 'admin', 'read_only');
      const readerAuth = { Authorization: `Bearer ${reader.token}` };
      expect((await api.post(`${base}/reconcile`).set(readerAuth)).status).toBe(403);
      expect((await api.get(`${base}/reconciliations`).set(readerAuth)).status).toBe(200);

      const openapi = (await api.get('/api/v1/openapi.json')).body as {
        paths: Record<string, Record<string, { operationId: string }>>;
      };
      const operations = Object.values(openapi.paths).flatMap((path) =>
        Object.values(path).map((op) => op.operationId),
      );
      expect(operations).toEqual(
        expect.arrayContaining([
          'startContactReconciliation',
          'listContactReconciliations',
          'getContactReconciliation',
          'listContactConflicts',
        ]),
      );
    } finally {
      await s.close();
    }
  });
});
