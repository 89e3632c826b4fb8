import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

describe('console: overview, activity and settings', { timeout: 600_000 }, () => {
  let h: ConsoleHarness;
  const userIds: string[] = [];

  beforeAll(async () => {
    h = await startConsole();
    const { admin } = h.t;
    for (const [firstName, surname] of [
      ['Astrid', 'Lindgren'],
      ['Bertil', 'Ohlin'],
    ] as const) {
      const res = await admin.post('/users', {
        firstName,
        surname,
        email: `${firstName.toLowerCase()}@example.com`,
      });
      expect(res.status).toBe(201);
      userIds.push(res.body.id);
    }
    const bought = await admin.post('/purchases', {
      product: 'cc-pro',
      quantity: 1,
      bindingMonths: 12,
      termsAccepted: true,
    });
    expect(bought.status).toBe(201);
    // One seat for two users: one license runs, the other is blocked for want of a seat.
    for (const userId of userIds) {
      const res = await admin.post('/assignments', { userIds: [userId], product: 'cc-pro' });
      expect(res.status).toBeLessThan(300);
    }
  });
  afterAll(() => h?.close());

  it('lands on the overview: seats used against purchased, and the blocked license with its reason', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const seats = page.getByTestId('seats-cc-pro');
    await seats.waitFor();
    expect(await seats.textContent()).toMatch(/1 of 1 used · 0 free/);
    const blocked = page.getByRole('region', { name: 'Licenses that could not start' });
    await blocked.getByText('seat unavailable').waitFor();
    await blocked.getByRole('link', { name: 'user 1' }).waitFor();
    await expectAccessible(page);
    await keepScreenshot(page, 'overview');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the audit log filtered by action, an event’s details, and exports it as CSV', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    await page.getByLabel('Action').fill('user.created');
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await table.getByRole('button', { name: 'Show' }).first().click();
    await table
      .getByText(/Astrid|Bertil/)
      .first()
      .waitFor();
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain('action=user.created');
    // The download goes out with the session cookie, as a click on the link would.
    const csv = await page.request.get(href as string);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('user.created');
    expect(text).not.toContain('assignment.activated');
    await expectAccessible(page);
    await keepScreenshot(page, 'activity');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an owner change a setting, create a token shown once, and revoke it', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.getByRole('link', { name: 'Settings' }).click();
    const grace = page.getByLabel('License grace (days)');
    await grace.waitFor();
    await grace.fill('21');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    expect((await h.t.admin.get('/settings')).body.licenseGraceDays).toBe(21);

    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a token' });
    await dialog.getByLabel('Label').fill('Okta provisioning');
    await dialog.getByLabel('Kind', { exact: true }).click();
    await page.getByRole('option', { name: /SCIM/ }).click();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(secret).toMatch(/^sst_/);
    const scim = await fetch(`${h.baseUrl}/scim/v2/Users?count=1`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(scim.status).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Revoke Okta provisioning' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke this token?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await expect.poll(() => page.getByRole('button', { name: 'Revoke Okta provisioning' }).count()).toBe(0);
    await expect
      .poll(
        async () =>
          (
            await fetch(`${h.baseUrl}/scim/v2/Users?count=1`, {
              headers: { Authorization: `Bearer ${secret}` },
            })
          ).status,
      )
      .toBe(401);
    await expectAccessible(page);
    await keepScreenshot(page, 'settings');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a read-only admin the settings without a way to change them, and no tokens', async () => {
    const token = await issueAdminToken(h.t.container, h.t.tenant.tenantId, 'read_only');
    const { page, context, problems } = await h.newPage();
    await signIn(page, token);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('License grace (days)').waitFor();
    expect(await page.getByLabel('License grace (days)').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Tokens' }).count()).toBe(0);
    await expectAccessible(page);
    await keepScreenshot(page, 'settings-read-only');
    expect(problems).toEqual([]);
    await context.close();
  });
});
