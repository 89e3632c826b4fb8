import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImportsJob } from '../../src/jobs/apply-imports-job.js';
import { runLicensingJob } from '../../src/jobs/licensing-job.js';
import { licensingJobs } from '../../src/jobs/licensing-jobs.js';
import { outboxPurgeJob } from '../../src/jobs/outbox-purge-job.js';
import { startEntraTestFixture } from '../../connectors/entra/entra-test-fixture.js';
import { createTenant, createToken } from '../../src/operator.js';
import { smallDirectory } from '../directory/directory-fixture.js';
import { adminClient, issueAdminToken, newUser, scimClient, type TestApp } from '../helpers/test-app.js';
import {
  admin as licensingAdmin,
  licensingFixture,
  type LicensingFixture,
} from '../licensing/licensing-fixture.js';
import { drain, outboxApp, OUTBOX_TEST_CONFIG } from './outbox-fixture.js';
import { mailHeader, mailText, startSmtpSink, startWebhookReceiver } from './receivers.js';

// Building an app migrates a fresh embedded database: over a minute on a busy two-core machine.
const APP_START_TIMEOUT = 180_000;

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

let sink: Sink;
let t: TestApp;
beforeAll(async () => {
  sink = await startSmtpSink({ refuse: ['nobody@example.com'] });
  t = await outboxApp({
    SMTP_URL: sink.url,
    MAIL_FROM: 'seatsync <noreply@seatsync.test>',
    WEBHOOK_FAILURE_LIMIT: '2',
  });
}, APP_START_TIMEOUT);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const dispatcher = () => t.container.messages.dispatcher('mail-test-worker');

async function newTenant() {
  const tenant = await createTenant(t.container, `mail-${Math.random().toString(36).slice(2, 10)}`);
  return { tenant, admin: adminClient(t.app, tenant.adminToken) };
}

describe('onboarding e-mail', () => {
  it('sends it in Swedish with the sign-in name and address, and shows queued → sent on the user', async () => {
    const { admin } = await newTenant();
    const settings = await admin.patch('/settings', {
      signInUrl: 'https://app.telephony.test/login',
    });
    expect(settings.status).toBe(200);
    expect(settings.body.mail).toEqual({ enabled: true });
    const created = await admin.post('/users', {
      firstName: 'Åsa',
      surname: 'Öberg',
      email: 'asa.oberg@example.se',
      language: 'sv-SE',
      sendOnboardingEmail: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.onboardingEmail).toMatchObject({ state: 'queued', attempts: 0, sentAt: null });

    const before = sink.mails.length;
    await drain(dispatcher());
    const mails = sink.mails.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['asa.oberg@example.se']);
    expect(mails[0]!.from).toBe('noreply@seatsync.test');
    expect(mailHeader(mails[0]!.raw, 'Subject')).toMatch(/^Ditt telefonikonto hos mail-.* är klart$/);
    const text = mailText(mails[0]!.raw);
    expect(text).toContain('Hej Åsa Öberg,');
    expect(text).toContain('Logga in med: asa.oberg@example.se');
    expect(text).toContain('Logga in på: https://app.telephony.test/login');

    const user = await admin.get(`/users/${created.body.id}`);
    expect(user.body.onboardingEmail).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect(user.body.onboardingEmail.sentAt).toEqual(expect.any(String));
  });

  it('sends English to a user without a Swedish language, and nothing without the flag', async () => {
    const { admin } = await newTenant();
    await admin.post('/users', {
      firstName: 'Ada',
      surname: 'L',
      email: 'ada@example.com',
      sendOnboardingEmail: true,
    });
    const quiet = await admin.post('/users', {
      firstName: 'No',
      surname: 'Mail',
      email: 'quiet@example.com',
    });
    expect(quiet.body.onboardingEmail).toBeNull();
    const before = sink.mails.length;
    await drain(dispatcher());
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([['ada@example.com']]);
    expect(mailHeader(mails[0]!.raw, 'Subject')).toMatch(/^Your mail-.* telephony account is ready$/);
    expect(mailText(mails[0]!.raw)).toContain('Your administrator will tell you where to sign in.');
  });

  it('marks it failed when the mail server refuses the address for good', async () => {
    const { admin } = await newTenant();
    const created = await admin.post('/users', {
      firstName: 'No',
      surname: 'Body',
      email: 'nobody@example.com',
      sendOnboardingEmail: true,
    });
    await drain(dispatcher());
    const user = await admin.get(`/users/${created.body.id}`);
    expect(user.body.onboardingEmail).toMatchObject({ state: 'failed', attempts: 1 });
    expect(user.body.onboardingEmail.lastError).toContain('550');
  });
});

