/**
 * `npm run bench:console`: the admin console's figures on a real PostgreSQL with BENCH_USERS users (100k).
 * 1. First load: the compressed JavaScript (and CSS) the browser downloads to show the sign-in page, and then the
 *    landing page after signing in (target: under 300 KB of JavaScript).
 * 2. The users page interactive: from navigation to the first 50 rows in the table, median of 5 (target < 1 s).
 * 3. A rule preview over every user: a new rule on a group of half the users, previewed through the API the rules
 *    page calls (target < 5 s shown).
 * Seatsync runs in this process (the app on a free port), Chromium is Debian's (CHROMIUM_PATH), a database of its
 * own (seatsync_bench_console_<random>) on BENCH_DATABASE_URL's server is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { BenchDatabase } from './bench-database.js';
import { seedGroup, seedUsers } from './seed.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Compressed bytes of scripts and stylesheets the page downloads while `work` runs. */
async function downloads(page: Page, work: () => Promise<void>): Promise<{ js: number; css: number }> {
  const seen: Array<Promise<{ type: string; bytes: number }>> = [];
  const listener = (response: import('playwright-core').Response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet')
      seen.push(
        response
          .request()
          .sizes()
          .then((s) => ({ type, bytes: s.responseBodySize })),
      );
  };
  page.on('response', listener);
  await work();
  await page.waitForLoadState('networkidle');
  page.off('response', listener);
  const all = await Promise.all(seen);
  const sum = (type: string) => all.filter((d) => d.type === type).reduce((n, d) => n + d.bytes, 0);
  return { js: sum('script'), css: sum('stylesheet') };
}

async function main(): Promise<void> {
  const db = new BenchDatabase(SERVER_URL, `seatsync_bench_console_${randomBytes(4).toString('hex')}`);
  await db.recreate();
  const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'warn', RATE_LIMIT_PER_SECOND: '0' });
  const container = await createContainer(config, createLogger('warn'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  try {
    await migrateToLatest(container.database.knex);
    const tenant = await createTenant(container, 'bench-console');
    await seedUsers(container.database.knex, tenant.tenantId, USERS);
    const groupId = await seedGroup(container.database.knex, tenant.tenantId, 'Sales', Math.floor(USERS / 2));
    const server = createApp(container).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.log(
      `seatsync console bench: ${USERS} users, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
    );

    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const signInPage = await downloads(page, async () => {
      await page.goto('/');
      await page.getByLabel('Admin token').waitFor();
    });
    const landing = await downloads(page, async () => {
      await page.getByLabel('Admin token').fill(tenant.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
    });
    console.log(
      `first load: sign-in page ${kb(signInPage.js)} JS + ${kb(signInPage.css)} CSS; ` +
        `after sign-in ${kb(landing.js)} JS more (total ${kb(signInPage.js + landing.js)} JS, compressed)`,
    );

    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      const start = performance.now();
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('table', { name: 'Users' }).locator('tbody tr').nth(49).waitFor();
      if (i > 0) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(
      `users page interactive (50 of ${USERS} rows): median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, ` +
        `max ${times[times.length - 1]!.toFixed(0)} ms over ${times.length}`,
    );

    const previews: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const res = await page.request.post('/api/v1/rules/preview', {
        headers: { 'X-CSRF-Token': await csrfToken(page) },
        data: {
          change: {
            op: 'create',
            rule: { name: 'Sales CC', groupId, product: 'cc-pro', priority: 100, pickNumbers: false },
          },
        },
      });
      if (!res.ok()) throw new Error(`preview answered ${res.status()}: ${await res.text()}`);
      previews.push(performance.now() - start);
    }
    console.log(
      `rule preview over ${USERS} users (a rule on a group of ${Math.floor(USERS / 2)}): ` +
        previews.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', '),
    );
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  } finally {
    await browser.close();
    await container.close();
    await db.drop();
  }
}

async function csrfToken(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/session');
  return ((await res.json()) as { session: { csrfToken: string } }).session.csrfToken;
}

await main();
