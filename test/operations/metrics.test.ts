import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../helpers/test-app.js';
import { admin, licensingFixture, type LicensingFixture } from '../licensing/licensing-fixture.js';
import { rulesHelpers } from '../rules/rules-fixture.js';

let f: LicensingFixture;
beforeAll(async () => {
  f = await licensingFixture();
});
afterAll(async () => {
  await f?.close();
});

const scrape = async () => (await supertest(f.app.app).get('/metrics')).text;
const series = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`));

describe('/metrics', () => {
  it('labels requests by route template: made-up URLs add no series', async () => {
    const created = await f.app.scim.post('/Users', newUser('metrics@example.com'));
    await f.app.scim.get(`/Users/${created.body.id}`);
    await f.app.scim.get('/Users/00000000-0000-4000-8000-000000000000');
    // Warm-ups: a made-up page (the console answers it) and a made-up SCIM path (404) each make their one series.
    await supertest(f.app.app).get('/made-up/warm-up');
    await f.app.scim.get('/Nowhere-warm-up');
    const before = series(await scrape(), 'seatsync_http_requests_total');
    for (let i = 0; i < 200; i += 1) {
      await supertest(f.app.app).get(`/made-up/${i}/${Math.random().toString(36)}`);
      await f.app.scim.get(`/Nowhere${i}`);
    }
    const after = await scrape();
    const lines = series(after, 'seatsync_http_requests_total');
    expect(lines.length).toBeLessThanOrEqual(before.length + 1);
    expect(after).toContain('route="/scim/v2/Users/:id"');
    expect(after).not.toMatch(/route="[^"]*made-up/);
    expect(after).not.toMatch(/route="[^"]*Nowhere/);
    expect(after).not.toContain(String(created.body.id));
  });

  it('reports job lag per job, blocked licenses per tenant and directory runs', async () => {
    const knex = f.app.container.database.knex;
    await knex('agenda_jobs').insert({
      name: 'metrics-overdue-job',
      next_run_at: new Date(Date.now() - 120_000),
    });
    await knex('agenda_jobs').insert({
      name: 'metrics-future-job',
      next_run_at: new Date(Date.now() + 120_000),
    });
    // No seat bought: the license waits blocked.
    const userId = await f.user('blocked-metrics');
    await f.tx((s) => s.assignments.assign(f.tenantId, { userIds: [userId], product: 'cc-pro' }, admin));
    const text = await scrape();
    const lag = /seatsync_job_lag_seconds\{job="metrics-overdue-job"\} ([\d.]+)/.exec(text);
    expect(Number(lag?.[1])).toBeGreaterThanOrEqual(119);
    expect(text).toContain('seatsync_job_lag_seconds{job="metrics-future-job"} 0');
    const tenant = await f.app.container.services.tenants.get(f.tenantId);
    expect(text).toContain(`seatsync_licenses_waiting{tenant="${tenant.name}",state="blocked"} 1`);
    expect(text).toContain('# TYPE seatsync_directory_runs gauge');
  });

  it('reports webhook and e-mail delivery: messages waiting and given up on per channel, and the oldest wait', async () => {
    const gauge = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    const pendingWebhooks = /seatsync_outbox_messages\{channel="webhook",status="pending"\} (\d+)/;
    const failedMail = /seatsync_outbox_messages\{channel="email",status="failed"\} (\d+)/;
    const webhookLag = /seatsync_outbox_delivery_lag_seconds\{channel="webhook"\} ([\d.]+)/;
    const before = await scrape();
    const message = { tenant_id: f.tenantId, type: 'user.created', payload: {} };
    await f.app.container.database.knex('outbox').insert([
      {
        ...message,
        channel: 'webhook',
        destination: 'endpoint',
        created_at: new Date(Date.now() - 300_000),
      },
      { ...message, channel: 'email', destination: 'email', type: 'onboarding', status: 'failed' },
    ]);
    const after = await scrape();
    expect(gauge(after, pendingWebhooks)).toBe(gauge(before, pendingWebhooks) + 1);
    expect(gauge(after, failedMail)).toBe(gauge(before, failedMail) + 1);
    expect(gauge(after, webhookLag)).toBeGreaterThanOrEqual(299);
    expect(after).toMatch(/seatsync_outbox_delivery_lag_seconds\{channel="email"\} [\d.]+/);
  });

  it('reports license removals held for approval per tenant', async () => {
    const t = await f.newTenant();
    const r = rulesHelpers(t);
    await t.buy('cc-pro', 5);
    await r.setThreshold(1);
    const users = [await t.user('held-a'), await t.user('held-b')];
    const group = await r.group('held', users);
    await r.rule({ name: 'held', groupId: group, product: 'cc-pro' });
    // Two removals at once, over the threshold of one: held for an admin's approval.
    await r.removeMembers(group, users);
    const tenant = await f.app.container.services.tenants.get(t.tenantId);
    expect(await scrape()).toContain(`seatsync_licenses_waiting{tenant="${tenant.name}",state="held"} 2`);
  });
});