describe('onboarding e-mail from bulk creation and file imports', () => {
  it('sends it to each user a bulk creation made, not to those that existed', async () => {
    const { admin } = await newTenant();
    await admin.post('/users', { firstName: 'Old', surname: 'Timer', email: 'old@example.se' });
    const bulk = await admin.post('/users/bulk', {
      emails: ['ny.en@example.se', 'old@example.se', 'not-an-address', 'ny.tva@example.se'],
      language: 'sv',
      sendOnboardingEmail: true,
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body).toMatchObject({ created: 2, alreadyExisting: 1, invalid: 1 });
    const [first, existing, , second] = bulk.body.results;
    expect((await admin.get(`/users/${first.userId}`)).body.onboardingEmail.state).toBe('queued');
    expect((await admin.get(`/users/${existing.userId}`)).body.onboardingEmail).toBeNull();

    const before = sink.mails.length;
    await drain(dispatcher());
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual([['ny.en@example.se'], ['ny.tva@example.se']]);
    expect(mailHeader(mails[0]!.raw, 'Subject')).toMatch(/^Ditt telefonikonto hos/);
    for (const r of [first, second])
      expect((await admin.get(`/users/${r.userId}`)).body.onboardingEmail).toMatchObject({ state: 'sent' });

    const quiet = await admin.post('/users/bulk', { emails: ['quiet.bulk@example.se'] });
    expect((await admin.get(`/users/${quiet.body.results[0].userId}`)).body.onboardingEmail).toBeNull();
    expect(
      (await admin.post('/users/bulk', { emails: ['x@example.se'], sendOnboardingEmail: 'yes' })).status,
    ).toBe(400);
  });

  it('sends it to each user an import created with send_onboarding_email yes', async () => {
    const { admin } = await newTenant();
    const csv = [
      'first_name,surname,email,language,send_onboarding_email',
      'Ines,Import,ines@import.example,sv-SE,yes',
      'Nils,Nej,nils@import.example,sv-SE,no',
      'Tom,Tom,tom@import.example,,',
    ].join('\n');
    const dry = await admin.post('/imports', Buffer.from(csv), { 'Content-Type': 'text/csv' });
    expect(dry.status).toBe(201);
    expect((await admin.post(`/imports/${dry.body.import.id}/apply`)).status).toBe(202);
    await runLicensingJob(applyImportsJob, t.container, {});
    expect((await admin.get(`/imports/${dry.body.import.id}`)).body.status).toBe('completed');
    const users = (await admin.get('/users?q=import.example')).body.items as Array<{
      id: string;
      userName: string;
    }>;
    const state = async (userName: string) =>
      (await admin.get(`/users/${users.find((u) => u.userName === userName)!.id}`)).body.onboardingEmail;
    expect(await state('ines@import.example')).toMatchObject({ state: 'queued' });
    expect(await state('nils@import.example')).toBeNull();
    expect(await state('tom@import.example')).toBeNull();

    const before = sink.mails.length;
    await drain(dispatcher());
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([['ines@import.example']]);
    expect(mailText(mails[0]!.raw)).toContain('Hej Ines Import,');
    expect(await state('ines@import.example')).toMatchObject({ state: 'sent', attempts: 1 });
  });
});

describe('without SMTP settings', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await outboxApp();
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await off?.close();
  });

  it('says e-mail is off and keeps the onboarding e-mail queued', async () => {
    const settings = await off.admin.get('/settings');
    expect(settings.body).toMatchObject({ mail: { enabled: false }, notificationAddresses: [] });
    const created = await off.admin.post('/users', {
      firstName: 'Wait',
      surname: 'Ing',
      email: 'waiting@example.com',
      sendOnboardingEmail: true,
    });
    expect(created.body.onboardingEmail.state).toBe('queued');
    expect(await drain(off.container.messages.dispatcher('off'))).toBe(0);
    expect((await off.admin.get(`/users/${created.body.id}`)).body.onboardingEmail.state).toBe('queued');
  });
});

