import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

describe('console: the users list', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('creates many users from a list of e-mail addresses, by keyboard, and says what became of each', async () => {
    await h.t.admin.post('/users', { firstName: 'Old', surname: 'Timer', email: 'old@example.com' });
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Create multiple users' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Create multiple users' });
    await dialog
      .getByLabel('E-mail addresses')
      .fill('new1@example.com, new2@example.com\nold@example.com, nope');
    await dialog.getByRole('button', { name: 'Create users' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toMatch(/2 created, 1 already existed, 1 invalid/);
    expect(await dialog.getByRole('list', { name: 'Results' }).textContent()).toMatch(
      /new1@example.com: created.*old@example.com: already exists.*nope: invalid/,
    );
    await expectAccessible(page);
    // The result's own button, not the dialog's close (×) button beside the title.
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page
      .getByRole('table', { name: 'Users' })
      .getByRole('link', { name: 'new2@example.com' })
      .waitFor();

    await keepScreenshot(page, 'users-bulk-create');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('filters by department and country, selects many and assigns them a product, shown in the license column', async () => {
    for (const [name, department, country] of [
      ['ana', 'Sales', 'SE'],
      ['ben', 'Sales', 'SE'],
      ['cai', 'Sales', 'NO'],
      ['dan', 'Support', 'SE'],
    ])
      await h.t.admin.post('/users', {
        firstName: name,
        surname: 'Seller',
        email: `${name}@example.com`,
        department,
        country,
      });
    await h.t.admin.post('/purchases', {
      product: 'cc-pro',
      quantity: 5,
      bindingMonths: 12,
      termsAccepted: true,
    });
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/users');
    const table = page.getByRole('table', { name: 'Users' });
    await page.getByLabel('Department').fill('sales');
    await page.getByLabel('Country').fill('se');
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['ana Seller', 'ben Seller']);

    await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
    await page.getByRole('button', { name: 'Assign a product to 2 selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign a product to 2 users' });
    await dialog.getByRole('combobox', { name: 'Product' }).click();
    await page.getByRole('option', { name: 'CC Pro' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/2 active/);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => table.getByText('CC Pro').count()).toBe(2);

    // The license filter finds them again, whatever else is typed away.
    await page.getByLabel('Department').fill('');
    await page.getByLabel('Country').fill('');
    await page.getByRole('combobox', { name: 'License' }).click();
    await page.getByRole('option', { name: 'CC Pro' }).click();
    await expect.poll(() => table.getByRole('link').allTextContents()).toEqual(['ana Seller', 'ben Seller']);

    await keepScreenshot(page, 'users-select-assign');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
