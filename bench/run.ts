/**
 * `npm run bench`: the DESIGN.md targets measured against a real PostgreSQL, printed as a table and written to
 * BENCHMARKS.md ("Latest run"). A fresh database `seatsync_bench` is created, seeded by SQL and dropped again; the
 * servers under test run as child processes on 127.0.0.1; the whole run stops by itself within the deadline.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import knexFactory from 'knex';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { benchConfig } from './bench-config.js';
import { BenchDatabase } from './bench-database.js';
import { freePort, startChildServer, type ChildServer } from './child-server.js';
import { compileForBench, type CompiledBuild } from './compiled-build.js';
import { CpuMeter, isLocalDatabase } from './cpu-meter.js';
import { HttpClient } from './http-client.js';
import { describeMachine } from './machine.js';
import {
  consoleTable,
  disturbance,
  writeBenchmarksFile,
  type BenchFigures,
  type BenchPair,
  type EmbeddedFigures,
} from './report.js';
import {
  checkLookup,
  concurrentMemberAdds,
  createLoad,
  lookupLoad,
  sequentialMemberAdds,
  SCIM_JSON,
} from './scenarios.js';
import { seedUsers } from './seed.js';
import { idleRssFromMetrics } from './server-metrics.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Where the servers under test run from: a compiled build (bench/compiled-build.ts), set first thing in main(). */
let build: CompiledBuild;
const cfg = benchConfig;
const timing = {
  connections: cfg.connections,
  warmupSeconds: cfg.warmupSeconds,
  measureSeconds: cfg.measureSeconds,
};

const NOTES = [
  `The load generator, both servers and PostgreSQL share the machine's CPUs, so every figure includes the cost of ` +
    `generating the load; the seatsync/bare ratio is the fair comparison, since both pay it alike.`,
  'CPU per request is read from /proc over each measured run: the server child, the PostgreSQL backends of the bench ' +
    'database (pg_stat_activity), and the benchmark process that runs autocannon; "other processes" is the rest of ' +
    "the machine's busy time (another session's tests, say).",
  'p50/p99 of the autocannon scenarios come from its histogram (1 ms resolution); the PATCH latencies are timed per ' +
    'request with hrtime on one keep-alive connection.',
];