describe('notification settings, part of the tenant settings', () => {
  it('refuses bad values and lets only owners change them', async () => {
    const { tenant, admin } = await newTenant();
    for (const body of [
      { notificationAddresses: ['not-an-address'] },
      { notificationAddresses: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) },
      { seatsLowThreshold: -1 },
      { alertGroupSeconds: 86_401 },
      { signInUrl: 'nope' },
      { signInUrl: 'javascript:alert(1)' },
      { mail: { enabled: false } },
    ]) {
      const res = await admin.patch('/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.get('/settings')).body).toMatchObject({
      notificationAddresses: [],
      seatsLowThreshold: null,
      alertGroupSeconds: 300,
      signInUrl: null,
      mail: { enabled: true },
    });
    const readOnly = adminClient(t.app, await issueAdminToken(t.container, tenant.tenantId, 'read_only'));
    expect((await readOnly.get('/settings')).body.mail).toEqual({ enabled: true });
    expect((await readOnly.patch('/settings', { seatsLowThreshold: 2 })).status).toBe(403);
  });

  it('records a change of them as tenant.settings_changed, and has no second settings route', async () => {
    const { admin } = await newTenant();
    const res = await admin.patch('/settings', {
      notificationAddresses: ['ops@example.com'],
      seatsLowThreshold: 3,
      licenseGraceDays: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notificationAddresses: ['ops@example.com'], seatsLowThreshold: 3 });
    const [event] = (await admin.get('/events?action=tenant.settings_changed')).body.items;
    expect(event).toMatchObject({
      before: { notificationAddresses: [], seatsLowThreshold: null, licenseGraceDays: 7 },
      after: { notificationAddresses: ['ops@example.com'], seatsLowThreshold: 3, licenseGraceDays: 2 },
    });
    expect((await admin.get('/notifications/settings')).status).toBe(404);
    expect((await admin.patch('/notifications/settings', { seatsLowThreshold: 1 })).status).toBe(404);
  });
});

