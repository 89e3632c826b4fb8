/**
 * A measurement, not a test: the Entra ID pull sync end to end into a real PostgreSQL.
 *   npx tsx bench/entra-sync.ts [--users 100000 --groups 2000 --memberships 300000 --changes 100] [--keep]
 *   (server: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * The driver (this process) creates a scratch database, serves a generated directory from the Graph fake and makes
 * the incremental changes. Syncs run in child processes (`--child`), so the RSS reported is the sync's alone: Graph
 * client, mapping and database writes, without the fake's directory. A child runs one sync per line it reads:
 * 1. full sync, in a worker child;
 * 2. `--changes` changes, then an incremental sync in that same worker (warm: its code compiled, its Graph token
 *    cached, as in a long-running `seatsync worker`);
 * 3. as many changes again, then an incremental sync in a fresh child (cold: a process started for this one sync);
 * 4. a contact reconciliation of every synced user in that child, after 1,000 users' titles were changed behind the
 *    directory's back (by SQL); the tenant owns no numbers, so every directory phone number is a conflict.
 * Each run reports CPU time by party (bench/cpu-meter.ts): the sync process, the PostgreSQL backends of the scratch
 * database, this driver (the Graph fake), and the rest of the machine — other processes, whose work makes the
 * wall-clock figures noisy when it is high. The database is dropped at the end (`--keep` leaves it for EXPLAIN).
 * BENCH_PROFILE=1: per run, total time per SQL statement shape, and the plan of every read slower than 50 ms.
 * BENCH_CPU_PROF=<dir>: V8 CPU profiles of the children (`node --cpu-prof`) in that directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import type { FakeDirectory } from '../connectors/fake-graph/fake-directory.js';
import {
  createFakeGraph,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_TENANT_ID,
} from '../connectors/fake-graph/fake-graph.js';
import { generateDirectory } from '../connectors/fake-graph/generate-directory.js';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { SyncOutcome } from '../src/features/directory/entra-sync-service.js';
import type { ReconciliationRun } from '../src/features/directory/reconciliation-run-store.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { cpuDelta, CpuMeter, otherCpu, type CpuTimes } from './cpu-meter.js';

const { values } = parseArgs({
  options: {
    child: { type: 'boolean', default: false },
    database: { type: 'string' },
    connection: { type: 'string' },
    users: { type: 'string', default: '100000' },
    groups: { type: 'string', default: '2000' },
    memberships: { type: 'string', default: '300000' },
    changes: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});

const SECRET_KEY = process.env.BENCH_SECRET_KEY ?? randomBytes(32).toString('base64');
// The Graph fake listens on this machine: the operator setting that lets a connection name a local host.
const ENTRA_EXTRA_HOSTS = '127.0.0.1,localhost';
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

interface ReconcileReport {
  ms: number;
  run: ReconciliationRun | null;
  cpu: CpuTimes;
}

interface RunReport {
  ms: number;
  /** The child's high-water mark since it started (the OS's maxRSS). */
  peakRssMb: number;
  /** The child's RSS when the run ended. */
  rssMb: number;
  outcome: SyncOutcome;
  /** CPU milliseconds over the run; loadGenerator is filled in by the driver (its own, i.e. the Graph fake's). */
  cpu: CpuTimes;
}

/**
 * The backends of the scratch database, sampled every second: the pool drops idle connections, and a backend that
 * exits before the last reading would take its CPU time with it. Each backend counts with the most it was seen at.
 */
