/**
 * `npm run bench:lists`: every admin API list at the DESIGN.md scale (100k users, 100k assignments) on a real
 * PostgreSQL — the first page, a deep page (a cursor 90% of the way in, made from the row there) and the filtered
 * variants, each timed one request at a time on a keep-alive connection. Target: p50 < 50 ms for each.
 *
 * A database of its own (seatsync_bench_lists_<random>) on BENCH_DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres) is created, seeded by SQL and dropped at the end; `seatsync serve`
 * runs as a child process on 127.0.0.1. The load average before and after is printed: the figures mean little on
 * a busy machine.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { wrapCursor } from '../src/http/admin/list-cursor.js';
import { encodeCursor, encodeNumberCursor } from '../src/http/admin/pagination.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { BenchDatabase } from './bench-database.js';
import { freePort, startChildServer } from './child-server.js';
import { HttpClient, percentile } from './http-client.js';
import { describeMachine } from './machine.js';
import { seedUsers } from './seed.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The DESIGN.md scale; BENCH_USERS only to try the benchmark itself quickly. */
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
/** Numbers in the pool: half the users have a fixed number, and as many wait to be assigned. */
const NUMBERS = USERS;
const WARMUP = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const TARGET_P50_MS = 50;
const DEEP = 0.9;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const log = (message: string) =>
  console.log(`[bench:lists ${new Date().toISOString().slice(11, 19)}] ${message}`);

const STATES = [
  'active',
  'scheduled',
  'blocked',
  'grace',
  'removed',
  'cancelled',
  'removal_scheduled',
  'failed',
];

/**
 * One assignment per user (user i gets product i % 4 in state i % 8, due within ±60 days), with its direct grant
 * and the event that recorded it, as the admin API writes them; half the users hold a fixed number of the pool.
 */
async function seedLicensing(knex: Knex, tenantId: string): Promise<void> {
  await knex.raw(
    `WITH u AS (
       SELECT id, tenant_id, row_number() OVER (ORDER BY id) AS n FROM users WHERE tenant_id = :tenantId
     ), p AS (
       SELECT id, key, row_number() OVER (ORDER BY key) - 1 AS k FROM catalog_products WHERE tenant_id = :tenantId
     ), inserted AS (
       INSERT INTO license_assignments (tenant_id, user_id, product_id, state, effective_at, activated_at)
       SELECT u.tenant_id, u.id, p.id, (CAST(:states AS text[]))[1 + u.n % 8],
              now() + ((u.n % 120) - 60) * interval '1 day' + u.n * interval '1 second',
              CASE WHEN u.n % 8 IN (0, 3, 4, 6) THEN now() - interval '40 days' END
       FROM u JOIN p ON p.k = u.n % 4
       RETURNING id, tenant_id, user_id, product_id, state
     ), granted AS (
       INSERT INTO assignment_grants (tenant_id, assignment_id, kind, granted_by)
       SELECT tenant_id, id, 'direct', 'cli:bench' FROM inserted RETURNING assignment_id
     )
     INSERT INTO events (tenant_id, actor_type, actor_id, action, entity_type, entity_id, user_id, after)
     SELECT tenant_id, 'cli', 'bench', 'assignment.scheduled', 'assignment', id, user_id,
            jsonb_build_object('state', state, 'userId', user_id, 'productId', product_id)
     FROM inserted`,
    { tenantId, states: STATES },
  );
  await knex.raw(
    `WITH u AS (
       SELECT id, row_number() OVER (ORDER BY user_name) AS n FROM users WHERE tenant_id = :tenantId
     )
     INSERT INTO phone_numbers (tenant_id, e164, kind, country, status, origin, user_id)
     SELECT :tenantId, '+4681' || lpad(i::text, 7, '0'), 'fixed', 'SE',
            CASE WHEN u.id IS NULL THEN 'available' ELSE 'assigned' END, 'provider', u.id
     FROM generate_series(1, CAST(:numbers AS int)) AS i
     LEFT JOIN u ON u.n = i AND i % 2 = 0`,
    { tenantId, numbers: NUMBERS },
  );
  for (const table of ['license_assignments', 'assignment_grants', 'events', 'phone_numbers']) {
    await knex.raw(`ANALYZE ${table}`);
  }
}

