import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImportsJob } from '../../src/jobs/apply-imports-job.js';
import { runLicensingJob } from '../../src/jobs/licensing-job.js';
import { adminClient, issueAdminToken } from '../helpers/test-app.js';
import {
  expectAccessible,
  keepScreenshot,
  signIn,
  startConsole,
  type ConsoleHarness,
} from './console-browser.js';

/** Clicks a download link and answers the file's name and text (a CSV's BOM taken off). */
async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), link.click()])) as [Download, void];
  const failure = await file.failure();
  expect(failure).toBeNull();
  const text = (await readFile(await file.path())).toString('utf8').replace(/^\uFEFF/, '');
  return { name: file.suggestedFilename(), text };
}

/** Chooses a file in the page's file input, by keyboard (focus it, Enter opens the chooser) or by pointer. */
async function chooseFile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  by: 'keyboard' | 'pointer' = 'pointer',
) {
  const input = page.getByRole('button', { name: 'File to import' });
  const opened = page.waitForEvent('filechooser');
  if (by === 'keyboard') {
    await input.focus();
    await page.keyboard.press('Enter');
  } else await input.click();
  await (await opened).setFiles(file);
}

describe('console: import and export by file', { timeout: 600_000 }, () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
    const bought = await h.t.admin.post('/purchases', {
      product: 'cc-pro',
      quantity: 2,
      bindingMonths: 12,
      termsAccepted: true,
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
  });
  afterAll(() => h?.close());

  it('downloads the template, checks a file, shows the bad row under its column, applies it with live progress', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/users');
    await page.getByRole('link', { name: 'Import from file' }).click();
    await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();

    const template = await download(page, page.getByRole('link', { name: 'Download the template as CSV' }));
    expect(template.name).toBe('seatsync-import-template.csv');
    const [header] = template.text.split(/\r?\n/);
    expect(header).toMatch(/^first_name,surname,email,country,language,department,/);
    expect(header).toContain('products');

    // A file fills only the columns it needs, in any order; the second row's country is not a country.
    const csv = [
      'first_name,surname,email,country,products',
      'Grace,Hopper,grace.hopper@files.example,SE,cc-pro',
      'Bad,Country,bad.country@files.example,XX,',
    ];
    await chooseFile(
      page,
      {
        name: 'new-staff.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv.join('\r\n')),
      },
      'keyboard',
    );
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Dry run' }).textContent())
      .toMatch(
        /Dry run of new-staff\.csv: 2 rows, 1 valid, 1 with errors\. Nothing has changed yet\..*1 to create/,
      );
    const rows = page.getByRole('table', { name: 'Rows of the file' });
    const good = rows.getByRole('row').filter({ hasText: 'grace.hopper@files.example' });
    await expect.poll(() => good.textContent()).toMatch(/valid.*create.*assign CC Pro, active/);
    // The error names its column: the admin knows which cell to correct.
    const errors = page.getByRole('list', { name: 'Errors on line 3' });
    expect((await errors.getByRole('listitem').allTextContents()).join(' | ')).toMatch(/^country: /);
    expect(await page.getByRole('list', { name: 'Errors on line 2' }).count()).toBe(0);
    const impact = page.getByRole('table', { name: 'License impact' });
    expect(await impact.getByRole('row').nth(1).textContent()).toBe('CC Pro102None');
    // Nothing was written by the dry run.
    expect((await h.t.admin.get('/users?q=files.example')).body.items).toEqual([]);
    await expectAccessible(page);

    await page.getByRole('switch', { name: /Show only rows with errors/ }).check();
    await expect.poll(() => rows.getByRole('row').count()).toBe(2);
    expect(await rows.getByRole('row').nth(1).textContent()).toContain('bad.country@files.example');

    await page.getByRole('button', { name: 'Apply the import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply the import' });
    expect(await dialog.textContent()).toMatch(
      /Apply 1 row of new-staff\.csv\?.*1 row with errors will not be applied/,
    );
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Apply 1 row' }).click();
    const progress = page.getByRole('progressbar', { name: 'Import progress' });
    const progressText = page.getByRole('status').filter({ hasText: /Applying|Import completed/ });
    // Queued, not yet applied: no worker runs in this test until it is started below.
    await expect.poll(() => progressText.textContent()).toBe('Applying: 0 of 1 rows done, 0 failed');
    expect(await progress.getAttribute('aria-valuenow')).toBe('0');
    await expectAccessible(page);

    expect(await runLicensingJob(applyImportsJob, h.t.container, { batchSize: 200 })).toBe(1);
    await expect
      .poll(() => progressText.textContent())
      .toBe('Import completed: 1 of 1 rows done, 0 failed (1 applied; 1 row with errors not applied)');
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    const result = await download(page, page.getByRole('link', { name: 'Download the result as CSV' }));
    expect(result.text).toMatch(/^line,email,status,/);
    expect(result.text).toMatch(/2,grace\.hopper@files\.example,applied,create,/);
    expect(result.text).toMatch(/3,bad\.country@files\.example,invalid,/);
    const history = page.getByRole('table', { name: 'Previous imports' });
    await expect
      .poll(() => history.getByRole('row').nth(1).textContent())
      .toMatch(/new-staff\.csv.*Completed.*2 \(1 with errors\).*1 of 1, 0 failed/);
    await keepScreenshot(page, 'files-import-applied');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Go to users' }).click();
    await page.getByRole('table', { name: 'Users' }).getByRole('link', { name: 'Grace Hopper' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Import and export' })
      .click();
    const users = await download(page, page.getByRole('link', { name: 'Export users as CSV' }));
    expect(users.name).toMatch(/^seatsync-users-\d{4}-\d{2}-\d{2}\.csv$/);
    const line = users.text.split(/\r?\n/).find((l) => l.includes('grace.hopper@files.example'));
    expect(line).toMatch(/^Grace,Hopper,grace\.hopper@files\.example,SE,/);
    expect(line).toContain('cc-pro');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says why a file was refused: not CSV or XLSX (415), too large (413), no e-mail column (400)', async () => {
    const { page, context, problems } = await h.newPage();
    await signIn(page, h.t.tenant.adminToken);
    await page.goto('/files');
    const alert = page.getByRole('alert');
    const check = page.getByRole('button', { name: 'Check the file' });

    await chooseFile(
      page,
      { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n') },
      'keyboard',
    );
    await check.click();
    await expect.poll(() => alert.textContent()).toMatch(/This is not a CSV or XLSX file/);

    await chooseFile(page, {
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(11 * 1024 * 1024, 'a'),
    });
    await check.click();
    await expect.poll(() => alert.textContent()).toMatch(/larger than the 10 MB an import may be/);

    await chooseFile(page, {
      name: 'no-email.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('first_name,surname\r\nAda,Lovelace'),
    });
    await check.click();
    await expect.poll(() => alert.textContent()).toMatch(/The file cannot be read: .*email/);
    await keepScreenshot(page, 'files-import-refused');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a read-only admin export but not import, and the API agrees', async () => {
    const token = await issueAdminToken(h.t.container, h.t.tenant.tenantId, 'read_only');
    const { page, context, problems } = await h.newPage();
    await signIn(page, token);
    await page.goto('/users');
    await page.getByRole('table', { name: 'Users' }).waitFor();
    expect(await page.getByRole('link', { name: 'Import from file' }).count()).toBe(0);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Import and export' })
      .click();
    await page.getByRole('table', { name: 'Exports' }).waitFor();
    await page.getByRole('table', { name: 'Previous imports' }).waitFor();
    expect(await page.getByRole('button', { name: 'File to import' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Download the template/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Check the file|Apply/ }).count()).toBe(0);

    const audit = await download(page, page.getByRole('link', { name: 'Export audit log as CSV' }));
    expect(audit.name).toMatch(/^seatsync-audit-log-.*\.csv$/);
    expect(audit.text.split(/\r?\n/)[0]).toMatch(/action/);
    const numbers = await download(page, page.getByRole('link', { name: 'Export numbers as XLSX' }));
    expect(numbers.name).toMatch(/^seatsync-numbers-.*\.xlsx$/);
    const refused = await adminClient(h.t.app, token).post(
      '/imports',
      Buffer.from('first_name,surname,email\r\nRo,Admin,ro@files.example'),
      { 'Content-Type': 'text/csv' },
    );
    expect(refused.status).toBe(403);

    await keepScreenshot(page, 'files-read-only');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
