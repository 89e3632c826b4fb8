import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../src/container.js';
import { REVOCATION_CHECK_MS } from '../../src/features/tokens/token-verifier.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import {
  adminClient,
  buildTestApp,
  issueAdminToken,
  type AdminClient,
  type TestApp,
} from '../helpers/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tokens: list, create with a label, revoke', () => {
  let t: TestApp;
  let licenseAdmin: AdminClient;

  beforeAll(async () => {
    t = await buildTestApp();
    licenseAdmin = adminClient(t.app, await issueAdminToken(t.container, t.tenant.tenantId, 'license_admin'));
  });
  afterAll(() => t.close());

  it('creates a labelled token whose secret is shown once and works at once', async () => {
    const res = await t.admin.post('/tokens', { label: 'Okta provisioning', kind: 'scim' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/tokens/${res.body.id}`);
    expect(res.body).toMatchObject({
      label: 'Okta provisioning',
      kind: 'scim',
      role: null,
      lastUsedAt: null,
      revokedAt: null,
      secret: expect.stringMatching(/^sst_/),
    });
    const scim = await supertest(t.app)
      .get('/scim/v2/Users')
      .set('Authorization', `Bearer ${res.body.secret}`);
    expect(scim.status).toBe(200);

    const listed = await t.admin.get('/tokens');
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((x: { id: string }) => x.id === res.body.id);
    expect(mine).toMatchObject({ label: 'Okta provisioning', kind: 'scim' });
    expect(JSON.stringify(listed.body)).not.toContain(res.body.secret);
    expect(listed.body.items.every((x: Record<string, unknown>) => !('secret' in x) && !('hash' in x))).toBe(
      true,
    );

    const created = await t.admin.get(`/events?action=token.created&entityId=${res.body.id}`);
    expect(created.body.items[0].after).toMatchObject({ kind: 'scim', name: 'Okta provisioning' });
  });

  it('records when a token was last used', async () => {
    const res = await t.admin.post('/tokens', {
      label: 'read-only console',
      kind: 'admin',
      role: 'read_only',
    });
    expect((await adminClient(t.app, res.body.secret).get('/users')).status).toBe(200);
    // The last-use write is off the request path; wait for it, as long as a database write may take.
    await expect
      .poll(async () => (await t.admin.get(`/tokens/${res.body.id}`)).body.lastUsedAt, {
        timeout: t.container.config.DB_QUERY_TIMEOUT_MS,
      })
      .toEqual(expect.any(String));
  });

  it.each([
    [{ label: 'x', kind: 'admin' }, 'role', 'is required for an admin token'],
    [{ label: 'x', kind: 'scim', role: 'owner' }, 'role', 'SCIM tokens have no role'],
    [{ kind: 'scim' }, 'label', 'is required (string)'],
    [{ label: 'x', kind: 'operator' }, 'kind', expect.any(String)],
    [{ label: 'x', kind: 'scim', secret: 'mine' }, '', expect.stringContaining('secret')],
  ])('refuses %j naming the field', async (body, field, message) => {
    const res = await t.admin.post('/tokens', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors).toContainEqual({ in: 'body', field, path: field ? [field] : [], message });
  });

  it('is for owners only', async () => {
    for (const res of [
      await licenseAdmin.get('/tokens'),
      await licenseAdmin.post('/tokens', { label: 'x', kind: 'scim' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('permission.denied');
    }
  });

  it('pages the list with cursors and filters by status', async () => {
    const all = (await t.admin.get('/tokens?limit=200')).body.items.map((x: { id: string }) => x.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.admin.get(`/tokens?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const revoked = await t.admin.get('/tokens?status=revoked');
    expect(revoked.body.items.every((x: { revokedAt: string | null }) => x.revokedAt !== null)).toBe(true);
  });

  it('keeps the last owner token and refuses revoking twice or another tenant’s token', async () => {
    const owners = (await t.admin.get('/tokens?status=active')).body.items.filter(
      (x: { role: string }) => x.role === 'owner',
    );
    expect(owners).toHaveLength(1);
    const last = await t.admin.post(`/tokens/${owners[0].id}/revoke`);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('token.last_owner');

    const spare = await t.admin.post('/tokens', { label: 'spare', kind: 'scim' });
    expect((await t.admin.post(`/tokens/${spare.body.id}/revoke`)).status).toBe(200);
    const twice = await t.admin.post(`/tokens/${spare.body.id}/revoke`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('token.invalid_state');

    const { createTenant } = await import('../../src/operator.js');
    const other = await createTenant(t.container, `other-${Math.random().toString(36).slice(2, 8)}`);
    const [otherToken] = await t.container.database
      .knex('tokens')
      .where({ tenant_id: other.tenantId })
      .limit(1);
    const foreign = await t.admin.post(`/tokens/${otherToken.id}/revoke`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('token.not_found');
    expect((await t.admin.get('/tokens/not-a-uuid')).status).toBe(404);
  });

  it('a revocation reaches another process within a second, although identities are cached for 10 s', async () => {
    // A second container on the same database is another process: its own token cache and revocation check.
    const other = await createContainer(t.container.config, createLogger('silent'), {
      database: t.container.database,
    });
    expect(other.config.TOKEN_CACHE_SECONDS).toBe(10);
    const otherApp = createApp(other);
    const created = await t.admin.post('/tokens', { label: 'to revoke', kind: 'admin', role: 'read_only' });
    const elsewhere = adminClient(otherApp, created.body.secret);
    expect((await elsewhere.get('/users')).status).toBe(200); // now cached in the other process

    expect((await t.admin.post(`/tokens/${created.body.id}/revoke`)).status).toBe(200);
    expect((await adminClient(t.app, created.body.secret).get('/users')).status).toBe(401);
    await sleep(REVOCATION_CHECK_MS + 50);
    const refused = await elsewhere.get('/users');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('The token is unknown or revoked');

    const [revoked] = (await t.admin.get(`/events?action=token.revoked&entityId=${created.body.id}`)).body
      .items;
    expect(revoked.actor).toMatchObject({ type: 'token', label: 'owner admin token "initial owner token"' });
  });
});

describe('tenant settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('reads the defaults and changes only the fields sent, recording the change', async () => {
    const read = await t.admin.get('/settings');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      defaultCountry: 'SE',
      defaultLanguage: 'en',
      suspensionGraceDays: 30,
      licenseGraceDays: 7,
      blockedCutoffDays: 30,
      numberQuarantineDays: 90,
      massChangeThreshold: 50,
      notificationAddresses: [],
      seatsLowThreshold: null,
      alertGroupSeconds: 300,
      signInUrl: null,
      mail: { enabled: false },
    });
    const changed = await t.admin.patch('/settings', {
      defaultCountry: 'no',
      defaultLanguage: 'nb-no',
      licenseGraceDays: 0,
      massChangeThreshold: 5,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      ...read.body,
      defaultCountry: 'NO',
      defaultLanguage: 'nb-NO',
      licenseGraceDays: 0,
      massChangeThreshold: 5,
    });
    expect((await t.admin.get('/settings')).body).toEqual(changed.body);

    const [event] = (await t.admin.get('/events?action=tenant.settings_changed')).body.items;
    expect(event).toMatchObject({
      entity: { type: 'tenant', id: t.tenant.tenantId },
      actor: { type: 'token' },
      before: { defaultCountry: 'SE', defaultLanguage: 'en', licenseGraceDays: 7, massChangeThreshold: 50 },
      after: { defaultCountry: 'NO', defaultLanguage: 'nb-NO', licenseGraceDays: 0, massChangeThreshold: 5 },
    });

    // The new default country applies to users created from now on.
    const user = await t.admin.post('/users', {
      firstName: 'Ola',
      surname: 'Nordmann',
      email: 'ola@example.com',
    });
    expect(user.body.country).toBe('NO');
  });

  it.each([
    [{ licenseGraceDays: -1 }, 'licenseGraceDays'],
    [{ blockedCutoffDays: 0 }, 'blockedCutoffDays'],
    [{ defaultCountry: 'XX' }, 'defaultCountry'],
    [{ defaultLanguage: 'not a language' }, 'defaultLanguage'],
    [{ massChangeThreshold: 1.5 }, 'massChangeThreshold'],
    [{ tenantName: 'evil' }, ''],
    [{}, ''],
  ])('refuses %j and stores nothing', async (body, field) => {
    const before = (await t.admin.get('/settings')).body;
    const res = await t.admin.patch('/settings', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.admin.get('/settings')).body).toEqual(before);
  });

  it('lets every role read and only the owner change', async () => {
    const licenseAdmin = adminClient(
      t.app,
      await issueAdminToken(t.container, t.tenant.tenantId, 'license_admin'),
    );
    expect((await licenseAdmin.get('/settings')).status).toBe(200);
    const res = await licenseAdmin.patch('/settings', { licenseGraceDays: 3 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
  });
});
