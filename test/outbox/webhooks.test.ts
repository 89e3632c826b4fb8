import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createTenant } from '../../src/operator.js';
import { adminClient, issueAdminToken, newUser, scimClient, type TestApp } from '../helpers/test-app.js';
import { buildTestApp } from '../helpers/test-app.js';
import {
  admin as licensingAdmin,
  licensingFixture,
  type LicensingFixture,
} from '../licensing/licensing-fixture.js';
import { drain, outboxApp, OUTBOX_TEST_CONFIG } from './outbox-fixture.js';
import { startWebhookReceiver, type Answer, type ReceivedWebhook } from './receivers.js';

// Building an app migrates a fresh embedded database: over a minute on a busy two-core machine.
const APP_START_TIMEOUT = 180_000;

let t: TestApp;
beforeAll(async () => {
  t = await outboxApp({ WEBHOOK_FAILURE_LIMIT: '3' });
}, APP_START_TIMEOUT);
afterAll(async () => {
  await t?.close();
});

const dispatcher = () => t.container.messages.dispatcher('test-worker');

/** A new tenant with its own receiver and endpoint, so scenarios do not see each other's messages. */
async function scenario(eventTypes: string[], answer?: (request: ReceivedWebhook, index: number) => Answer) {
  const tenant = await createTenant(t.container, `hooks-${Math.random().toString(36).slice(2, 10)}`);
  const admin = adminClient(t.app, tenant.adminToken);
  const scim = scimClient(t.app, tenant.scimToken);
  const secrets: string[] = [];
  const receiver = await startWebhookReceiver({ secrets: () => secrets, ...(answer ? { answer } : {}) });
  const created = await admin.post('/webhooks/endpoints', { url: `${receiver.url}/hooks`, eventTypes });
  expect(created.status).toBe(201);
  secrets.push(created.body.secret);
  return { tenant, admin, scim, receiver, secrets, endpoint: created.body };
}

