import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/container.js';
import { ENTERPRISE, GROUP_SCHEMA, issueAdminToken, newUser } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

// One tenant for the file: each test has its own group, rule and users.
describe('console: group rules with their preview, activation and held mass changes', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  const ok = async (res: PromiseLike<{ status: number; body: unknown }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body as Record<string, unknown> & { id: string };
  };
  const user = async (userName: string, department = 'Support') =>
    (
      await ok(
        h.t.scim.post('/Users', newUser(userName, { displayName: userName, [ENTERPRISE]: { department } })),
        201,
      )
    ).id;
  const group = async (displayName: string, members: string[]) =>
    (
      await ok(
        h.t.scim.post('/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName,
          members: members.map((value) => ({ value })),
        }),
        201,
      )
    ).id;
  const buy = (product: string, quantity: number) =>
    ok(h.t.admin.post('/purchases', { product, quantity, bindingMonths: 12, termsAccepted: true }), 201);
  /** What the reconcile and evaluation jobs do within a minute, run until there is nothing left. */
  const settle = async () => {
    const job = { type: 'job' as const, id: 'test' };
    for (;;) {
      const reconciled = await h.t.container.transaction((s: Services) =>
        s.ruleEngine.reconcileRequested(job),
      );
      const drained = await h.t.container.transaction((s: Services) => s.ruleEngine.drainQueue(500, job));
      if (reconciled === 0 && drained === 0) return;
    }
  };
  const licensesOf = async (userId: string) =>
    (
      (await ok(h.t.admin.get(`/assignments?userId=${userId}`))).items as Array<{
        product: string;
        state: string;
      }>
    )
      .filter((a) => !['cancelled', 'removed'].includes(a.state))
      .map((a) => `${a.product}:${a.state}`);

  it('creates a rule, previews its gains and seat shortfall before saving, activates it and users get the license', async () => {
    const agents = [await user('agent.one@example.com'), await user('agent.two@example.com')];
    // In the group but outside the filter: gains nothing.
    const manager = await user('agent.manager@example.com', 'Management');
    await group('Contact centre agents', [...agents, manager]);
    await buy('cc-pro', 1);
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('link', { name: 'New rule' }).click();

    const form = page.getByRole('form', { name: 'Rule' });
    await form.getByLabel(/^Name/).fill('Agents get CC Pro');
    await form.getByLabel(/^Group/).fill('Contact');
    await page.getByRole('option', { name: 'Contact centre agents' }).click();
    await form.getByLabel('Attribute').click();
    await page.getByRole('option', { name: 'Department' }).click();
    await form.getByLabel('Value').fill('Support');
    await form.getByRole('button', { name: 'Add condition' }).click();
    expect(await form.getByLabel('Filter', { exact: true }).inputValue()).toBe('department eq "Support"');
    await form.getByLabel(/^Product/).click();
    await page.getByRole('option', { name: 'CC Pro' }).click();
    await form.getByRole('button', { name: 'Preview impact' }).click();

    const preview = page.getByRole('region', { name: 'Preview' });
    const row = preview
      .getByRole('table', { name: 'Licenses per product' })
      .getByRole('row', { name: /CC Pro/ });
    await row.waitFor();
    // Two users gain CC Pro, one seat is free: one short.
    expect(await row.getByRole('cell').allTextContents()).toEqual(['CC Pro', '2', '0', '0', '1', '1 short']);
    await expect.poll(() => preview.getByText('agent.two@example.com').count()).toBe(1);
    expect(await preview.getByText('Applied without approval').count()).toBe(1);
    // Nothing was written by the preview.
    expect((await ok(h.t.admin.get('/rules'))).items).toEqual([]);
    // The README's picture: the editor and its preview in one tall window (a full-page capture repeats the
    // fixed header mid-page).
    await page.setViewportSize({ width: 1280, height: 1150 });
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await page.screenshot({ path: 'docs/rules-preview.png' });
    await page.setViewportSize({ width: 1280, height: 900 });

    await form.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('link', { name: 'Agents get CC Pro' }).waitFor();
    await buy('cc-pro', 1);
    await page.getByRole('button', { name: 'Activate Agents get CC Pro' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('table', { name: 'Licenses per product' }).waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Confirm: activate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Contact centre rules' })
      .getByText('active', { exact: true })
      .waitFor();

    await settle();
    for (const id of agents) expect(await licensesOf(id)).toEqual(['cc-pro:active']);
    expect(await licensesOf(manager)).toEqual([]);
    await keepScreenshot(page, 'rules-activated');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('holds a retirement that would remove many licenses, and the admin approves it on the held changes page', async () => {
    const staff = [
      await user('support.a@example.com'),
      await user('support.b@example.com'),
      await user('support.c@example.com'),
    ];
    const groupId = await group('Support desk', staff);
    await buy('cc-pro', 3);
    await ok(
      h.t.admin.post('/rules', {
        name: 'Support desk CC',
        groupId,
        product: 'cc-pro',
        status: 'active',
        removalGraceDays: 0,
      }),
      201,
    );
    await settle();
    expect(await licensesOf(staff[0]!)).toEqual(['cc-pro:active']);
    await ok(h.t.admin.patch('/settings', { massChangeThreshold: 2 }));

    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/rules');
    await page.getByRole('button', { name: 'Retire Support desk CC' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This change would be held for approval').waitFor();
    expect(await dialog.getByText('support.b@example.com').count()).toBe(1);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Confirm: retire' }).click();
    await dialog.waitFor({ state: 'detached' });
    await settle();
    // Held: the licenses still run.
    expect(await licensesOf(staff[0]!)).toEqual(['cc-pro:active']);

    await page.getByRole('tab', { name: 'Held changes' }).click();
    await page.getByRole('table', { name: 'Held changes' }).getByRole('link').first().click();
    const affected = page.getByRole('table', { name: 'Affected users' });
    await affected.getByText('support.c@example.com').waitFor();
    expect(await affected.getByRole('row').count()).toBe(4);
    await page.getByRole('button', { name: 'Approve removals' }).click();
    await page.getByText(/^Decided /).waitFor();
    const holds = (await ok(h.t.admin.get('/rule-holds'))).items as Array<{ status: string }>;
    expect(holds.map((x) => x.status)).toEqual(['approved']);
    await settle();
    expect(await licensesOf(staff[0]!)).not.toContain('cc-pro:active');
    await keepScreenshot(page, 'rules-hold-approved');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a read-only admin the rules without any button that changes them', async () => {
    const token = await issueAdminToken(h.t.container, h.t.tenant.tenantId, 'read_only');
    const { page, context, problems } = await h.newPage();
    await signIn(page, token);
    await page.goto('/rules');
    await page.getByRole('link', { name: 'Agents get CC Pro' }).waitFor();
    expect(await page.getByRole('button', { name: /New rule|Activate|Retire/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New rule' }).count()).toBe(0);
    await keepScreenshot(page, 'rules-read-only');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