describe("admin alerts to the owners' contact e-mails", () => {
  const blockOneLicense = (tenantId: string) =>
    t.container.transaction(async (s) => {
      const user = await s.users.create(
        tenantId,
        {
          userName: `blocked-${Math.random().toString(36).slice(2, 8)}@example.com`,
          active: true,
          profile: {},
        },
        'admin',
        licensingAdmin,
      );
      await s.assignments.assign(tenantId, { userIds: [user.id], product: 'cc-pro' }, licensingAdmin);
    });

  it('sends to every active owner with an e-mail and the notification addresses, each address once', async () => {
    const { tenant, admin } = await newTenant();
    const alice = await admin.post('/tokens', {
      label: 'Alice',
      kind: 'admin',
      role: 'owner',
      email: 'Alice@example.com',
    });
    expect(alice.status).toBe(201);
    expect(alice.body.email).toBe('Alice@example.com');
    const bob = await admin.post('/tokens', {
      label: 'Bob',
      kind: 'admin',
      role: 'owner',
      email: 'bob@example.com',
    });
    await admin.post('/tokens', { label: 'no mail', kind: 'admin', role: 'owner' });
    expect((await admin.post(`/tokens/${bob.body.id}/revoke`)).status).toBe(200);
    await admin.patch('/settings', {
      notificationAddresses: ['alice@EXAMPLE.com', 'ops@example.com'],
      alertGroupSeconds: 0,
    });
    await blockOneLicense(tenant.tenantId);
    const before = sink.mails.length;
    await drain(dispatcher());
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([['Alice@example.com', 'ops@example.com']]);
    expect(mailHeader(mails[0]!.raw, 'Subject')).toContain('1 cc-pro license(s) blocked');
  });

  it('alerts a tenant whose only recipient is an owner, collecting for the default window', async () => {
    const { tenant, admin } = await newTenant();
    const quiet = await newTenant();
    await admin.post('/tokens', { label: 'Carol', kind: 'admin', role: 'owner', email: 'carol@example.com' });
    await blockOneLicense(tenant.tenantId);
    await blockOneLicense(quiet.tenant.tenantId);
    const knex = t.container.database.knex;
    const [row] = await knex('outbox').where({ tenant_id: tenant.tenantId, channel: 'email' });
    expect(row).toMatchObject({ type: 'alert.license_blocked', status: 'pending' });
    expect(row.next_attempt_at.getTime() - row.created_at.getTime()).toBe(300_000);
    expect(await knex('outbox').where({ tenant_id: quiet.tenant.tenantId })).toEqual([]);
  });

  it('keeps contact e-mails to owner tokens, and checks them (API and operator CLI)', async () => {
    const { admin } = await newTenant();
    for (const [body, message] of [
      [
        { label: 'x', kind: 'admin', role: 'read_only', email: 'r@example.com' },
        'only owner tokens have a contact e-mail',
      ],
      [{ label: 'x', kind: 'scim', email: 's@example.com' }, 'only owner tokens have a contact e-mail'],
      [{ label: 'x', kind: 'admin', role: 'owner', email: 'not an address' }, expect.any(String)],
    ] as const) {
      const res = await admin.post('/tokens', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors).toContainEqual({ in: 'body', field: 'email', path: ['email'], message });
    }
    const listed = (await admin.get('/tokens')).body.items;
    expect(listed.map((x: { email: string | null }) => x.email)).toEqual([null, null]);

    const name = `cli-${Math.random().toString(36).slice(2, 8)}`;
    const created = await createTenant(t.container, name, 'first.owner@example.com');
    const owner = await createToken(t.container, name, 'admin', 'owner', 'dora@example.com');
    const tokens = (await adminClient(t.app, created.adminToken).get('/tokens')).body.items;
    expect(tokens.find((x: { label: string }) => x.label === 'initial owner token')).toMatchObject({
      role: 'owner',
      email: 'first.owner@example.com',
    });
    expect(tokens.find((x: { id: string }) => x.id === owner.id)).toMatchObject({
      role: 'owner',
      email: 'dora@example.com',
    });
    await expect(createToken(t.container, name, 'admin', 'license_admin', 'x@example.com')).rejects.toThrow(
      'Only owner tokens have a contact e-mail',
    );
    await expect(createToken(t.container, name, 'admin', 'owner', 'nope')).rejects.toThrow(
      'is not an e-mail address',
    );
  });
});