describe('webhook endpoints through the admin API', () => {
  it('creates an endpoint whose secret is shown once, in the Standard Webhooks form', async () => {
    const s = await scenario(['user.created']);
    expect(s.endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(s.endpoint).toMatchObject({ enabled: true, eventTypes: ['user.created'], consecutiveFailures: 0 });
    const read = await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect((await s.admin.get('/webhooks/endpoints')).body.items.map((e: { id: string }) => e.id)).toEqual([
      s.endpoint.id,
    ]);
    await s.receiver.close();
  });

  it('refuses bad input with a 4xx and stores nothing', async () => {
    const tenant = await createTenant(t.container, `hooks-bad-${Math.random().toString(36).slice(2, 8)}`);
    const admin = adminClient(t.app, tenant.adminToken);
    for (const body of [
      { url: 'http://127.0.0.1:1/x', eventTypes: ['user.exploded'] },
      { url: 'http://127.0.0.1:1/x', eventTypes: [] },
      { url: 'not a url', eventTypes: ['user.created'] },
      { url: 'ftp://example.com/x', eventTypes: ['user.created'] },
      { eventTypes: ['user.created'] },
    ]) {
      const res = await admin.post('/webhooks/endpoints', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await admin.get('/webhooks/endpoints')).body.items).toEqual([]);
    expect((await admin.get('/webhooks/endpoints/not-a-uuid')).status).toBe(404);
  });

  it('lets only owners manage endpoints', async () => {
    const token = await issueAdminToken(t.container, t.tenant.tenantId, 'license_admin');
    const res = await adminClient(t.app, token).post('/webhooks/endpoints', {
      url: 'http://127.0.0.1:1/x',
      eventTypes: ['user.created'],
    });
    expect(res.status).toBe(403);
    expect((await adminClient(t.app, token).get('/webhooks/endpoints')).status).toBe(200);
  });

  it('tests an endpoint with a signed webhook.test message', async () => {
    const s = await scenario(['user.created']);
    const res = await s.admin.post(`/webhooks/endpoints/${s.endpoint.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delivered: true, statusCode: 204, error: null });
    expect(s.receiver.received).toHaveLength(1);
    expect(s.receiver.received[0]).toMatchObject({ verified: true, body: { type: 'webhook.test' } });
    await s.receiver.close();
  });

  it('lists the event type catalog with payload versions', async () => {
    const res = await t.admin.get('/webhooks/event-types');
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({ type: 'assignment.activated', version: 1 });
    expect(res.body.items).toContainEqual({ type: 'user.suspended', version: 1 });
  });
});

describe('delivery', () => {
  it('delivers user changes signed, in order per user, each once, with enough data to act', async () => {
    const s = await scenario(['user.created', 'user.updated', 'user.suspended', 'user.deleted']);
    const ids: string[] = [];
    for (const name of ['ada', 'grace', 'linus']) {
      const created = await s.scim.post('/Users', newUser(`${name}@example.com`));
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      await s.scim.patchOps(`/Users/${created.body.id}`, { op: 'replace', path: 'title', value: 'Engineer' });
      await s.scim.patchOps(`/Users/${created.body.id}`, { op: 'replace', path: 'active', value: false });
    }
    expect((await s.scim.delete(`/Users/${ids[0]}`)).status).toBe(204);

    await drain(dispatcher());
    const got = s.receiver.received;
    expect(got.every((r) => r.verified)).toBe(true);
    expect(new Set(got.map((r) => r.id)).size).toBe(got.length);
    const typesOf = (userId: string) =>
      got.filter((r) => r.body.data.entityId === userId).map((r) => r.body.type);
    expect(typesOf(ids[0]!)).toEqual(['user.created', 'user.updated', 'user.suspended', 'user.deleted']);
    expect(typesOf(ids[1]!)).toEqual(['user.created', 'user.updated', 'user.suspended']);
    const created = got.find((r) => r.body.type === 'user.created')!;
    expect(created.body).toMatchObject({
      version: 1,
      data: {
        tenantId: s.tenant.tenantId,
        entityType: 'user',
        after: { userName: 'ada@example.com', active: true },
      },
    });
    expect(created.id).toBe(`evt_${created.body.data.eventId}`);
    expect(Number(created.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 300);

    const deliveries = await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}/deliveries?status=delivered`);
    expect(deliveries.body.items).toHaveLength(got.length);
    const one = await s.admin.get(
      `/webhooks/endpoints/${s.endpoint.id}/deliveries/${deliveries.body.items[0].id}`,
    );
    expect(one.body.log).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'delivered', statusCode: 204 }),
    ]);
    await s.receiver.close();
  });

  it('sends only the types an endpoint asked for, and nothing to a disabled endpoint', async () => {
    const s = await scenario(['user.suspended']);
    const created = await s.scim.post('/Users', newUser('only-suspended@example.com'));
    await s.scim.patchOps(`/Users/${created.body.id}`, { op: 'replace', path: 'active', value: false });
    await drain(dispatcher());
    expect(s.receiver.received.map((r) => r.body.type)).toEqual(['user.suspended']);

    await s.admin.patch(`/webhooks/endpoints/${s.endpoint.id}`, { enabled: false });
    await s.scim.patchOps(`/Users/${created.body.id}`, { op: 'replace', path: 'active', value: true });
    await s.scim.patchOps(`/Users/${created.body.id}`, { op: 'replace', path: 'active', value: false });
    await drain(dispatcher());
    expect(s.receiver.received).toHaveLength(1);
    await s.receiver.close();
  });

  it("retries a failed attempt with the receiver in the log, and holds the entity's later messages until then", async () => {
    const s = await scenario(['user.created', 'user.updated'], (_r, index) =>
      index === 0 ? { status: 500 } : { status: 200 },
    );
    const created = await s.scim.post('/Users', newUser('retried@example.com'));
    await s.scim.patchOps(`/Users/${created.body.id}`, { op: 'replace', path: 'title', value: 'Boss' });
    await drain(dispatcher());
    expect(s.receiver.received.map((r) => r.body.type)).toEqual([
      'user.created',
      'user.created',
      'user.updated',
    ]);
    expect(s.receiver.received[0]!.id).toBe(s.receiver.received[1]!.id);
    const list = await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}/deliveries`);
    const first = list.body.items.find((d: { type: string }) => d.type === 'user.created');
    const log = (await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}/deliveries/${first.id}`)).body.log;
    expect(log.map((a: { outcome: string; statusCode: number }) => [a.outcome, a.statusCode])).toEqual([
      ['retry', 500],
      ['delivered', 200],
    ]);
    await s.receiver.close();
  });

  it('waits as long as a 429 or 503 Retry-After asks', async () => {
    const s = await scenario(['user.created'], (_r, index) =>
      index === 0 ? { status: 429, headers: { 'Retry-After': '120' } } : { status: 204 },
    );
    await s.scim.post('/Users', newUser('throttled@example.com'));
    const before = Date.now();
    await drain(dispatcher());
    expect(s.receiver.received).toHaveLength(1);
    const [delivery] = (await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}/deliveries`)).body.items;
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('429'),
    });
    const waits = (Date.parse(delivery.nextAttemptAt) - before) / 1000;
    expect(waits).toBeGreaterThan(110);
    expect(waits).toBeLessThan(180);
    await s.receiver.close();
  });

  it('disables an endpoint after WEBHOOK_FAILURE_LIMIT failed attempts in a row', async () => {
    const s = await scenario(['user.created'], () => ({ status: 500 }));
    await s.scim.post('/Users', newUser('never-accepted@example.com'));
    await drain(dispatcher());
    expect(s.receiver.received).toHaveLength(3);
    const endpoint = (await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}`)).body;
    expect(endpoint).toMatchObject({
      enabled: false,
      consecutiveFailures: 3,
      disabledReason: 'Disabled after 3 failed attempts in a row',
    });
    // Enabling it again resets the count; the message that waited is delivered once the receiver accepts.
    const reenabled = await s.admin.patch(`/webhooks/endpoints/${s.endpoint.id}`, { enabled: true });
    expect(reenabled.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    await s.receiver.close();
  });

  it('does not follow a redirect', async () => {
    const target = await startWebhookReceiver({ secrets: () => [] });
    const s = await scenario(['user.created'], () => ({
      status: 302,
      headers: { Location: `${target.url}/x` },
    }));
    await s.scim.post('/Users', newUser('redirected@example.com'));
    await dispatcher().runOnce();
    expect(s.receiver.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
    const [delivery] = (await s.admin.get(`/webhooks/endpoints/${s.endpoint.id}/deliveries`)).body.items;
    expect(delivery.lastError).toContain('redirect');
    await s.receiver.close();
    await target.close();
  });

  it('signs with both secrets while a rotation overlaps, then only with the new one', async () => {
    const s = await scenario(['user.created']);
    const rotated = await s.admin.post(`/webhooks/endpoints/${s.endpoint.id}/rotate-secret`, {
      overlapHours: 1,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(s.endpoint.secret);
    await s.scim.post('/Users', newUser('rotated-1@example.com'));
    await drain(dispatcher());
    const [message] = s.receiver.received;
    const raw = JSON.stringify(message!.body);
    const headers = message!.headers as Record<string, string>;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(s.endpoint.secret).verify(raw, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(raw, headers)).not.toThrow();

    const noOverlap = await s.admin.post(`/webhooks/endpoints/${s.endpoint.id}/rotate-secret`, {
      overlapHours: 0,
    });
    s.secrets.splice(0, s.secrets.length, noOverlap.body.secret);
    await s.scim.post('/Users', newUser('rotated-2@example.com'));
    await drain(dispatcher());
    const last = s.receiver.received.at(-1)!;
    expect(last.verified).toBe(true);
    expect(() =>
      new Webhook(rotated.body.secret).verify(
        JSON.stringify(last.body),
        last.headers as Record<string, string>,
      ),
    ).toThrow();
    await s.receiver.close();
  });

  it('replays a range of events in order with the same webhook-ids, and past events the endpoint never had', async () => {
    // One user's events: one ordering key, so the receiver's order is the event order.
    const s = await scenario(['user.created', 'user.updated']);
    const user = await s.scim.post('/Users', newUser('replayed@example.com'));
    for (const title of ['One', 'Two'])
      await s.scim.patchOps(`/Users/${user.body.id}`, { op: 'replace', path: 'title', value: title });
    await drain(dispatcher());
    const first = s.receiver.received.map((r) => r.id);
    expect(first).toHaveLength(3);
    const fromEventId = s.receiver.received[1]!.body.data.eventId as string;
    const replay = await s.admin.post(`/webhooks/endpoints/${s.endpoint.id}/replay`, { fromEventId });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ queued: 2 });
    await drain(dispatcher());
    expect(s.receiver.received.slice(3).map((r) => r.id)).toEqual(first.slice(1));

    // A second endpoint gets events from before it existed.
    const late = await s.admin.post('/webhooks/endpoints', {
      url: `${s.receiver.url}/late`,
      eventTypes: ['user.created', 'user.updated'],
    });
    s.secrets.push(late.body.secret);
    await s.admin.post(`/webhooks/endpoints/${late.body.id}/replay`, { from: '2000-01-01T00:00:00Z' });
    await drain(dispatcher());
    expect(s.receiver.received.filter((r) => r.path === '/late').map((r) => r.id)).toEqual(first);
    expect((await s.admin.post(`/webhooks/endpoints/${late.body.id}/replay`, {})).status).toBe(400);
    await s.receiver.close();
  });
});

