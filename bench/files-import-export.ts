/**
 * `npm run bench:files`: the file import and export figures of issue 13 on a real PostgreSQL.
 * - 100k users seeded by SQL (for the export), 10k Basic seats and 10k fixed numbers in the pool.
 * 1. Dry run of a 10,000-row CSV (names, e-mail, country, department, title, a pool number, the Basic product)
 *    through POST /api/v1/imports (target < 10 s).
 * 2. Apply: POST /imports/{id}/apply, then the apply-imports job in this process, batch after batch, until the
 *    import is completed (target < 60 s). Peak RSS of the process (server and job in one, as `seatsync start`)
 *    over steps 1 and 2 (target < 300 MB).
 * 3. Export of the 110k users (with their licenses and numbers) as CSV and as XLSX through GET /exports/users,
 *    read as a stream (target < 20 s), with the RSS before and its peak during the download (constant memory).
 * A database of its own (seatsync_bench_files_<random>) on BENCH_DATABASE_URL's server is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApp } from '../src/http/app.js';
import { applyImportsJob } from '../src/jobs/apply-imports-job.js';
import { runLicensingJob } from '../src/jobs/licensing-job.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { BenchDatabase } from './bench-database.js';
import { seedUsers } from './seed.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const actor = { type: 'cli' as const, id: 'bench' };
const MB = 1024 * 1024;

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** The highest RSS seen between start() and stop(), sampled every 20 ms. */
function rssPeak() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function main(): Promise<void> {
  const db = new BenchDatabase(SERVER_URL, `seatsync_bench_files_${randomBytes(4).toString('hex')}`);
  await db.recreate();
  let container: Container | undefined;
  let server: ReturnType<ReturnType<typeof createApp>['listen']> | undefined;
  try {
    const config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '4',
      DB_QUERY_TIMEOUT_MS: '600000',
      RATE_LIMIT_PER_SECOND: '0',
    });
    container = await createContainer(config, createLogger('warn'));
    const c = container;
    const knex = c.database.knex;
    await migrateToLatest(knex);
    const tenant = await createTenant(c, 'bench-files');
    const { tenantId } = tenant;
    console.log(
      `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim()}), load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    await seedUsers(knex, tenantId, USERS);
    const numbers: string[] = [];
    await c.transaction(async (s) => {
      await s.seats.purchase(
        tenantId,
        { product: 'basic', quantity: ROWS, bindingMonths: 12, termsAccepted: true },
        actor,
      );
      for (let left = ROWS; left > 0; left -= 1000) {
        const batch = await s.numbers.acquire(
          tenantId,
          { country: 'SE', kind: 'fixed', quantity: Math.min(1000, left) },
          actor,
        );
        numbers.push(...batch.map((n) => n.e164));
      }
    });
    console.log(`seeded ${USERS} users, ${ROWS} Basic seats, ${numbers.length} fixed numbers`);

    server = createApp(c).listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const auth = { Authorization: `Bearer ${tenant.adminToken}` };

    const header = 'first_name,surname,email,country,department,job_title,fixed_number,products';
    const lines = numbers.map(
      (n, i) => `Given${i},Family${i},import${i}@bench.example,SE,Dept ${i % 20},Engineer,${n},basic`,
    );
    const csv = Buffer.from([header, ...lines].join('\r\n'));
    global.gc?.();
    const importPeak = rssPeak();
    const rssBefore = process.memoryUsage().rss;

    let t = performance.now();
    const dry = await fetch(`${base}/imports`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/csv' },
      body: csv,
    });
    const dryBody = (await dry.json()) as {
      import: { id: string; summary: { valid: number; invalid: number } };
    };
    const dryMs = performance.now() - t;
    if (dry.status !== 201 || dryBody.import.summary.valid !== ROWS)
      throw new Error(`dry run failed: ${dry.status} ${JSON.stringify(dryBody).slice(0, 500)}`);
    console.log(`import of ${ROWS} rows: dry run ${seconds(dryMs)} s (target < 10)`);

    t = performance.now();
    const apply = await fetch(`${base}/imports/${dryBody.import.id}/apply`, {
      method: 'POST',
      headers: auth,
    });
    if (apply.status !== 202) throw new Error(`apply refused: ${apply.status}`);
    await runLicensingJob(applyImportsJob, c, { batchSize: 200 });
    const applyMs = performance.now() - t;
    const peak = importPeak.stop();
    const done = (await (await fetch(`${base}/imports/${dryBody.import.id}`, { headers: auth })).json()) as {
      status: string;
      progress: { done: number; failed: number };
    };
    const active = Number(
      (
        await knex('license_assignments').where({ tenant_id: tenantId, state: 'active' }).count({ n: '*' })
      )[0]!.n,
    );
    console.log(
      `import of ${ROWS} rows: apply ${seconds(applyMs)} s (target < 60); ` +
        `${done.status}, ${done.progress.done} done, ${done.progress.failed} failed, ${active} licenses active; ` +
        `RSS ${Math.round(rssBefore / MB)} MB before, peak ${Math.round(peak / MB)} MB (target < 300)`,
    );

    for (const format of ['csv', 'xlsx'] as const) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      const exportPeak = rssPeak();
      t = performance.now();
      const res = await fetch(`${base}/exports/users?format=${format}`, { headers: auth });
      let bytes = 0;
      let newlines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (format === 'csv') for (const b of chunk) if (b === 10) newlines += 1;
      }
      const ms = performance.now() - t;
      const exportMax = exportPeak.stop();
      console.log(
        `export of ${USERS + ROWS} users as ${format}: ${seconds(ms)} s (target < 20), ${(bytes / MB).toFixed(1)} MB` +
          `${format === 'csv' ? `, ${newlines - 1} rows` : ''}; RSS ${Math.round(before / MB)} MB before, peak ${Math.round(exportMax / MB)} MB`,
      );
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    server?.close();
    await container?.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