describe('admin alerts', () => {
  it('tells the alert recipients when an endpoint is disabled after repeated failures', async () => {
    const { tenant, admin } = await newTenant();
    await admin.patch('/settings', {
      notificationAddresses: ['owner@example.com'],
      alertGroupSeconds: 0,
    });
    const receiver = await startWebhookReceiver({ secrets: () => [], answer: () => ({ status: 500 }) });
    const endpoint = await admin.post('/webhooks/endpoints', {
      url: receiver.url,
      eventTypes: ['user.created'],
    });
    await scimClient(t.app, tenant.scimToken).post('/Users', newUser('failing-hook@example.com'));
    const before = sink.mails.length;
    await drain(dispatcher());
    expect((await admin.get(`/webhooks/endpoints/${endpoint.body.id}`)).body.enabled).toBe(false);
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.to)).toEqual([['owner@example.com']]);
    expect(mailHeader(mails[0]!.raw, 'Subject')).toContain(`Webhook endpoint disabled: ${receiver.url}`);
    expect(mailText(mails[0]!.raw)).toContain('Disabled after 2 failed attempts in a row');
    await receiver.close();
  });

  let f: LicensingFixture;
  beforeAll(async () => {
    f = await licensingFixture({ ...OUTBOX_TEST_CONFIG, SMTP_URL: sink.url });
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await f?.close();
  });

  const setAlerts = (fx: LicensingFixture, settings: Record<string, unknown>) =>
    fx.app.container.transaction((s) =>
      s.tenantSettings.update(
        fx.tenantId,
        { notificationAddresses: ['owner@example.com', 'ops@example.com'], ...settings },
        licensingAdmin,
      ),
    );

  it('groups licenses blocked for want of seats into one mail to the owners and the notification address', async () => {
    const t2 = await f.newTenant();
    await setAlerts(t2, { alertGroupSeconds: 0 });
    const users = [await t2.user('blocked-a'), await t2.user('blocked-b'), await t2.user('blocked-c')];
    await t2.tx((s) =>
      s.assignments.assign(t2.tenantId, { userIds: users, product: 'cc-pro' }, licensingAdmin),
    );

    const before = sink.mails.length;
    await drain(f.app.container.messages.dispatcher('alerts'));
    const mails = sink.mails.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['owner@example.com', 'ops@example.com']);
    expect(mailHeader(mails[0]!.raw, 'Subject')).toContain('3 cc-pro license(s) blocked');
    const text = mailText(mails[0]!.raw);
    for (const name of ['blocked-a', 'blocked-b', 'blocked-c'])
      expect(text).toMatch(new RegExp(`${name}-\\d+@example.com`));
    expect(text).toContain('seat_unavailable');
  });

  it('collects alerts of one cause while the group window is open, and sends none without recipients', async () => {
    const t3 = await f.newTenant();
    await setAlerts(t3, { alertGroupSeconds: 3600 });
    for (const name of ['w1', 'w2']) {
      const u = await t3.user(name);
      await t3.tx((s) =>
        s.assignments.assign(t3.tenantId, { userIds: [u], product: 'cc-pro' }, licensingAdmin),
      );
    }
    const knex = f.app.container.database.knex;
    const rows = await knex('outbox').where({ tenant_id: t3.tenantId, channel: 'email' });
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({ cause: 'license_blocked', count: 2 });
    expect(rows[0].payload.items).toHaveLength(2);
    expect(rows[0].next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 3500_000);

    const t4 = await f.newTenant();
    const u = await t4.user('unwatched');
    await t4.tx((s) =>
      s.assignments.assign(t4.tenantId, { userIds: [u], product: 'cc-pro' }, licensingAdmin),
    );
    expect(await knex('outbox').where({ tenant_id: t4.tenantId })).toEqual([]);
  });

  it('warns when a product runs low on seats', async () => {
    const t5 = await f.newTenant();
    await setAlerts(t5, { alertGroupSeconds: 0, seatsLowThreshold: 1 });
    await t5.buy('cc-pro', 3);
    const users = [await t5.user('s1'), await t5.user('s2')];
    await t5.tx((s) =>
      s.assignments.assign(t5.tenantId, { userIds: users, product: 'cc-pro' }, licensingAdmin),
    );
    const before = sink.mails.length;
    await drain(f.app.container.messages.dispatcher('alerts'));
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => mailHeader(m.raw, 'Subject'))).toEqual([
      expect.stringContaining('Seats running out for cc-pro: 1 left'),
    ]);
  });

  it('tells of rejected ports in one mail per window, with the numbers and the reasons', async () => {
    const t6 = await f.newTenant();
    await setAlerts(t6, { alertGroupSeconds: 0 });
    for (const number of ['+46855507001', '+46855507002'])
      await t6.tx(async (s) => {
        const { order } = await s.numbers.portIn(
          t6.tenantId,
          { number, kind: 'fixed', country: 'SE', losingOperator: 'Tele2' },
          licensingAdmin,
        );
        await s.numbers.rejectPortOrder(t6.tenantId, order.id, 'wrong account holder', licensingAdmin);
      });
    const before = sink.mails.length;
    await drain(f.app.container.messages.dispatcher('alerts'));
    const mails = sink.mails.slice(before);
    expect(mails).toHaveLength(1);
    expect(mailHeader(mails[0]!.raw, 'Subject')).toContain('2 number port(s) rejected');
    const text = mailText(mails[0]!.raw);
    expect(text).toContain('e164: +46855507001 · reason: wrong account holder');
    expect(text).toContain('e164: +46855507002');
  });
});

