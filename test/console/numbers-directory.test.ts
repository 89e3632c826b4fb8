import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

describe('console: numbers and directory pages in a browser', { timeout: 600_000 }, () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('acquires numbers through the page and shows them in the pool filtered by kind', async () => {
    // A fixed number already in the pool, which the kind filter must leave out.
    const fixed = await h.t.admin.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 });
    expect(fixed.status).toBe(201);
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/numbers');
    const pool = page.getByRole('table', { name: 'Number pool' });
    await pool.getByRole('cell', { name: fixed.body.items[0].e164 }).waitFor();

    await page.getByRole('button', { name: 'Acquire numbers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Acquire numbers' });
    await dialog.getByLabel('Country').fill('SE');
    await dialog.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Mobile' }).click();
    await dialog.getByLabel('Quantity').fill('3');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Acquire' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByLabel('Kind', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Mobile' }).click();
    await expect.poll(() => pool.getByRole('row').count()).toBe(4);
    const kinds = await pool.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(kinds).toEqual(['mobile', 'mobile', 'mobile']);
    const stored = await h.t.admin.get('/numbers?kind=mobile');
    const shown = await pool.locator('tbody tr td:nth-child(1)').allTextContents();
    expect(shown).toEqual(stored.body.items.map((n: { e164: string }) => n.e164));
    await expectAccessible(page);
    await keepScreenshot(page, 'numbers-acquired');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a read-only admin the pool without Acquire or port-in', async () => {
    const token = await issueAdminToken(h.t.container, h.t.tenant.tenantId, 'read_only');
    const { page, context, problems } = await h.newPage();
    await signIn(page, token);
    await page.goto('/numbers');
    await page.getByRole('table', { name: 'Port orders' }).getByText('No port orders.').waitFor();
    expect(await page.getByRole('button', { name: 'Acquire numbers' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Port in a number' }).count()).toBe(0);
    await expectAccessible(page);
    await keepScreenshot(page, 'numbers-read-only');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the directory page empty when no Entra ID connection exists', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/directory');
    await page.getByText('No Entra ID connection yet').waitFor();
    await expectAccessible(page);
    await keepScreenshot(page, 'directory-empty');
    expect(problems).toEqual([]);
    await context.close();
  });
});