describe('license, number and seat events', () => {
  let f: LicensingFixture;
  beforeAll(async () => {
    f = await licensingFixture(OUTBOX_TEST_CONFIG);
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await f?.close();
  });

  it('carry the product, the user and their numbers, so the platform can act without calling back', async () => {
    const admin = adminClient(f.app.app, f.app.tenant.adminToken);
    const secrets: string[] = [];
    const receiver = await startWebhookReceiver({ secrets: () => secrets });
    const created = await admin.post('/webhooks/endpoints', {
      url: receiver.url,
      eventTypes: ['assignment.activated', 'number.assigned', 'subscription.purchased'],
    });
    secrets.push(created.body.secret);
    await f.buy('basic', 1);
    const userId = await f.user('platform');
    await f.giveNumbers(userId);
    await f.tx((s) =>
      s.assignments.assign(f.tenantId, { userIds: [userId], product: 'basic' }, licensingAdmin),
    );
    await drain(f.app.container.messages.dispatcher('licensing'));

    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // Different entities are delivered in parallel: put them in event order to compare.
    const inEventOrder = [...receiver.received].sort(
      (a, b) => Number(a.body.data.eventId) - Number(b.body.data.eventId),
    );
    expect(inEventOrder.map((r) => r.body.type)).toEqual([
      'subscription.purchased',
      'number.assigned',
      'assignment.activated',
    ]);
    const [purchase, assigned, activated] = inEventOrder.map((r) => r.body.data);
    expect(purchase).toMatchObject({ product: 'basic', after: { quantity: 1 } });
    const e164 = (assigned!.after as { e164: string }).e164;
    expect(assigned).toMatchObject({ after: { status: 'assigned', userId } });
    expect(activated).toMatchObject({
      entityType: 'assignment',
      after: { state: 'active', userId, product: 'basic' },
      numbers: [{ e164, kind: 'fixed' }],
    });
    await receiver.close();
  });
});

describe('targets (SSRF)', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await buildTestApp({ SECRET_KEY: OUTBOX_TEST_CONFIG.SECRET_KEY });
  }, APP_START_TIMEOUT);
  afterAll(async () => {
    await strict?.close();
  });

  it.each([
    'http://hooks.example.com/x',
    'https://127.0.0.1/x',
    'https://10.0.0.8/x',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/x',
    'https://localhost/x',
  ])('refuses %s by default', async (url) => {
    const res = await strict.admin.post('/webhooks/endpoints', { url, eventTypes: ['user.created'] });
    expect(res.status).toBe(400);
  });

  it('accepts https to a public name', async () => {
    const res = await strict.admin.post('/webhooks/endpoints', {
      url: 'https://hooks.example.com/seatsync',
      eventTypes: ['user.created'],
    });
    expect(res.status).toBe(201);
  });
});