describe('directory sync alerts', () => {
  it('tells the owners of a sync held for approval and of a failing sync, one mail per cause', async () => {
    const { tenant, admin } = await newTenant();
    await admin.post('/tokens', {
      label: 'Sync owner',
      kind: 'admin',
      role: 'owner',
      email: 'sync-owner@example.com',
    });
    await admin.patch('/settings', { alertGroupSeconds: 0, massChangeThreshold: 0 });
    const d = smallDirectory();
    const graph = await startEntraTestFixture({ directory: d.directory });
    const connect = (clientSecret: string) =>
      t.container.database.knex.transaction((trx) =>
        t.container.directory.connections(trx).create(
          tenant.tenantId,
          {
            name: `Contoso ${clientSecret.slice(0, 4)}`,
            entraTenantId: graph.config.tenantId,
            clientId: graph.config.clientId,
            clientSecret,
            authorityHost: graph.url,
            graphBaseUrl: graph.url,
          },
          { type: 'cli' },
        ),
      );
    const sync = async (connectionId: string) => {
      const outcome = await t.container.directory.sync.run(connectionId, { trigger: 'test' });
      if (outcome.status !== 'done') throw new Error('connection busy');
      return outcome.run;
    };
    try {
      const good = await connect(graph.config.clientSecret);
      expect((await sync(good.id)).status).toBe('succeeded');
      d.directory.disableUser(d.eve.id);
      expect((await sync(good.id)).status).toBe('held');
      const bad = await connect('wrong-secret');
      const failed = await sync(bad.id);
      expect(failed.status).toBe('failed');

      const before = sink.mails.length;
      await drain(dispatcher());
      const mails = sink.mails.slice(before);
      expect(mails.map((m) => m.to)).toEqual([['sync-owner@example.com'], ['sync-owner@example.com']]);
      const bySubject = new Map(mails.map((m) => [mailHeader(m.raw, 'Subject'), mailText(m.raw)]));
      const subjects = [...bySubject.keys()];
      expect(subjects).toEqual(
        expect.arrayContaining([
          expect.stringContaining('A directory sync is held for your approval'),
          expect.stringContaining('Directory sync failing (1 failed run(s))'),
        ]),
      );
      const failing = subjects.find((x) => x.includes('failing'))!;
      expect(bySubject.get(failing)).toContain(`errorCode: ${failed.errorCode}`);
      expect(bySubject.get(subjects.find((x) => x.includes('held'))!)).toContain('suspensions held: 1');
    } finally {
      await graph.close();
    }
  });
});

