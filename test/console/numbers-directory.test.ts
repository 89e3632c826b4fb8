import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

/** The id of the port order for `e164` in a GET /port-orders answer. */
const orderIdOf = (res: { body: { items: Array<{ id: string; e164: string }> } }, e164: string): string =>
  res.body.items.find((o) => o.e164 === e164)?.id ?? '';

/** What a screen reader reads as the field's description: the texts its aria-describedby points at. */
const descriptionOf = (field: Locator): Promise<string> =>
  field.evaluate((el) => {
    // Tests compile without the DOM's types: the little of it read here.
    const { document } = globalThis as unknown as {
      document: { getElementById(id: string): { textContent: string | null } | null };
    };
    return (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id: string) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
  });

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

  it('ports numbers in: an order submitted, confirmed with a date and completed into the pool, another rejected with its reason', async () => {
    const ported = '+46812345679';
    const refused = '+46812345680';
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/numbers');
    const orders = page.getByRole('table', { name: 'Port orders' });
    const pool = page.getByRole('table', { name: 'Number pool' });
    const orderRow = (e164: string) => orders.getByRole('row', { name: new RegExp(`\\${e164}`) });
    const poolRow = (e164: string) => pool.getByRole('row', { name: new RegExp(`\\${e164}`) });
    const progress = (e164: string) => page.getByRole('list', { name: `Progress of ${e164}` });
    /** Waits until the order is at the step named `label` (marked as current, as a screen reader finds it). */
    const atStep = (e164: string, label: RegExp) =>
      progress(e164).locator('[aria-current="step"]').filter({ hasText: label }).waitFor();

    // Submitted through the page: the number enters the pool as porting.
    await page.getByRole('button', { name: 'Port in a number' }).click();
    const submit = page.getByRole('dialog', { name: 'Port in a number' });
    await submit.getByLabel('Number').fill(ported);
    await submit.getByLabel('Country').fill('SE');
    await submit.getByLabel('Losing operator').fill('Telia');
    await expectAccessible(page);
    await submit.getByRole('button', { name: 'Submit port order' }).click();
    await submit.waitFor({ state: 'hidden' });
    await atStep(ported, /^Submitted/);
    await poolRow(ported).getByText('porting').waitFor();
    const second = await h.t.admin.post('/port-orders', {
      number: refused,
      country: 'SE',
      kind: 'fixed',
      losingOperator: 'Tele2',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await page.reload();
    await poolRow(refused).getByText('porting').waitFor();

    // Confirmed with a port date: a day is required; today's start is already due.
    await orderRow(ported)
      .getByRole('button', { name: `Confirm ${ported}` })
      .click();
    const confirm = page.getByRole('dialog', { name: `Confirm the port of ${ported}` });
    const date = confirm.getByLabel('Port date');
    await date.fill('');
    await confirm.getByRole('button', { name: 'Confirm port' }).click();
    await confirm.getByText('Enter the port date').waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(date)).toMatch(/Enter the port date/);
    const today = new Date().toISOString().slice(0, 10);
    await date.fill(today);
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Confirm port' }).click();
    await confirm.waitFor({ state: 'detached' });
    await atStep(ported, /^Confirmed for/);
    const stored = await h.t.admin.get(
      `/port-orders/${orderIdOf(await h.t.admin.get('/port-orders'), ported)}`,
    );
    expect(stored.body).toMatchObject({ state: 'confirmed', portAt: `${today}T00:00:00.000Z` });

    // The worker completes the due order; the page, still open, shows the number in the pool as the API has it.
    await h.t.container.transaction((s) => s.numbers.progressPortOrders());
    // Polled while the order is due: no reload, no click.
    await progress(ported).getByRole('listitem').filter({ hasText: 'In the pool(done)' }).waitFor();
    expect(await progress(ported).locator('[aria-current="step"]').count()).toBe(0);
    const inPool = (await h.t.admin.get(`/numbers/${encodeURIComponent(ported)}`)).body;
    expect(inPool).toMatchObject({ status: 'reserved', origin: 'port_in' });
    await poolRow(ported).getByText(inPool.status, { exact: true }).waitFor();
    expect(await poolRow(ported).locator('td').allTextContents()).toEqual([
      ported,
      'fixed',
      'SE',
      inPool.status,
      'ported in',
    ]);

    // Rejected: the reason is required, the API's own verdict on it shows under the field, then it is kept.
    await orderRow(refused)
      .getByRole('button', { name: `Reject ${refused}` })
      .click();
    const reject = page.getByRole('dialog', { name: `Reject the port of ${refused}` });
    const reason = reject.getByLabel('Reason');
    await reject.getByRole('button', { name: 'Reject port' }).click();
    await reject.getByText('Enter the reason the losing operator gave').waitFor();
    await reason.fill('   ');
    await reject.getByRole('button', { name: 'Reject port' }).click();
    const blank = await h.t.admin.post(`/port-orders/${second.body.id}/reject`, { reason: '   ' });
    expect(blank.status).toBe(400);
    const apiMessage = blank.body.errors.find((e: { field: string }) => e.field === 'reason').message;
    await reject.getByText(apiMessage).waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(reason)).toContain(apiMessage);
    await expectAccessible(page);
    await reason.fill('The customer number does not match');
    await reject.getByRole('button', { name: 'Reject port' }).click();
    await reject.waitFor({ state: 'detached' });
    await atStep(refused, /^Rejected/);
    await orderRow(refused).getByText('Reason: The customer number does not match').waitFor();
    // A refused port leaves nothing in the pool, in the API and on the page.
    await poolRow(refused).waitFor({ state: 'detached' });
    expect((await h.t.admin.get(`/numbers/${encodeURIComponent(refused)}`)).status).toBe(404);

    await expectAccessible(page);
    await keepScreenshot(page, 'numbers-port-in');
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