/** Cleanup steps, run last-in first-out on success, failure, Ctrl-C or the deadline. */
const cleanups: Array<{ name: string; run: () => Promise<unknown> }> = [];
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup (${step.name}) failed:`, error);
      }
    }
  })();
  return cleaning;
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function startSeatsync(databaseUrl: string): Promise<ChildServer> {
  return startChildServer({
    name: 'seatsync',
    args: ['bin/seatsync.js', 'serve'],
    cwd: build.root,
    port: await freePort(),
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      DB_POOL_MAX: String(cfg.poolMax),
      RATE_LIMIT_PER_SECOND: '0',
      LOG_LEVEL: 'warn',
    },
  });
}

async function startBareBaseline(databaseUrl: string, tenantId: string): Promise<ChildServer> {
  return startChildServer({
    name: 'bare express + pg',
    args: ['bench/bare-baseline.js'],
    cwd: build.root,
    port: await freePort(),
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      TENANT_ID: tenantId,
      DB_POOL_MAX: String(cfg.poolMax),
    },
  });
}

/**
 * The embedded default as `npx seatsync serve` runs it without DATABASE_URL: PGlite inside the seatsync process,
 * one session. A tenant from the CLI (through the server's socket), users seeded through that socket, then the
 * lookup, creates and concurrent member adds; CPU is the seatsync process's alone (the database is in it).
 */
async function measureEmbedded(accept: string): Promise<EmbeddedFigures> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'seatsync-bench-embedded-'));
  cleanups.push({ name: 'remove embedded data', run: () => rm(dataDir, { recursive: true, force: true }) });
  const server = await startChildServer({
    name: 'seatsync serve (embedded)',
    args: ['bin/seatsync.js', 'serve'],
    cwd: build.root,
    port: await freePort(),
    env: {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_SECOND: '0',
      LOG_LEVEL: 'warn',
    },
    startTimeoutMs: 120_000,
  });
  cleanups.push({ name: 'stop embedded seatsync', run: () => server.stop() });
  const created = await runCli(['tenant', 'create', 'bench-embedded', '--json'], { DATA_DIR: dataDir });
  const tenant = JSON.parse(created) as { tenantId: string; scimToken: string };
  const socket = JSON.parse(await readFile(path.join(dataDir, 'embedded-server.json'), 'utf8')) as {
    host: string;
    port: number;
  };
  const knex = knexFactory({
    client: 'pg',
    connection: { host: socket.host, port: socket.port, user: 'postgres', database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  cleanups.push({ name: 'close embedded handle', run: () => knex.destroy() });
  await seedUsers(knex, tenant.tenantId, cfg.embeddedUsers);
  const auth = { authorization: `Bearer ${tenant.scimToken}`, accept };
  const settings = { ...timing, cpu: new CpuMeter(server.pid, null) };
  await checkLookup(server.baseUrl, auth, cfg.embeddedUsers);
  const lookup = await lookupLoad(server.baseUrl, auth, cfg.embeddedUsers, settings);
  const create = await createLoad(server.baseUrl, auth, `emb-${randomBytes(4).toString('hex')}`, settings);
  const client = new HttpClient(server.baseUrl, { ...auth, 'content-type': SCIM_JSON });
  const concurrent = await concurrentMemberAdds(knex, client, tenant.tenantId, 1, cfg.concurrentPatches);
  client.close();
  await knex.destroy();
  await server.stop();
  return { users: cfg.embeddedUsers, lookup, create, concurrent };
}

function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/seatsync.js', ...args],
      { cwd: build.root, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`seatsync ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const database = new BenchDatabase(cfg.serverUrl, cfg.databaseName);
  const machine = describeMachine(await database.serverVersion(), repoRoot);
  log(`${machine.cpus} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
  build = await compileForBench(repoRoot);
  cleanups.push({ name: 'remove the compiled build', run: () => build.remove() });
  log(`compiled seatsync and the bare baseline into ${build.root}`);

  await database.recreate();
  cleanups.push({ name: 'drop database', run: () => database.drop() });
  // The benchmark's own handle on the database: migrations, the tenant and seeding, all through seatsync's code.
  // A generous query timeout: the one-statement seed of 100k users may take longer than a request ever should.
  const container: Container = await createContainer(
    loadConfig({
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '4',
      DB_QUERY_TIMEOUT_MS: '120000',
    }),
    createLogger('warn'),
  );
  cleanups.push({ name: 'close container', run: () => container.close() });
  const { knex } = container.database;
  await migrateToLatest(knex);
  const tenant = await createTenant(container, cfg.tenantName);

  const seedStarted = performance.now();
  await seedUsers(knex, tenant.tenantId, cfg.users);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`seeded ${cfg.users} users in ${seedSeconds.toFixed(1)} s`);

  // Backends of the bench database only: other sessions on the same server are "other processes".
  const backendPids = async () => {
    const result = await knex.raw<{ rows: Array<{ pid: number }> }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = ?',
      [database.name],
    );
    return result.rows.map((r) => r.pid);
  };
  const settingsFor = (server: ChildServer) => ({
    ...timing,
    cpu: new CpuMeter(server.pid, isLocalDatabase(cfg.serverUrl) ? backendPids : null),
  });

  const auth = { authorization: `Bearer ${tenant.scimToken}`, accept: SCIM_JSON };
  const runTag = randomBytes(4).toString('hex');

  // 1–3. The bare baseline and seatsync in alternation (A B A B …), one server at a time so they never compete for
  // the CPUs: each measures the lookup, then creates. seatsync's last start stays up for the membership scenarios.
  const pairs: BenchPair[] = [];
  let seatsync: ChildServer | undefined;
  let startupRssBytes: BenchFigures['startupRssBytes'] | undefined;
  for (let pair = 1; pair <= cfg.pairs; pair += 1) {
    const bare = await startBareBaseline(database.url, tenant.tenantId);
    cleanups.push({ name: `stop bare baseline ${pair}`, run: () => bare.stop() });
    await checkLookup(bare.baseUrl, auth, cfg.users);
    log(`pair ${pair}/${cfg.pairs}: bare baseline, GET lookup then POST /Users`);
    const bareLookup = await lookupLoad(bare.baseUrl, auth, cfg.users, settingsFor(bare));
    const bareCreate = await createLoad(bare.baseUrl, auth, `bare${pair}-${runTag}`, settingsFor(bare));
    await bare.stop();

    seatsync = await startSeatsync(database.url);
    const current = seatsync;
    cleanups.push({ name: `stop seatsync ${pair}`, run: () => current.stop() });
    if (!startupRssBytes) {
      // Idle memory right after start-up, before any load (the DESIGN target's plain reading).
      await sleep(3_000);
      startupRssBytes = {
        metrics: await idleRssFromMetrics(current.baseUrl),
        proc: await current.rssBytes(),
      };
    }
    await checkLookup(current.baseUrl, auth, cfg.users);
    log(`pair ${pair}/${cfg.pairs}: seatsync serve (pid ${current.pid}), GET lookup then POST /Users`);
    const lookup = await lookupLoad(current.baseUrl, auth, cfg.users, settingsFor(current));
    const create = await createLoad(current.baseUrl, auth, `ss${pair}-${runTag}`, settingsFor(current));
    pairs.push({ bareLookup, bareCreate, lookup, create });
    if (pair < cfg.pairs) await current.stop();
  }
  if (!seatsync || !startupRssBytes) throw new Error('bench: no pair was measured');

  // 4 and 5. Membership changes.
  const client = new HttpClient(seatsync.baseUrl, { ...auth, 'content-type': SCIM_JSON });
  cleanups.push({ name: 'close HTTP client', run: async () => client.close() });
  log(
    `seatsync: ${cfg.sequentialPatches} sequential PATCH member adds to a ${cfg.bigGroupMembers}-member group`,
  );
  const sequential = await sequentialMemberAdds(
    knex,
    client,
    tenant.tenantId,
    cfg.bigGroupMembers,
    cfg.sequentialPatchWarmup,
    cfg.sequentialPatches,
  );
  log(`seatsync: ${cfg.concurrentPatches} concurrent PATCH member adds to one fresh group`);
  const firstFreeUser = cfg.bigGroupMembers + cfg.sequentialPatchWarmup + cfg.sequentialPatches + 1;
  const concurrent = await concurrentMemberAdds(
    knex,
    client,
    tenant.tenantId,
    firstFreeUser,
    cfg.concurrentPatches,
  );
  log(`the concurrent group has ${concurrent.membersAfter} members (expected ${cfg.concurrentPatches})`);
  client.close();

  // Idle memory: connections closed, a few seconds for the server to settle.
  await sleep(3_000);
  const idleRssBytes = {
    metrics: await idleRssFromMetrics(seatsync.baseUrl),
    proc: await seatsync.rssBytes(),
  };

  await seatsync.stop();
  log(
    `embedded default: ${cfg.embeddedUsers} users, GET lookup, POST /Users, ${cfg.concurrentPatches} concurrent adds`,
  );
  const embedded = await measureEmbedded(auth.accept);

  await cleanUp();
  const figures: BenchFigures = {
    startedAt,
    command: process.env.BENCH_DATABASE_URL
      ? `BENCH_DATABASE_URL=${process.env.BENCH_DATABASE_URL} npm run bench`
      : 'npm run bench',
    machine,
    users: cfg.users,
    connections: cfg.connections,
    measureSeconds: cfg.measureSeconds,
    poolMax: cfg.poolMax,
    seedSeconds,
    pairs,
    sequential,
    concurrent,
    startupRssBytes,
    idleRssBytes,
    embedded,
    // bin/seatsync.js prefers a compiled build when there is one.
    totalSeconds: (Date.now() - startedAt.getTime()) / 1000,
  };
  console.log(`\n${consoleTable(figures)}\n`);
  for (const warning of disturbance(figures)) console.log(`${warning}\n`);
  await writeBenchmarksFile(`${repoRoot}BENCHMARKS.md`, figures, NOTES);
  log('figures written to BENCHMARKS.md (section "Latest run")');
}

const deadline = setTimeout(() => {
  console.error(`bench: still running after ${cfg.deadlineMs / 1000} s; stopping`);
  void cleanUp().finally(() => process.exit(1));
}, cfg.deadlineMs);
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

main().then(
  () => {
    clearTimeout(deadline);
    process.exit(0);
  },
  async (error: unknown) => {
    console.error('bench failed:', error);
    await cleanUp();
    process.exit(1);
  },
);
