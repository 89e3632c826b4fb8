import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

const DAY = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

describe('console: licenses — inventory, forecast, buying seats and scheduled assignments', () => {
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

  it('buys seats with a binding period only once the terms are accepted, and shows them in the inventory', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
    const basic = page.getByRole('table', { name: 'Inventory' }).getByRole('row', { name: /Basic/ });
    await basic.waitFor();
    expect(await basic.getByRole('cell').first().textContent()).toBe('0');

    await page.getByRole('button', { name: 'Buy seats' }).click();
    const dialog = page.getByRole('dialog', { name: 'Buy seats' });
    await dialog.getByLabel(/^Product/).click();
    await page.getByRole('option', { name: 'Basic' }).click();
    await dialog.getByLabel(/^Quantity/).fill('5');
    await dialog.getByLabel(/^Binding period/).click();
    await page.getByRole('option', { name: '24 months' }).click();
    const confirm = dialog.getByRole('button', { name: 'Confirm order' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('I approve the terms of purchase').check();
    await expectAccessible(page);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => basic.getByRole('cell').first().textContent()).toBe('5');
    expect(await basic.getByRole('cell').last().textContent()).toBe('5');
    const orders = (await ok(h.t.admin.get('/purchases?product=basic'))).items as Array<
      Record<string, unknown>
    >;
    expect(orders).toEqual([
      expect.objectContaining({
        quantity: 5,
        bindingMonths: 24,
        termsAcceptedBy: expect.stringMatching(/^token:/),
      }),
    ]);
    await page.getByRole('table', { name: 'Orders' }).getByText('by token:').waitFor();
    // The forecast chart draws the coming months.
    const forecast = page.getByRole('region', { name: 'Seats over the coming months' });
    await forecast.locator('.recharts-line-curve').first().waitFor({ state: 'attached' });
    await keepScreenshot(page, 'licenses-bought');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists scheduled assignments by date, re-dates one and cancels another', async () => {
    await ok(
      h.t.admin.post('/purchases', {
        product: 'cc-pro',
        quantity: 2,
        bindingMonths: 12,
        termsAccepted: true,
      }),
      201,
    );
    const ids: string[] = [];
    for (const name of ['Ada Later', 'Bo Sooner'])
      ids.push(
        (
          await ok(
            h.t.scim.post(
              '/Users',
              newUser(`${name.split(' ')[0]!.toLowerCase()}@example.com`, { displayName: name }),
            ),
            201,
          )
        ).id,
      );
    const [ada, bo] = ids as [string, string];
    const schedule = async (userId: string, days: number) =>
      (
        (await ok(
          h.t.admin.post('/assignments', {
            userIds: [userId],
            product: 'cc-pro',
            effectiveAt: new Date(Date.now() + days * DAY).toISOString(),
          }),
          201,
        )) as unknown as { results: Array<{ assignment: { id: string } }> }
      ).results[0]!.assignment.id;
    const adaLicense = await schedule(ada, 20);
    const boLicense = await schedule(bo, 10);

    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/licenses');
    const table = page.getByRole('table', { name: 'Scheduled assignments' });
    await table.getByRole('link', { name: 'Ada Later' }).waitFor();
    // Sorted by date: Bo's (in 10 days) before Ada's (in 20).
    const users = () => table.getByRole('link').allTextContents();
    expect(await users()).toEqual(['Bo Sooner', 'Ada Later']);

    const newDate = dayOf(new Date(Date.now() + 5 * DAY));
    await table
      .getByRole('row', { name: /Ada Later/ })
      .getByRole('button', { name: 'Edit date' })
      .click();
    const redate = page.getByRole('dialog', { name: 'Edit the activation date' });
    await redate.getByLabel(/^Activation date/).fill(newDate);
    await expectAccessible(page);
    await redate.getByRole('button', { name: 'Save date' }).click();
    await redate.waitFor({ state: 'detached' });
    await expect.poll(users).toEqual(['Ada Later', 'Bo Sooner']);
    expect((await ok(h.t.admin.get(`/assignments/${adaLicense}`))).effectiveAt).toBe(
      `${newDate}T00:00:00.000Z`,
    );

    await table
      .getByRole('row', { name: /Bo Sooner/ })
      .getByRole('button', { name: 'Cancel' })
      .click();
    const cancel = page.getByRole('dialog', { name: 'Cancel the scheduled assignment' });
    await cancel.getByRole('button', { name: 'Cancel assignment' }).waitFor();
    await expectAccessible(page);
    await cancel.getByRole('button', { name: 'Cancel assignment' }).click();
    await cancel.waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'Bo Sooner' }).waitFor({ state: 'detached' });
    expect((await ok(h.t.admin.get(`/assignments/${boLicense}`))).state).toBe('cancelled');
    await keepScreenshot(page, 'licenses-scheduled');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the seat forecast as a table with the figures the inventory API gives for each month', async () => {
    // A scheduled activation inside the window, so that committed and available differ from month to month.
    const user = await ok(
      h.t.scim.post('/Users', newUser('cy@example.com', { displayName: 'Cy Forecast' })),
      201,
    );
    await ok(
      h.t.admin.post('/purchases', {
        product: 'business-mobile',
        quantity: 3,
        bindingMonths: 12,
        termsAccepted: true,
      }),
      201,
    );
    await ok(
      h.t.admin.post('/assignments', {
        userIds: [user.id],
        product: 'business-mobile',
        strict: false,
        effectiveAt: new Date(Date.now() + 45 * DAY).toISOString(),
      }),
      201,
    );
    const now = new Date();
    const expected: string[][] = [];
    for (let i = 1; i <= 6; i++) {
      const on = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)).toISOString();
      const inventory = (await ok(h.t.admin.get(`/inventory?on=${on}`))) as unknown as {
        items: Array<{ productKey: string; on: { purchased: number; committed: number; available: number } }>;
      };
      const line = inventory.items.find((l) => l.productKey === 'business-mobile')!;
      expected.push([line.on.purchased, line.on.committed, line.on.available].map(String));
    }
    // Not the same figure every month: the table below has to follow the months.
    expect(new Set(expected.map((row) => row.join()))).toHaveProperty('size', 2);

    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/licenses');
    const forecast = page.getByRole('region', { name: 'Seats over the coming months' });
    await forecast.getByLabel('Product').click();
    await page.getByRole('option', { name: 'Business Mobile' }).click();
    await forecast.getByRole('switch', { name: 'Show as table' }).check();
    const table = forecast.getByRole('table', {
      name: 'Seats of Business Mobile on the first of each month',
    });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => td.textContent ?? ''),
      ),
    );
    expect(shown).toEqual(expected);
    // Each row is named by its month, as the chart's axis is.
    expect(await table.locator('tbody th[scope="row"]').allTextContents()).toHaveLength(6);
    await keepScreenshot(page, 'licenses-forecast-table');
    await expectAccessible(page);

    // Switched back, the chart is drawn again.
    await forecast.getByRole('switch', { name: 'Show as table' }).uncheck();
    await forecast.locator('.recharts-line-curve').first().waitFor({ state: 'attached' });
    expect(await table.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
