/**
 * `npm run bench:licensing`: the licensing figures of issue 3 on a real PostgreSQL.
 * 1. 10k assignments scheduled for the same instant, two worker processes (bench/licensing-worker.ts) running the
 *    activation job → time until all are active (target < 60 s), and SQL counts proving each ran exactly once.
 *    With `--kill-one`, one worker is killed with SIGKILL mid-run; the other must finish the work, still once each.
 * 2. The inventory query (now, and on a future date) with 100k assignments in the tenant.
 * The CPU line says how much of the machine other processes used during the activation run (RunMeter), since
 * the figure depends on it.
 *
 * A database of its own (seatsync_bench_licensing_<random>) on BENCH_DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres) is created, seeded by SQL and dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import knexFactory, { type Knex } from 'knex';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { CpuMeter } from './cpu-meter.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 10_000);
const INVENTORY_ASSIGNMENTS = 100_000;
const WORKERS = 2;
const BATCH_SIZE = Number(process.env.BATCH_SIZE ?? 200);
const POLL_MS = Number(process.env.POLL_MS ?? 200);
const TARGET_SECONDS = 60;
const DEADLINE_SECONDS = 300;
const INVENTORY_RUNS = 30;
/** When `--kill-one` kills the first worker, counted from the due time: well inside the run. */
const KILL_AFTER_MS = Number(process.env.KILL_AFTER_MS ?? 1500);
const killOne = process.argv.includes('--kill-one');
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const log = (message: string) =>
  console.log(`[bench:licensing ${new Date().toISOString().slice(11, 19)}] ${message}`);

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(work: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: SERVER_URL, pool: { min: 0, max: 1 } });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  /** The worker's own summary line, or null when it was killed. */
  done: Promise<{ processed: number; runs: number } | null>;
}

function startWorker(databaseUrl: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/licensing-worker.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BATCH_SIZE: String(BATCH_SIZE),
      POLL_MS: String(POLL_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready\n')) markReady();
  });
  const done = new Promise<{ processed: number; runs: number } | null>((resolve) => {
    child.on('exit', () => {
      const summary = output.split('\n').find((line) => line.startsWith('{'));
      resolve(summary ? (JSON.parse(summary) as { processed: number; runs: number }) : null);
    });
  });
  return { child, ready, done };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function timeRuns(work: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await work(); // warm: plans and the products cache
  const times: number[] = [];
  for (let i = 0; i < INVENTORY_RUNS; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? NaN };
}

/**
 * CPU of the activation run, from /proc: each worker, the database's backends, this process (it only polls) and
 * the whole machine; what is left is other work on the machine (another session's tests, say). Processes are
 * sampled on every poll, so a worker killed mid-run, and its backend that exits with it, count up to their last
 * sample (at most one poll before the kill).
 */
class RunMeter {
  private readonly self = new CpuMeter(process.pid, null);
  private start: { at: number; machine: number; bench: number } | null = null;
  /** Per process: CPU ms at the start (0 for a backend that connected later) and at the last sample. */
  private readonly workers = new Map<number, { first: number; last: number }>();
  private readonly backends = new Map<number, { first: number; last: number }>();

  constructor(
    private readonly workerPids: readonly number[],
    private readonly backendPids: () => Promise<number[]>,
  ) {}

  async begin(): Promise<void> {
    const self = await this.self.read();
    this.start = { at: Date.now(), machine: self.machine, bench: self.loadGenerator };
    await this.sample(true);
  }

  async sample(initial = false): Promise<void> {
    const read = async (pid: number, into: Map<number, { first: number; last: number }>) => {
      const ms = (await new CpuMeter(pid, null).read()).server;
      if (ms === 0) return; // exited
      const seen = into.get(pid);
      into.set(pid, { first: seen?.first ?? (initial ? ms : 0), last: ms });
    };
    for (const pid of this.workerPids) await read(pid, this.workers);
    for (const pid of await this.backendPids()) await read(pid, this.backends);
  }