function sampleBackends(knex: Knex): {
  stop(): Promise<CpuTimes['postgres']>;
  pids: () => Promise<number[]>;
} {
  const pids = async () =>
    (
      (await knex.raw('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows as Array<{
        pid: number;
      }>
    ).map((r) => r.pid);
  const seen = new Map<number, number>();
  const sample = async () => {
    for (const pid of await pids()) {
      const { postgres } = await new CpuMeter(process.pid, async () => [pid]).read();
      seen.set(pid, Math.max(seen.get(pid) ?? 0, postgres ?? 0));
    }
  };
  let pending = sample();
  const timer = setInterval(() => {
    pending = pending.then(sample, sample);
  }, 1000);
  return {
    pids,
    async stop() {
      clearInterval(timer);
      await pending;
      await sample();
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}

/** Prints the plan of every slow read once per statement shape (BENCH_PROFILE), to see what the planner chose mid-run. */
function explainSlowReads(
  knex: Knex,
  q: { sql: string; bindings?: unknown[] },
  ms: number,
  explained: Set<string>,
): void {
  const key = q.sql.replace(/\s+/g, ' ').slice(0, 90);
  if (
    ms < 50 ||
    explained.has(key) ||
    !/^\s*(select|with)\b/i.test(q.sql) ||
    /\b(insert|update|delete)\b/i.test(q.sql)
  )
    return;
  explained.add(key);
  const positional = q.sql.replace(/\$\d+/g, '?');
  knex
    .raw(`EXPLAIN ${positional}`, (q.bindings ?? []) as Knex.RawBinding[])
    .then((result: { rows: Array<{ 'QUERY PLAN': string }> }) =>
      process.stderr.write(
        `--- ${Math.round(ms)} ms: ${key}\n${result.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
      ),
    )
    .catch(() => undefined);
}

/** Total time per SQL statement shape (BENCH_PROFILE); `flush` prints the top ones to stderr and starts over. */
function statementProfile(knex: Knex): { flush(label: string): void } {
  const profile = new Map<string, { count: number; ms: number }>();
  const explained = new Set<string>();
  if (process.env.BENCH_PROFILE) {
    const started = new Map<string, number>();
    knex.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
    knex.on(
      'query-response',
      (_r: unknown, q: { __knexQueryUid: string; sql: string; bindings?: unknown[] }) => {
        const key = q.sql.replace(/\s+/g, ' ').slice(0, 90);
        const entry = profile.get(key) ?? { count: 0, ms: 0 };
        const ms = performance.now() - (started.get(q.__knexQueryUid) ?? performance.now());
        entry.count += 1;
        entry.ms += ms;
        started.delete(q.__knexQueryUid);
        profile.set(key, entry);
        explainSlowReads(knex, q, ms, explained);
      },
    );
  }
  return {
    flush(label) {
      if (profile.size === 0) return;
      process.stderr.write(`=== ${label}\n`);
      for (const [sql, { count, ms }] of [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
        process.stderr.write(
          `${Math.round(ms).toString().padStart(7)} ms ${String(count).padStart(6)}x ${sql}\n`,
        );
      }
      profile.clear();
    },
  };
}

/** One sync of the connection, timed from the call to its return. */
async function timedSync(container: Container, connectionId: string): Promise<RunReport> {
  const backends = sampleBackends(container.database.knex);
  const meter = new CpuMeter(process.pid, backends.pids);
  const before = await meter.read();
  const started = performance.now();
  const outcome = await container.directory.sync.run(connectionId, { trigger: 'cli' });
  const ms = Math.round(performance.now() - started);
  const after = await meter.read();
  const used = cpuDelta(before, { ...after, postgres: await backends.stop() });
  return {
    ms,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssMb: mb(process.memoryUsage().rss),
    outcome,
    cpu: { ...used, loadGenerator: 0 },
  };
}

/** One contact reconciliation of the connection, timed from the call to its return. */
async function timedReconciliation(container: Container, connectionId: string): Promise<ReconcileReport> {
  const backends = sampleBackends(container.database.knex);
  const meter = new CpuMeter(process.pid, backends.pids);
  const before = await meter.read();
  const started = performance.now();
  const outcome = await container.directory.reconciliation.run(connectionId, { trigger: 'cli' });
  const ms = Math.round(performance.now() - started);
  const after = await meter.read();
  const used = cpuDelta(before, { ...after, postgres: await backends.stop() });
  return { ms, run: outcome.status === 'done' ? outcome.run : null, cpu: { ...used, loadGenerator: 0 } };
}

/** Child: a sync (line `sync`) or a reconciliation (line `reconcile`) for every line read on stdin, a report line for each. */
async function child(databaseUrl: string, connectionId: string): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SECRET_KEY,
    ENTRA_EXTRA_HOSTS,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
  const container = await createContainer(config, createLogger(config.LOG_LEVEL));
  const profile = statementProfile(container.database.knex);
  try {
    let run = 0;
    for await (const line of createInterface({ input: process.stdin })) {
      const report =
        line === 'reconcile'
          ? await timedReconciliation(container, connectionId)
          : await timedSync(container, connectionId);
      profile.flush(`${line} ${(run += 1)} of child ${process.pid}`);
      process.stdout.write(`${JSON.stringify(report)}\n`);
    }
  } finally {
    await container.close();
  }
}

/** A sync child; `sync()` asks it for one run and resolves with its report (the driver's own CPU time added). */
function startChild(
  databaseUrl: string,
  connectionId: string,
): { sync(): Promise<RunReport>; reconcile(): Promise<ReconcileReport>; close(): Promise<void> } {
  const script = fileURLToPath(import.meta.url);
  const profiling = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      ...profiling,
      '--import',
      'tsx',
      script,
      '--child',
      '--database',
      databaseUrl,
      '--connection',
      connectionId,
    ],
    { env: { ...process.env, BENCH_SECRET_KEY: SECRET_KEY }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  async function ask<T extends { cpu: CpuTimes }>(command: 'sync' | 'reconcile'): Promise<T> {
    const driverBefore = process.cpuUsage();
    proc.stdin!.write(`${command}\n`);
    for (;;) {
      const next = await Promise.race([
        lines.next(),
        exited.then((code) => ({ done: true as const, value: `exit ${code}` })),
      ]);
      if (next.done) throw new Error(`sync child ended: ${next.value}`);
      if (!next.value.startsWith('{')) continue;
      const report = JSON.parse(next.value) as T;
      const driver = process.cpuUsage(driverBefore);
      return { ...report, cpu: { ...report.cpu, loadGenerator: (driver.user + driver.system) / 1000 } };
    }
  }
  return {
    sync: () => ask<RunReport>('sync'),
    reconcile: () => ask<ReconcileReport>('reconcile'),
    async close() {
      proc.stdin!.end();
      await exited;
    },
  };
}

const otherShare = (report: { ms: number; cpu: CpuTimes }) =>
  otherCpu(report.cpu) / (report.ms * availableParallelism());
const cpuSeconds = (ms: number | null) => (ms === null ? '?' : (ms / 1000).toFixed(1));

function summary(label: string, report: RunReport): string {
  if (report.outcome.status !== 'done') return `${label}: connection busy`;
  const r = report.outcome.run;
  const s = cpuSeconds;
  return (
    `${label}: ${(report.ms / 1000).toFixed(2)} s, RSS peak ${report.peakRssMb} MB / at end ${report.rssMb} MB, status ${r.status}, ${r.pages} pages, ` +
    `${r.created} created, ${r.updated} updated, ${r.suspended} suspended, ${r.reactivated} reactivated, ${r.groups} groups, ` +
    `${r.membershipsAdded} memberships added, ${r.membershipsRemoved} removed${r.errorCode ? `, error ${r.errorCode}: ${r.errorMessage}` : ''}\n` +
    `  CPU: sync ${s(report.cpu.server)} s, PostgreSQL ${s(report.cpu.postgres)} s, Graph fake ${s(report.cpu.loadGenerator)} s; ` +
    `other processes ${(otherShare(report) * 100).toFixed(0)}% of ${availableParallelism()} CPUs`
  );
}

/** `count` changes: updates, disables, deletions, new users in groups, membership removals (`round` keeps them apart). */
function makeChanges(directory: FakeDirectory, count: number, round: number): void {
  const users = directory.userPositions;
  const groupIds = Array.from({ length: directory.groupCount }, (_, i) => directory.groupIdAt(i));
  for (let i = 0; i < count; i += 1) {
    const userId = directory.userIdAt((i * 7919 + round * 104_729) % users);
    const groupId = groupIds[(i + round * 37) % groupIds.length] ?? '';
    switch (i % 5) {
      case 0:
        directory.updateUser(userId, {
          jobTitle: `Changed ${round}.${i}`,
          mobilePhone: `+46 70 ${round} ${String(i).padStart(4, '0')}`,
        });
        break;
      case 1:
        directory.disableUser(userId);
        break;
      case 2:
        directory.deleteUser(userId);
        break;
      case 3:
        directory.addMembers(groupId, [
          directory.addUser({
            userPrincipalName: `new${round}.${i}@contoso.example`,
            mail: `new${round}.${i}@contoso.example`,
            displayName: `New ${i}`,
          }).id,
        ]);
        break;
      default: {
        const member = directory.groupMembers(groupId)[0];
        if (member) directory.removeMembers(groupId, [member]);
        else directory.addMembers(groupId, [userId]);
      }
    }
  }
}

async function driver(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `seatsync_bench_entra_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const directory = generateDirectory({
    users: Number(values.users),
    groups: Number(values.groups),
    memberships: Number(values.memberships),
    seed: 1,
  });
  const fake = createFakeGraph({ directory });
  const server = await fake.listen();
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET_KEY, ENTRA_EXTRA_HOSTS, LOG_LEVEL: 'warn' });
  const container = await createContainer(config, createLogger(config.LOG_LEVEL));
  try {
    await migrateToLatest(container.database.knex);
    const tenant = await createTenant(container, 'bench');
    // The incremental steps suspend some users; keep the mass-change hold out of the measurement.
    await container.database
      .knex('tenants')
      .where({ id: tenant.tenantId })
      .update({ mass_change_threshold: 1_000_000 });
    const connection = await container.database.knex.transaction((trx) =>
      container.directory.connections(trx).create(
        tenant.tenantId,
        {
          name: 'bench',
          entraTenantId: FAKE_TENANT_ID,
          clientId: FAKE_CLIENT_ID,
          clientSecret: FAKE_CLIENT_SECRET,
          authorityHost: server.url,
          graphBaseUrl: server.url,
        },
        { type: 'cli' },
      ),
    );
    console.log(
      `directory: ${directory.userCount} users, ${directory.groupCount} groups, ${values.memberships} memberships; database ${name}`,
    );
    const changes = Number(values.changes);

    const worker = startChild(databaseUrl, connection.id);
    const full = await worker.sync();
    console.log(summary('full sync', full));
    makeChanges(directory, changes, 1);
    const warm = await worker.sync();
    console.log(summary(`incremental (${changes} changes), same process`, warm));
    await worker.close();

    makeChanges(directory, changes, 2);
    const fresh = startChild(databaseUrl, connection.id);
    const cold = await fresh.sync();
    console.log(summary(`incremental (${changes} changes), new process`, cold));
    const drifted = await container.database.knex.raw(
      `UPDATE users u SET profile = jsonb_set(u.profile, '{title}', '"Edited in seatsync"'), version = version + 1
       WHERE u.id IN (SELECT du.user_id FROM directory_users du JOIN users x ON x.id = du.user_id AND x.active
                      WHERE du.connection_id = ? AND du.data->>'jobTitle' IS NOT NULL ORDER BY du.object_id LIMIT 1000)`,
      [connection.id],
    );
    const reconciled = await fresh.reconcile();
    await fresh.close();
    const r = reconciled.run;
    console.log(
      `contact reconciliation (${drifted.rowCount} users drifted): ${(reconciled.ms / 1000).toFixed(2)} s, status ${r?.status ?? 'busy'}, ` +
        `${r?.checked ?? 0} checked, ${r?.fixed ?? 0} fixed, ${r?.conflicts ?? 0} conflicts\n` +
        `  CPU: reconciliation ${cpuSeconds(reconciled.cpu.server)} s, PostgreSQL ${cpuSeconds(reconciled.cpu.postgres)} s; ` +
        `other processes ${(otherShare(reconciled) * 100).toFixed(0)}% of ${availableParallelism()} CPUs`,
    );

    console.log(
      JSON.stringify({
        fullSeconds: full.ms / 1000,
        fullPeakRssMb: full.peakRssMb,
        fullOtherCpuShare: +otherShare(full).toFixed(3),
        incrementalWarmSeconds: warm.ms / 1000,
        incrementalWarmOtherCpuShare: +otherShare(warm).toFixed(3),
        incrementalColdSeconds: cold.ms / 1000,
        incrementalColdPeakRssMb: cold.peakRssMb,
        incrementalColdOtherCpuShare: +otherShare(cold).toFixed(3),
        reconciliationSeconds: reconciled.ms / 1000,
        driverRssMb: mb(process.memoryUsage().rss),
      }),
    );
  } finally {
    await container.close();
    await server.close();
    if (values.keep) console.log(`kept database ${name}`);
    else await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  }
}

if (values.child) {
  if (!values.database || !values.connection) throw new Error('--child needs --database and --connection');
  await child(values.database, values.connection);
} else {
  await driver();
}
