import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator } from 'playwright-core';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeGraph,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_TENANT_ID,
} from '../../connectors/fake-graph/fake-graph.js';
import { createTenant } from '../../src/operator.js';
import {
  smallDirectory,
  startConnectionWorker,
  TEST_SECRET_KEY,
  waitForRun,
} from '../directory/directory-fixture.js';
import { adminClient, issueAdminToken } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

/**
 * The fake Graph behind a gate: while held, groups delta requests wait, so a sync stays running after its users
 * pages have committed — long enough for the page to show a run in progress, whatever the machine's speed.
 */
async function startGatedGraph(directory: ReturnType<typeof smallDirectory>['directory']) {
  const fake = createFakeGraph({ directory });
  let opened: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const wait = req.url?.includes('/groups/delta') ? opened : Promise.resolve();
    void wait.then(() => fake.app(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold() {
      opened = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The message a form shows under an input: the text of the elements that describe it. */
async function messageUnder(input: Locator): Promise<string> {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

const tenantUser = (h: ConsoleHarness, tenantId: string, userName: string) =>
  h.t.container.database
    .knex('users')
    .where({ tenant_id: tenantId, user_name: userName })
    .first('id', 'active');

describe('console: the directory page with Entra ID connections', { timeout: 600_000 }, () => {
  let h: ConsoleHarness;
  let worker: { stop(): Promise<void> };

  beforeAll(async () => {
    // Local hosts are allowed for the fake Graph (ENTRA_EXTRA_HOSTS, set by the test database's config).
    h = await startConsole({ SECRET_KEY: TEST_SECRET_KEY, ENTRA_EXTRA_HOSTS: '127.0.0.1' });
    // Sync now and reconcile now are queued as jobs: a worker in this process runs them.
    worker = await startConnectionWorker(h.t.container);
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('connects Entra ID, fixes a failing test, scopes a group, syncs with progress, approves a held run and lists contact conflicts', async () => {
    const d = smallDirectory();
    const graph = await startGatedGraph(d.directory);
    const { page, context, problems } = await h.newPage();
    try {
      await signIn(page, h.t.tenant.adminToken);
      await page.goto('/directory');
      await page.getByText('No Entra ID connection yet').waitFor();

      // Create: a host the operator does not allow is refused under its field.
      await page.getByRole('button', { name: 'Connect Entra ID' }).click();
      const create = page.getByRole('dialog', { name: 'Connect Entra ID' });
      await create.getByLabel(/^Name/).fill('Contoso Entra');
      // A mistyped tenant id: the connection is stored, its test says what is wrong.
      await create.getByLabel(/^Entra tenant id/).fill('33333333-3333-4333-8333-333333333333');
      await create.getByLabel(/^Client id/).fill(FAKE_CLIENT_ID);
      await create.getByLabel(/^Client secret/).fill(FAKE_CLIENT_SECRET);
      await create.getByLabel(/^Authority host/).fill(graph.url);
      await create.getByLabel(/^Graph host/).fill('http://169.254.169.254');
      await expectAccessible(page);
      await create.getByRole('button', { name: 'Connect', exact: true }).click();
      const graphHost = create.getByLabel(/^Graph host/);
      await create.getByText(/must be a Microsoft Graph host/).waitFor();
      expect(await messageUnder(graphHost)).toMatch(/must be a Microsoft Graph host/);
      await graphHost.fill(graph.url);
      await create.getByRole('button', { name: 'Connect', exact: true }).click();
      await create.waitFor({ state: 'hidden' });
      const panel = page.getByRole('region', { name: 'Contoso Entra' });
      await panel.getByText('No runs yet.').waitFor();
      const [stored] = (await h.t.admin.get('/directory/connections')).body.items;
      expect(stored).toMatchObject({ name: 'Contoso Entra', graphBaseUrl: graph.url, clientSecretSet: true });

      // Test: the precise error, in seatsync's words, never the directory's answer.
      await panel.getByRole('button', { name: 'Test connection' }).click();
      await panel.getByText('Test failed: auth.unknown_tenant').waitFor();
      const failure = await panel.getByRole('status').filter({ hasText: 'Test failed' }).innerText();
      expect(failure).toMatch(/Entra does not know this tenant \(AADSTS90002/);
      expect(await page.content()).not.toContain('Check to make sure you have the correct tenant ID');
      await expectAccessible(page);

      // Fix it: another tenant id needs the secret again; the form says so under the secret's field.
      await panel.getByRole('button', { name: 'Edit connection' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit Contoso Entra' });
      await edit.getByLabel(/^Entra tenant id/).fill(FAKE_TENANT_ID);
      await edit.getByRole('button', { name: 'Save connection' }).click();
      const secret = edit.getByLabel(/^Client secret/);
      await edit.getByText('is required when changing entraTenantId').waitFor();
      expect(await messageUnder(secret)).toContain('is required when changing entraTenantId');
      await expectAccessible(page);
      await secret.fill(FAKE_CLIENT_SECRET);
      await secret.press('Enter');
      await edit.waitFor({ state: 'hidden' });
      await panel.getByRole('button', { name: 'Test connection' }).click();
      await panel.getByText('Connection works').waitFor();

      // Sync now: the run is shown going, with the pages read so far, then its counts.
      graph.hold();
      await panel.getByRole('button', { name: 'Sync now' }).click();
      const progress = panel.getByRole('status').filter({ has: page.getByRole('progressbar') });
      await progress.getByText(/^Syncing: [1-9]\d* pages? read/).waitFor();
      expect(await panel.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
      await keepScreenshot(page, 'directory-sync-running');
      graph.release();
      await progress
        .getByText(/^Sync succeeded: \d+ pages? read, 5 created, 0 updated, 0 suspended, 2 groups/)
        .waitFor();
      const runs = panel.getByRole('table', { name: 'Runs of Contoso Entra' });
      const [firstRun] = (await h.t.admin.get(`/directory/connections/${stored.id}/runs`)).body.items;
      expect(firstRun).toMatchObject({ status: 'succeeded', created: 5, groups: 2, trigger: 'api' });
      const firstRow = runs.getByRole('row').nth(1);
      expect(await firstRow.getByRole('cell').allTextContents()).toEqual([
        expect.any(String),
        'full',
        'succeeded',
        '5',
        '0',
        '0',
        '0',
        '2',
        '',
      ]);

      // Scope: the groups the sync saw are listed; Sales is chosen by keyboard.
      const sales = panel.getByRole('checkbox', { name: 'Sales' });
      await sales.focus();
      await page.keyboard.press('Space');
      expect(await sales.isChecked()).toBe(true);
      const saveScope = panel.getByRole('button', { name: 'Save scope' });
      await saveScope.focus();
      await page.keyboard.press('Enter');
      await panel.getByText('Members of 1 group are synced').waitFor();
      expect((await h.t.admin.get(`/directory/connections/${stored.id}`)).body.scopedGroupIds).toEqual([
        d.sales.id,
      ]);

      // Attribute mapping and ownership: title becomes seatsync's, office location is no longer synced.
      await panel.getByRole('tab', { name: 'Attribute mapping' }).click();
      await panel.getByRole('checkbox', { name: 'Directory owns title' }).uncheck();
      await panel.getByLabel('Directory property for officeLocation').selectOption('Not synced');
      await expectAccessible(page);
      await panel.getByRole('button', { name: 'Save mapping' }).click();
      await expect
        .poll(async () => (await h.t.admin.get(`/directory/connections/${stored.id}`)).body)
        .toMatchObject({ attributeMapping: { officeLocation: null } });
      const mapped = (await h.t.admin.get(`/directory/connections/${stored.id}`)).body;
      expect(mapped.directoryOwned).toContain('department');
      expect(mapped.directoryOwned).not.toContain('title');
      expect(mapped.directoryOwned).not.toContain('officeLocation');
      expect(await panel.getByRole('checkbox', { name: 'Directory owns title' }).isChecked()).toBe(false);

      // Held run: di leaves the scope with Support; any suspension is more than the tenant's threshold of none.
      expect((await h.t.admin.patch('/settings', { massChangeThreshold: 0 })).status).toBe(200);
      const di = await tenantUser(h, h.t.tenant.tenantId, 'di@contoso.example');
      await panel.getByRole('button', { name: 'Sync now' }).click();
      const held = panel.getByRole('alert').filter({ hasText: 'Held by mass-change protection' });
      await held.waitFor();
      const [heldRun] = (await h.t.admin.get(`/directory/connections/${stored.id}/runs`)).body.items;
      expect(heldRun.status).toBe('held');
      expect(heldRun.plannedSuspensions).toContain(di?.id);
      const planned = heldRun.plannedSuspensions.length as number;
      await held.getByText(`would suspend ${planned} user${planned === 1 ? '' : 's'},`).waitFor();
      expect((await tenantUser(h, h.t.tenant.tenantId, 'di@contoso.example'))?.active).toBe(true);
      await expectAccessible(page);
      await keepScreenshot(page, 'directory-held-run');
      await held.getByRole('button', { name: 'Approve suspensions' }).click();
      await runs.getByRole('row').nth(1).getByText('approved').waitFor();
      await held.waitFor({ state: 'detached' });
      expect((await tenantUser(h, h.t.tenant.tenantId, 'di@contoso.example'))?.active).toBe(false);
      expect(await runs.getByRole('row').nth(1).getByRole('cell').nth(5).textContent()).toBe(String(planned));

      // Contact reconciliation: the directory's phone numbers are not the tenant's, and are listed as conflicts.
      await panel.getByRole('tab', { name: 'Contact reconciliations' }).click();
      await panel.getByRole('button', { name: 'Reconcile contacts now' }).click();
      const reconciliations = panel.getByRole('table', { name: 'Contact reconciliations of Contoso Entra' });
      await reconciliations.getByRole('row').nth(1).getByText('succeeded').waitFor();
      const showConflicts = panel.getByRole('button', { name: /^Show the \d+ conflicts/ });
      const [reconciliation] = (await h.t.admin.get(`/directory/connections/${stored.id}/reconciliations`))
        .body.items;
      // Every active user has the directory's office number, bo a mobile number too: none is the tenant's.
      expect(reconciliation).toMatchObject({ status: 'succeeded', conflicts: reconciliation.checked + 1 });
      expect(await reconciliations.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
        expect.any(String),
        'succeeded',
        String(reconciliation.checked),
        '0',
        String(reconciliation.conflicts),
        '',
      ]);
      await showConflicts.click();
      const conflicts = panel.getByRole('table', { name: /^Conflicts of the reconciliation/ });
      await expect.poll(() => conflicts.getByRole('row').count()).toBe(reconciliation.conflicts + 1);
      const bo = await tenantUser(h, h.t.tenant.tenantId, 'bo@contoso.example');
      const boMobile = conflicts.getByRole('row').filter({ hasText: '+46701111111' });
      expect(await boMobile.getByRole('cell').nth(1).textContent()).toBe('phoneNumbers.mobile');
      expect(await boMobile.textContent()).toContain('not owned');
      const boLink = boMobile.getByRole('link', { name: 'bo Tester' });
      expect(await boLink.getAttribute('href')).toBe(`/users/${bo?.id}`);
      expect(await conflicts.getByRole('row').filter({ hasText: '+4685550000' }).count()).toBe(
        reconciliation.checked,
      );
      await expectAccessible(page);
      await keepScreenshot(page, 'directory-end-to-end');

      // Remove: the connection goes, the users it created stay.
      await panel.getByRole('button', { name: 'Remove connection' }).click();
      const removal = page.getByRole('dialog', { name: 'Remove Contoso Entra?' });
      await expectAccessible(page);
      await removal.getByRole('button', { name: 'Remove', exact: true }).click();
      await page.getByText('No Entra ID connection yet').waitFor();
      expect((await h.t.admin.get('/directory/connections')).body.items).toEqual([]);
      expect((await tenantUser(h, h.t.tenant.tenantId, 'ada@contoso.example'))?.active).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      graph.release();
      await context.close();
      await graph.close();
    }
  });

  it('shows a read-only admin the connection, its held run and conflicts without any button that changes them', async () => {
    // A tenant of its own, set up through the API by its owner: a held run waiting and a reconciliation done.
    const tenant = await createTenant(h.t.container, `directory-ro-${Date.now()}`);
    const owner = adminClient(h.t.app, tenant.adminToken);
    const d = smallDirectory();
    const graph = await startGatedGraph(d.directory);
    const { page, context, problems } = await h.newPage();
    try {
      const created = await owner.post('/directory/connections', {
        name: 'Fabrikam Entra',
        entraTenantId: FAKE_TENANT_ID,
        clientId: FAKE_CLIENT_ID,
        clientSecret: FAKE_CLIENT_SECRET,
        authorityHost: graph.url,
        graphBaseUrl: graph.url,
        scopedGroupIds: [d.sales.id],
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const api = supertest(h.t.app);
      const auth = { Authorization: `Bearer ${tenant.adminToken}` };
      const runOf = async (path: string) => {
        const started = await owner.post(path);
        expect(started.status).toBe(202);
        return waitForRun(api, auth, started.headers.location as string);
      };
      expect(await runOf(`/directory/connections/${id}/sync`)).toMatchObject({ status: 'succeeded' });
      expect((await owner.patch('/settings', { massChangeThreshold: 0 })).status).toBe(200);
      d.directory.removeMembers(d.sales.id, [d.ada.id]);
      expect(await runOf(`/directory/connections/${id}/sync`)).toMatchObject({ status: 'held' });
      // ada (held, still active), bo and cy: each has the directory's office number, and bo a mobile number.
      expect(await runOf(`/directory/connections/${id}/reconcile`)).toMatchObject({
        status: 'succeeded',
        checked: 3,
        conflicts: 4,
      });

      const reader = await issueAdminToken(h.t.container, tenant.tenantId, 'read_only');
      await signIn(page, reader);
      await page.goto('/directory');
      const panel = page.getByRole('region', { name: 'Fabrikam Entra' });
      const held = panel.getByRole('alert').filter({ hasText: 'Held by mass-change protection' });
      await held.getByText(/would suspend 1 user,/).waitFor();
      await panel.getByRole('checkbox', { name: 'Sales' }).waitFor();
      const changing = [
        'Connect Entra ID',
        'Test connection',
        'Edit connection',
        'Remove connection',
        'Sync now',
        'Approve suspensions',
        'Reject suspensions',
        'Save scope',
        'Add group',
      ];
      const absent = async (names: string[]) => {
        for (const name of names) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
      };
      await absent(changing);
      expect(await panel.getByRole('checkbox', { name: 'Sales' }).isDisabled()).toBe(true);
      expect(await panel.getByRole('checkbox', { name: 'Sales' }).isChecked()).toBe(true);
      await expectAccessible(page);

      await panel.getByRole('tab', { name: 'Attribute mapping' }).click();
      await panel.getByRole('table', { name: 'Attribute mapping of Fabrikam Entra' }).waitFor();
      await absent(['Save mapping', 'Add attribute']);
      expect(await panel.getByLabel('Directory property for title').isDisabled()).toBe(true);
      expect(await panel.getByRole('checkbox', { name: 'Directory owns title' }).isDisabled()).toBe(true);
      await expectAccessible(page);

      // Reading the conflicts changes nothing, so it is there for every role.
      await panel.getByRole('tab', { name: 'Contact reconciliations' }).click();
      await panel.getByRole('button', { name: /^Show the 4 conflicts/ }).click();
      const conflicts = panel.getByRole('table', { name: /^Conflicts of the reconciliation/ });
      await expect.poll(() => conflicts.getByRole('row').count()).toBe(5);
      await absent(['Reconcile contacts now']);
      await expectAccessible(page);
      await keepScreenshot(page, 'directory-read-only');
      expect(problems).toEqual([]);

      // The API refuses what the page does not offer.
      const readOnly = adminClient(h.t.app, reader);
      expect((await readOnly.post(`/directory/connections/${id}/sync`)).status).toBe(403);
    } finally {
      await context.close();
      await graph.close();
    }
  });
});