  async end(): Promise<{
    seconds: number;
    workers: number[];
    postgres: number;
    bench: number;
    otherShare: number;
  }> {
    await this.sample();
    const self = await this.self.read();
    const start = this.start ?? { at: Date.now(), machine: self.machine, bench: self.loadGenerator };
    const seconds = (Date.now() - start.at) / 1000;
    const used = (m: Map<number, { first: number; last: number }>, pid?: number) =>
      [...m.entries()]
        .filter(([p]) => pid === undefined || p === pid)
        .reduce((sum, [, t]) => sum + t.last - t.first, 0) / 1000;
    const workers = this.workerPids.map((pid) => used(this.workers, pid));
    const postgres = used(this.backends);
    const bench = (self.loadGenerator - start.bench) / 1000;
    const other =
      (self.machine - start.machine) / 1000 - workers.reduce((a, b) => a + b, 0) - postgres - bench;
    return {
      seconds,
      workers,
      postgres,
      bench,
      otherShare: Math.max(0, other) / (seconds * availableParallelism()),
    };
  }
}

const count = async (knex: Knex, sql: string, bindings: readonly string[]) =>
  Number(((await knex.raw(sql, bindings)) as { rows: Array<{ n: string }> }).rows[0]?.n ?? 0);

async function main(): Promise<void> {
  const name = `seatsync_bench_licensing_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(SERVER_URL, name);
  await onServer((admin) => admin.raw(`CREATE DATABASE ${name}`));
  const workers: Worker[] = [];
  let container: Container | undefined;
  const deadline = setTimeout(() => {
    console.error(`bench:licensing: over ${DEADLINE_SECONDS} s, giving up`);
    for (const w of workers) w.child.kill('SIGKILL');
    void onServer((admin) => admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).finally(() =>
      process.exit(1),
    );
  }, DEADLINE_SECONDS * 1000);
  try {
    const config = loadConfig({
      DATABASE_URL: url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '4',
    });
    container = await createContainer(config, createLogger('warn'));
    const knex = container.database.knex;
    await migrateToLatest(knex);
    const { tenantId } = await createTenant(container, 'bench-licensing');
    const actor = { type: 'cli' as const, id: 'bench' };

    // Users by SQL: 25k, enough for 100k assignments of the four default products (one row per user and product).
    const userCount = INVENTORY_ASSIGNMENTS / 4;
    await knex.raw(
      `INSERT INTO users (tenant_id, user_name, display_name, profile, source)
       SELECT ?, 'user' || g || '@bench.example', 'User ' || g, jsonb_build_object('country', 'SE'), 'import'
       FROM generate_series(1, ?) g`,
      [tenantId, userCount],
    );
    // CC Pro has no requirement beyond a seat and an active user: the figure is the job's, not number lookups'.
    await container.transaction((s) =>
      s.seats.purchase(
        tenantId,
        { product: 'cc-pro', quantity: ASSIGNMENTS, bindingMonths: 12, termsAccepted: true },
        actor,
      ),
    );
    const ccPro = await container.services.catalog.getProduct(tenantId, 'cc-pro');
    log(`seeded ${userCount} users and ${ASSIGNMENTS} CC Pro seats in ${name}`);

    for (let i = 0; i < WORKERS; i += 1) workers.push(startWorker(url));
    await Promise.all(workers.map((w) => w.ready));
    log(`${WORKERS} workers polling every ${POLL_MS} ms, batches of ${BATCH_SIZE}`);

    // All due at the same instant, a few seconds ahead: the rows exist (with their grant and event, as the admin
    // API writes them) before any worker may take them.
    const dueAt = new Date(Math.ceil((Date.now() + 5000) / 1000) * 1000);
    await knex.raw(
      `WITH due AS (
         INSERT INTO license_assignments (tenant_id, user_id, product_id, state, effective_at)
         SELECT u.tenant_id, u.id, ?, 'scheduled', ?
         FROM (SELECT id, tenant_id FROM users WHERE tenant_id = ? ORDER BY user_name LIMIT ?) u
         RETURNING id, tenant_id, user_id
       ), granted AS (
         INSERT INTO assignment_grants (tenant_id, assignment_id, kind, granted_by)
         SELECT tenant_id, id, 'direct', 'cli:bench' FROM due RETURNING assignment_id
       )
       INSERT INTO events (tenant_id, actor_type, actor_id, action, entity_type, entity_id, after)
       SELECT tenant_id, 'cli', 'bench', 'assignment.scheduled', 'assignment', id,
              jsonb_build_object('state', 'scheduled', 'userId', user_id, 'product', 'cc-pro')
       FROM due`,
      [ccPro.id, dueAt, tenantId, ASSIGNMENTS],
    );
    await knex.raw('ANALYZE license_assignments');
    log(`${ASSIGNMENTS} assignments scheduled for ${dueAt.toISOString()}`);
    const backendPids = async () =>
      (
        (await knex.raw('SELECT pid FROM pg_stat_activity WHERE datname = ?', [name])) as {
          rows: Array<{ pid: number }>;
        }
      ).rows.map((r) => r.pid);
    const meter = new RunMeter(
      workers.map((w) => w.child.pid ?? 0),
      backendPids,
    );
    const loadBefore = loadavg()[0] ?? 0;
    await sleep(Math.max(0, dueAt.getTime() - Date.now()));
    await meter.begin();

    if (killOne) {
      void (async () => {
        await sleep(Math.max(0, dueAt.getTime() - Date.now()) + KILL_AFTER_MS);
        await meter.sample();
        log(`killing worker ${workers[0]?.child.pid} with SIGKILL mid-run`);
        workers[0]?.child.kill('SIGKILL');
      })();
    }

    const activeSql =
      "SELECT count(*) AS n FROM license_assignments WHERE tenant_id = ? AND state = 'active'";
    let active = 0;
    while (active < ASSIGNMENTS) {
      await sleep(200);
      await meter.sample();
      active = await count(knex, activeSql, [tenantId]);
      if (Date.now() - dueAt.getTime() > (DEADLINE_SECONDS - 30) * 1000)
        throw new Error(`only ${active} active`);
    }
    const cpu = await meter.end();
    const loadAfter = loadavg()[0] ?? 0;
    for (const w of workers) w.child.kill('SIGTERM');
    const summaries = await Promise.all(workers.map((w) => w.done));

    const span = (
      (await knex.raw(
        `SELECT extract(epoch FROM min(activated_at) - ?::timestamptz) AS first,
                extract(epoch FROM max(activated_at) - ?::timestamptz) AS last
         FROM license_assignments WHERE tenant_id = ? AND state = 'active'`,
        [dueAt, dueAt, tenantId],
      )) as { rows: Array<{ first: string; last: string }> }
    ).rows[0];
    const firstSeconds = Number(span?.first);
    const allSeconds = Number(span?.last);
    const activatedEvents = await count(
      knex,
      "SELECT count(*) AS n FROM events WHERE tenant_id = ? AND action = 'assignment.activated'",
      [tenantId],
    );
    const activatedTwice = await count(
      knex,
      `SELECT count(*) AS n FROM (SELECT entity_id FROM events WHERE tenant_id = ? AND action = 'assignment.activated'
       GROUP BY entity_id HAVING count(*) <> 1) x`,
      [tenantId],
    );
    const neverActivated = await count(
      knex,
      `SELECT count(*) AS n FROM license_assignments a WHERE a.tenant_id = ? AND NOT EXISTS
       (SELECT 1 FROM events e WHERE e.tenant_id = a.tenant_id AND e.entity_id = a.id AND e.action = 'assignment.activated')`,
      [tenantId],
    );
    const held = await count(
      knex,
      'SELECT held AS n FROM seat_inventory WHERE tenant_id = ? AND product_id = ?',
      [tenantId, ccPro.id],
    );

    // ---- inventory at 100k assignments: the other 90k spread over the products and every state.
    const extra = INVENTORY_ASSIGNMENTS - ASSIGNMENTS;
    await knex.raw(
      `INSERT INTO license_assignments (tenant_id, user_id, product_id, state, effective_at, activated_at,
                                        removal_at, grace_ends_at, ended_at)
       SELECT ?, up.user_id, up.product_id, s.state,
              now() + ((up.n % 60) - 30) * interval '1 day',
              CASE WHEN s.state IN ('active', 'removal_scheduled', 'grace', 'removed') THEN now() - interval '40 days' END,
              CASE WHEN s.state IN ('removal_scheduled', 'grace', 'removed') THEN now() + (up.n % 20 - 10) * interval '1 day' END,
              CASE WHEN s.state IN ('grace', 'removed') THEN now() + (up.n % 30) * interval '1 day' END,
              CASE WHEN s.state IN ('removed', 'cancelled', 'failed') THEN now() - interval '1 day' END
       FROM (
         SELECT u.id AS user_id, p.id AS product_id, row_number() OVER () AS n
         FROM users u CROSS JOIN catalog_products p
         WHERE u.tenant_id = ? AND p.tenant_id = ?
           AND NOT EXISTS (SELECT 1 FROM license_assignments a WHERE a.user_id = u.id AND a.product_id = p.id)
         LIMIT ?
       ) up
       JOIN (SELECT state, ordinality - 1 AS k FROM unnest(ARRAY['active', 'scheduled', 'blocked', 'grace', 'removed',
             'cancelled', 'removal_scheduled', 'failed']) WITH ORDINALITY AS t(state, ordinality)) s ON s.k = up.n % 8`,
      [tenantId, tenantId, tenantId, extra],
    );
    // Keep the held counters true to the rows, and enough purchased seats for the counts to read sensibly.
    await knex.raw(
      `UPDATE seat_inventory i SET held = (SELECT count(*) FROM license_assignments a WHERE a.product_id = i.product_id
         AND a.state IN ('active', 'removal_scheduled', 'grace')) WHERE i.tenant_id = ?`,
      [tenantId],
    );
    for (const product of ['basic', 'business-mobile', 'unlimited-5g', 'cc-pro']) {
      await container.transaction((s) =>
        s.seats.purchase(
          tenantId,
          { product, quantity: 20_000, bindingMonths: 24, termsAccepted: true },
          actor,
        ),
      );
    }
    await knex.raw('ANALYZE license_assignments');
    const total = await count(knex, 'SELECT count(*) AS n FROM license_assignments WHERE tenant_id = ?', [
      tenantId,
    ]);
    const seats = container.services.seats;
    const in30Days = new Date(Date.now() + 30 * 86_400_000);
    const inventoryNow = await timeRuns(() => seats.inventory(tenantId));
    const inventoryOn = await timeRuns(() => seats.inventory(tenantId, { on: in30Days }));
    const inventoryOneOn = await timeRuns(() =>
      seats.inventory(tenantId, { productId: ccPro.id, on: in30Days }),
    );

    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const exactlyOnce = activatedEvents === ASSIGNMENTS && activatedTwice === 0 && neverActivated === 0;
    console.log('');
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
    console.log(
      `Scheduled activations (${ASSIGNMENTS} due at one instant, ${WORKERS} worker processes${killOne ? ', one killed with SIGKILL mid-run' : ''}, batches of ${BATCH_SIZE}, poll ${POLL_MS} ms)`,
    );
    console.log(
      `  all active after due time:     ${allSeconds.toFixed(1)} s  (target < ${TARGET_SECONDS} s: ${allSeconds < TARGET_SECONDS ? 'met' : 'NOT met'})`,
    );
    console.log(`  first activation after due:    ${firstSeconds.toFixed(2)} s`);
    console.log(
      `  throughput:                    ${Math.round(ASSIGNMENTS / Math.max(0.001, allSeconds - firstSeconds))} activations/s`,
    );
    console.log(
      `  per worker (rows processed):   ${summaries.map((s, i) => (s ? `#${i + 1} ${s.processed}` : `#${i + 1} killed`)).join(', ')}`,
    );
    console.log(
      `  assignment.activated events:  ${activatedEvents} for ${ASSIGNMENTS} assignments; ${activatedTwice} activated more than once, ${neverActivated} never`,
    );
    console.log(`  seats held (CC Pro):           ${held}`);
    console.log(
      `  CPU from due time to all active (${cpu.seconds.toFixed(1)} s × ${availableParallelism()} CPUs): workers ${cpu.workers.map((w) => `${w.toFixed(1)} s`).join(' + ')}, PostgreSQL ${cpu.postgres.toFixed(1)} s, bench ${cpu.bench.toFixed(1)} s; other processes ${(cpu.otherShare * 100).toFixed(0)}% of the CPUs (load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)})`,
    );
    console.log(`  exactly once:                  ${exactlyOnce ? 'yes' : 'NO'}`);
    console.log(`Inventory query at ${total} assignments (${INVENTORY_RUNS} runs each, p50 / p95 / max)`);
    console.log(
      `  all products, now:             ${ms(inventoryNow.p50)} / ${ms(inventoryNow.p95)} / ${ms(inventoryNow.max)}`,
    );
    console.log(
      `  all products, on +30 days:     ${ms(inventoryOn.p50)} / ${ms(inventoryOn.p95)} / ${ms(inventoryOn.max)}`,
    );
    console.log(
      `  one product, on +30 days:      ${ms(inventoryOneOn.p50)} / ${ms(inventoryOneOn.p95)} / ${ms(inventoryOneOn.max)}`,
    );
    if (!exactlyOnce || held !== ASSIGNMENTS) process.exitCode = 1;
  } finally {
    clearTimeout(deadline);
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await container?.close();
    await onServer((admin) => admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await main();
