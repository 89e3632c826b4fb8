import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

describe('console: sign-in, sign-out and session expiry in a browser', { timeout: 600_000 }, () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('is served at / with a strict policy, signs in with the admin token and signs out', async () => {
    const { page, context, problems } = await h.newPage();
    const response = await page.goto('/');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');

    await page.getByLabel('Admin token').fill('sst_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/unknown, revoked or not an admin token/);
    await expectAccessible(page);

    await page.getByLabel('Admin token').fill(h.t.tenant.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByTestId('role').textContent()).toBe('Owner');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'seatsync_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // Scripts cannot read the session cookie.
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).not.toContain('seatsync_session');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    expect((await context.cookies()).find((c) => c.name === 'seatsync_session')).toBeUndefined();
    await page.reload();
    await page.getByLabel('Admin token').waitFor();
    await keepScreenshot(page, 'sign-out');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the sign-in page with the reason once the session expires, and keeps a deep link', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await h.t.container.database
      .knex('admin_sessions')
      .where({ tenant_id: h.t.tenant.tenantId })
      .whereNull('ended_at')
      .update({ idle_expires_at: h.t.container.database.knex.raw("now() - interval '1 second'") });
    await page.goto('/users');
    await page.getByLabel('Admin token').waitFor();
    await page.getByLabel('Admin token').fill(h.t.tenant.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    await keepScreenshot(page, 'session-expired');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a read-only admin their role', async () => {
    const token = await issueAdminToken(h.t.container, h.t.tenant.tenantId, 'read_only');
    const { page, context, problems } = await h.newPage();
    await signIn(page, token);
    expect(await page.getByTestId('role').textContent()).toBe('Read only');
    await keepScreenshot(page, 'read-only');
    expect(problems).toEqual([]);
    await context.close();
  });
});