interface Scenario {
  name: string;
  path: string;
}

/** The cursors a client holds 90% of the way into each list, made from the rows there. */
async function scenarios(knex: Knex, tenantId: string): Promise<Scenario[]> {
  const row = async <T>(sql: string, bindings: Record<string, unknown>): Promise<T> => {
    const result = await knex.raw<{ rows: T[] }>(sql, { tenantId, ...bindings });
    const first = result.rows[0];
    if (!first) throw new Error(`No row for ${sql}`);
    return first;
  };
  const deepUser = await row<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM users WHERE tenant_id = :tenantId AND deleted_at IS NULL
     ORDER BY created_at, id OFFSET :skip LIMIT 1`,
    { skip: Math.floor(USERS * DEEP) },
  );
  const deepAssignment = (where: string, total: number) =>
    row<{ effective_at: Date; id: string }>(
      `SELECT a.effective_at, a.id FROM license_assignments a JOIN catalog_products p ON p.id = a.product_id
       WHERE a.tenant_id = :tenantId ${where} ORDER BY a.effective_at, a.id OFFSET :skip LIMIT 1`,
      { skip: Math.floor(total * DEEP) },
    );
  const deepEvent = await row<{ id: string }>(
    'SELECT id FROM events WHERE tenant_id = :tenantId ORDER BY id DESC OFFSET :skip LIMIT 1',
    { skip: Math.floor(USERS * DEEP) },
  );
  const deepNumber = await row<{ e164: string }>(
    'SELECT e164 FROM phone_numbers WHERE tenant_id = :tenantId ORDER BY e164 OFFSET :skip LIMIT 1',
    { skip: Math.floor(NUMBERS * DEEP) },
  );
  const someUser = await row<{ id: string }>(
    'SELECT user_id AS id FROM license_assignments WHERE tenant_id = :tenantId ORDER BY user_id OFFSET :skip LIMIT 1',
    { skip: Math.floor(USERS / 20) },
  );
  const timeCursor = (list: string, r: { id: string }, at: Date) =>
    encodeURIComponent(wrapCursor(list, encodeCursor({ createdAt: at.toISOString(), id: r.id })));
  const assignmentCursor = (r: { effective_at: Date; id: string }) =>
    timeCursor('listAssignments', r, r.effective_at);
  const allAssignments = await deepAssignment('', USERS);
  const ccPro = await deepAssignment("AND p.key = 'cc-pro'", USERS / 4);
  const blocked = await deepAssignment("AND a.state = 'blocked'", USERS / 8);
  return [
    { name: 'users, first page', path: '/api/v1/users' },
    {
      name: 'users, deep page',
      path: `/api/v1/users?cursor=${timeCursor('listUsers', deepUser, deepUser.created_at)}`,
    },
    { name: 'users, q=family4242', path: '/api/v1/users?q=family4242' },
    { name: 'users, q=sales (many)', path: '/api/v1/users?q=sales' },
    { name: 'users, status=suspended (none)', path: '/api/v1/users?status=suspended' },
    { name: 'assignments, first page', path: '/api/v1/assignments' },
    {
      name: 'assignments, deep page',
      path: `/api/v1/assignments?cursor=${assignmentCursor(allAssignments)}`,
    },
    { name: 'assignments, product', path: '/api/v1/assignments?product=cc-pro' },
    {
      name: 'assignments, product, deep page',
      path: `/api/v1/assignments?product=cc-pro&cursor=${assignmentCursor(ccPro)}`,
    },
    { name: 'assignments, state', path: '/api/v1/assignments?state=blocked' },
    {
      name: 'assignments, state, deep page',
      path: `/api/v1/assignments?state=blocked&cursor=${assignmentCursor(blocked)}`,
    },
    { name: 'assignments, product and state', path: '/api/v1/assignments?product=basic&state=active' },
    { name: 'assignments, user', path: `/api/v1/assignments?userId=${someUser.id}` },
    { name: 'events, first page', path: '/api/v1/events' },
    {
      name: 'events, deep page',
      path: `/api/v1/events?cursor=${encodeURIComponent(wrapCursor('listEvents', deepEvent.id))}`,
    },
    { name: 'events, action', path: '/api/v1/events?action=assignment.scheduled' },
    { name: 'events, kind (user.*, none)', path: '/api/v1/events?action=user.*' },
    { name: 'events, user', path: `/api/v1/events?userId=${someUser.id}` },
    { name: 'numbers, first page', path: '/api/v1/numbers' },
    {
      name: 'numbers, deep page',
      path: `/api/v1/numbers?cursor=${encodeURIComponent(wrapCursor('listNumbers', encodeNumberCursor(deepNumber.e164)))}`,
    },
    { name: 'numbers, status', path: '/api/v1/numbers?status=available' },
    { name: 'numbers, user', path: `/api/v1/numbers?userId=${someUser.id}` },
    { name: 'purchases', path: '/api/v1/purchases' },
    { name: 'port orders', path: '/api/v1/port-orders' },
    { name: 'rules', path: '/api/v1/rules' },
    { name: 'rule holds', path: '/api/v1/rule-holds' },
    { name: 'tokens', path: '/api/v1/tokens' },
  ];
}

interface Figure {
  name: string;
  items: number;
  p50: number;
  p99: number;
}

async function measure(client: HttpClient, scenario: Scenario): Promise<Figure> {
  let items = 0;
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const res = await client.send('GET', scenario.path);
    if (res.status !== 200) throw new Error(`${scenario.name}: ${res.status} ${res.body.slice(0, 300)}`);
    items = (JSON.parse(res.body) as { items: unknown[] }).items.length;
    if (i >= WARMUP) times.push(res.ms);
  }
  return { name: scenario.name, items, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  const database = new BenchDatabase(SERVER_URL, `seatsync_bench_lists_${randomBytes(3).toString('hex')}`);
  const machine = describeMachine(await database.serverVersion(), repoRoot);
  log(
    `${machine.cpus} CPUs, PostgreSQL ${machine.postgres}, ${machine.revision}, load ${loadBefore.toFixed(2)}`,
  );
  await database.recreate();
  const container = await createContainer(
    loadConfig({
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '2',
      DB_QUERY_TIMEOUT_MS: '300000',
    }),
    createLogger('warn'),
  );
  let client: HttpClient | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  try {
    const { knex } = container.database;
    await migrateToLatest(knex);
    const tenant = await createTenant(container, 'bench');
    const seedStarted = performance.now();
    await seedUsers(knex, tenant.tenantId, USERS);
    await seedLicensing(knex, tenant.tenantId);
    log(
      `seeded ${USERS} users, ${USERS} assignments and events, ${NUMBERS} numbers in ` +
        `${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const list = await scenarios(knex, tenant.tenantId);

    const server = await startChildServer({
      name: 'seatsync',
      args: ['bin/seatsync.js', 'serve'],
      cwd: repoRoot,
      port: await freePort(),
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        HOST: '127.0.0.1',
        RATE_LIMIT_PER_SECOND: '0',
        LOG_LEVEL: 'warn',
      },
    });
    stopServer = () => server.stop();
    client = new HttpClient(server.baseUrl, {
      authorization: `Bearer ${tenant.adminToken}`,
      accept: 'application/json',
    });
    const figures: Figure[] = [];
    for (const scenario of list) {
      const figure = await measure(client, scenario);
      figures.push(figure);
      log(
        `${figure.name}: p50 ${figure.p50.toFixed(1)} ms, p99 ${figure.p99.toFixed(1)} ms (${figure.items} items)`,
      );
    }
    const loadAfter = loadavg()[0] ?? 0;
    console.log(
      `\n${new Date().toISOString()}, ${machine.revision}, ${machine.cpus} CPUs (${machine.cpuModel}), ` +
        `PostgreSQL ${machine.postgres}, load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, ` +
        `${RUNS} requests per list after ${WARMUP} of warm-up\n`,
    );
    console.log('| list (page of 50 unless fewer match) | items | p50 | p99 | target p50 < 50 ms |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const f of figures) {
      const met = f.p50 < TARGET_P50_MS ? 'met' : 'missed';
      console.log(`| ${f.name} | ${f.items} | ${f.p50.toFixed(1)} ms | ${f.p99.toFixed(1)} ms | ${met} |`);
    }
  } finally {
    client?.close();
    await stopServer?.();
    await container.close();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:lists failed:', error);
    process.exit(1);
  },
);