describe('retention', () => {
  it('purges delivered and failed messages with their attempt log after OUTBOX_RETENTION_DAYS, in batches', async () => {
    expect(t.container.config.OUTBOX_RETENTION_DAYS).toBe(14);
    expect(licensingJobs).toContain(outboxPurgeJob);
    const { tenant, admin } = await newTenant();
    // The alert goes to an address the mail server refuses for good: a message that failed.
    await admin.patch('/settings', { notificationAddresses: ['nobody@example.com'], alertGroupSeconds: 0 });
    const secrets: string[] = [];
    const receiver = await startWebhookReceiver({ secrets: () => secrets });
    const endpoint = await admin.post('/webhooks/endpoints', {
      url: receiver.url,
      eventTypes: ['user.created'],
    });
    secrets.push(endpoint.body.secret);
    const users: string[] = [];
    for (const n of [1, 2, 3, 4])
      users.push(
        (
          await admin.post('/users', {
            firstName: 'R',
            surname: `${n}`,
            email: `r${n}@retention.example`,
            sendOnboardingEmail: n === 1,
          })
        ).body.id,
      );
    await t.container.transaction((s) =>
      s.assignments.assign(tenant.tenantId, { userIds: [users[0]!], product: 'cc-pro' }, licensingAdmin),
    );
    await drain(dispatcher());
    await receiver.close();

    const knex = t.container.database.knex;
    const rows = () =>
      knex('outbox').where({ tenant_id: tenant.tenantId }).orderBy('id') as Promise<
        Array<Record<string, never>>
      >;
    const settled = await rows();
    expect(settled.map((r) => [r.type, r.status])).toEqual([
      ['user.created', 'delivered'],
      ['onboarding', 'delivered'],
      ['user.created', 'delivered'],
      ['user.created', 'delivered'],
      ['user.created', 'delivered'],
      ['alert.license_blocked', 'failed'],
    ]);
    expect(settled.every((r) => r.settled_at !== null)).toBe(true);
    const ids = settled.map((r) => String(r.id));
    const [recent, onboarding, replayed] = ids as [string, string, string];
    const old = ids.slice(3);
    // Settled 13 days ago stays; 15 days ago goes (onboarding e-mails stay: they are the user's state).
    await knex('outbox')
      .whereIn('id', [recent])
      .update({ settled_at: knex.raw("now() - interval '13 days'") });
    await knex('outbox')
      .whereIn('id', [onboarding, replayed, ...old])
      .update({ settled_at: knex.raw("now() - interval '15 days'") });
    // A replay makes a message pending again: it is not purged.
    const replayEvent = settled[2]!.event_id;
    expect(
      (
        await admin.post(`/webhooks/endpoints/${endpoint.body.id}/replay`, {
          fromEventId: String(replayEvent),
          toEventId: String(replayEvent),
        })
      ).body,
    ).toEqual({ queued: 1 });
    // A message still pending is not purged, however old.
    await admin.post('/users', { firstName: 'P', surname: 'Ending', email: 'pending@retention.example' });
    await knex('outbox')
      .where({ tenant_id: tenant.tenantId, status: 'pending' })
      .update({ created_at: knex.raw("now() - interval '60 days'") });
    const attemptsOf = async (ids: string[]) =>
      Number((await knex('outbox_attempts').whereIn('message_id', ids).count({ n: '*' }))[0]!.n);
    expect(await attemptsOf(old)).toBe(3);

    expect(await runLicensingJob(outboxPurgeJob, t.container, { batchSize: 1 })).toBe(3);
    const left = await rows();
    expect(left.map((r) => String(r.id)).slice(0, 3)).toEqual([recent, onboarding, replayed]);
    expect(left.map((r) => [r.type, r.status])).toEqual([
      ['user.created', 'delivered'],
      ['onboarding', 'delivered'],
      ['user.created', 'pending'],
      ['user.created', 'pending'],
    ]);
    expect(await attemptsOf(old)).toBe(0);
    expect(await attemptsOf([recent, onboarding])).toBe(2);
    expect((await admin.get(`/users/${users[0]}`)).body.onboardingEmail.state).toBe('sent');
    expect(await runLicensingJob(outboxPurgeJob, t.container, {})).toBe(0);
  });
});
