import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, issueAdminToken, newUser } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

const DAY = 86_400_000;
/** A datetime-local value (the browser runs in UTC here; a few hours either way change nothing below). */
const localInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('console: a user, their licenses and contact details', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('creates a user, assigns Basic with a pool number on a date, sets the activation date and removes it', async () => {
    const acquired = await h.t.admin.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 });
    expect(acquired.status, JSON.stringify(acquired.body)).toBe(201);
    const e164 = (await h.t.admin.get('/numbers?status=available&kind=fixed&country=SE')).body.items[0].e164;
    const bought = await h.t.admin.post('/purchases', {
      product: 'basic',
      quantity: 1,
      bindingMonths: 12,
      termsAccepted: true,
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);

    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByRole('menuitem', { name: 'Create a user' }).click();
    const form = page.getByRole('dialog', { name: 'Create a user' });
    await form.getByLabel('First name').fill('Grace');
    await form.getByLabel('Surname').fill('Hopper');
    await form.getByRole('textbox', { name: 'E-mail' }).fill('grace-at-example');
    await form.getByLabel('Country').fill('SE');
    await form.getByLabel('Department').fill('Engineering');
    await form.getByRole('button', { name: 'Confirm' }).click();
    // The API's field error, under its field.
    await expect
      .poll(() => form.getByRole('textbox', { name: 'E-mail' }).getAttribute('aria-invalid'))
      .toBe('true');
    await form.getByRole('textbox', { name: 'E-mail' }).fill('grace@example.com');
    await form.getByLabel('Send an onboarding e-mail').check();
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();

    await page.getByRole('button', { name: 'Assign license' }).click();
    const assign = page.getByRole('dialog', { name: 'Assign a license' });
    await assign.getByRole('radio', { name: 'Basic' }).check();
    await assign.getByRole('button', { name: 'Show comparison' }).click();
    await assign.getByRole('table', { name: 'Comparison' }).getByText('Mobile subscription').waitFor();
    await expectAccessible(page);
    await assign.getByRole('button', { name: 'Next' }).click();
    await assign.getByRole('list', { name: 'Requirements' }).getByText('A fixed (landline) number').waitFor();
    await assign.getByLabel('Landline number', { exact: true }).click();
    await page.getByRole('option', { name: e164 }).click();
    await assign.getByRole('button', { name: 'Next' }).click();
    await assign.getByRole('radio', { name: 'Custom date' }).check();
    await assign.getByLabel('Activation date').fill(localInput(Date.now() + 14 * DAY));
    await assign.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => assign.getByRole('status').textContent()).toMatch(/The license is scheduled/);
    await expectAccessible(page);
    // The result's own button, not the dialog's close (×) button beside the title.
    await assign.getByRole('button', { name: 'Close', exact: true }).click();

    const licenses = page.getByRole('table', { name: 'Licenses' });
    await licenses.getByText('Scheduled').waitFor();
    await licenses.getByText('Assigned by an admin').waitFor();
    await page.getByRole('list', { name: 'Pool numbers' }).getByText(e164).waitFor();

    await page.getByRole('button', { name: 'Set Activation Date' }).click();
    const activation = page.getByRole('dialog', { name: 'Set Activation Date' });
    await activation.getByLabel('Activation date').fill(localInput(Date.now() - DAY));
    await expectAccessible(page);
    await activation.getByRole('button', { name: 'Confirm' }).click();
    await licenses.getByText('Active', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Remove Basic' }).click();
    const removal = page.getByRole('dialog', { name: 'Remove Basic' });
    const lost = removal.getByRole('list', { name: 'Data that is lost' });
    expect(await lost.textContent()).toMatch(/Call history.*Call forwarding.*Voicemails.*Device activation/);
    expect(await removal.getByRole('button', { name: 'Remove license' }).isDisabled()).toBe(true);
    await removal.getByLabel('I understand this data is deleted').check();
    await expectAccessible(page);
    await removal.getByRole('button', { name: 'Remove license' }).click();
    await licenses.getByText('Grace', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'History' }).getByText('assignment.grace').first().waitFor();

    await keepScreenshot(page, 'user-assign-schedule-remove');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows contact number conflicts where they are, and a refused number under its field', async () => {
    const created = await h.t.scim.post(
      '/Users',
      newUser('linus', {
        name: { givenName: 'Linus', familyName: 'Torvalds' },
        phoneNumbers: [{ value: '+46701110000', type: 'mobile' }],
      }),
    );
    expect(created.status).toBe(201);
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto(`/users/${created.body.id}`);
    const contact = page.getByRole('table', { name: 'Contact details' });
    await contact.getByText("Conflict: Not one of the tenant's numbers").waitFor();

    await page.getByRole('button', { name: 'Edit contact details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit contact details' });
    await dialog.getByLabel('Department').fill('Kernel');
    await dialog.getByLabel('Work number').fill('+46812345678');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByLabel('Work number').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.textContent()).toMatch(/\+46812345678 is not/);
    await expectAccessible(page);
    await dialog.getByLabel('Work number').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await contact.getByText('Kernel').waitFor();

    await keepScreenshot(page, 'user-contact-conflict');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a read-only admin no buttons that change anything, and the API refuses them', async () => {
    const user = await h.t.admin.post('/users', {
      firstName: 'Read',
      surname: 'Only',
      email: 'ro@example.com',
    });
    await h.t.admin.post('/assignments', { userIds: [user.body.id], product: 'cc-pro' });
    const token = await issueAdminToken(h.t.container, h.t.tenant.tenantId, 'read_only');
    const { page, context, problems } = await h.newPage();
    await signIn(page, token);
    await page.goto('/users');
    await page.getByRole('link', { name: 'Read Only' }).click();
    await page.getByRole('heading', { name: 'Read Only' }).waitFor();
    await page
      .getByRole('table', { name: 'Licenses' })
      .getByRole('cell', { name: 'CC Pro', exact: true })
      .waitFor();
    expect(await page.getByRole('button').allTextContents()).not.toEqual(
      expect.arrayContaining(['Edit contact details', 'Assign license', 'Remove', 'Set Activation Date']),
    );
    expect(await page.getByRole('button', { name: /Remove|Assign|Edit|Change/ }).count()).toBe(0);
    const refused = await adminClient(h.t.app, token).post('/assignments', {
      userIds: [user.body.id],
      product: 'basic',
    });
    expect(refused.status).toBe(403);

    await page.goto('/users');
    await page.getByRole('table', { name: 'Users' }).getByText('Read Only').waitFor();
    expect(await page.getByRole('button', { name: 'New user' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);

    await keepScreenshot(page, 'user-read-only');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
