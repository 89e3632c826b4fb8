/**
 * A measurement, not a test: the Entra ID pull sync end to end into a real PostgreSQL.
 *   npx tsx bench/entra-sync.ts [--users 100000 --groups 2000 --memberships 300000 --changes 100]
 *   (server: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * The driver (this process) creates a scratch database, serves a generated directory from the Graph fake and makes
 * the incremental changes; each sync runs in a child process (`--child`), so the RSS reported is the sync's
 * alone: Graph client, mapping and database writes, without the fake's directory. The database is dropped after.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { createFakeGraph, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_TENANT_ID } from '../connectors/fake-graph/fake-graph.js';
import { generateDirectory } from '../connectors/fake-graph/generate-directory.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { SyncOutcome } from '../src/features/directory/entra-sync-service.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';

const { values } = parseArgs({
  options: {
    child: { type: 'boolean', default: false },
    database: { type: 'string' },
    connection: { type: 'string' },
    users: { type: 'string', default: '100000' },
    groups: { type: 'string', default: '2000' },
    memberships: { type: 'string', default: '300000' },
    changes: { type: 'string', default: '100' },
  },
});

const SECRET_KEY = process.env.BENCH_SECRET_KEY ?? randomBytes(32).toString('base64');
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

interface ChildReport {
  ms: number;
  peakRssMb: number;
  outcome: SyncOutcome;
}

/** Child: one sync of one connection, timed from the call to its return; peak RSS from the OS. */
async function child(databaseUrl: string, connectionId: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET_KEY, LOG_LEVEL: 'warn', NODE_ENV: 'production' });
  const container = await createContainer(config, createLogger(config.LOG_LEVEL));
  const profile = new Map<string, { count: number; ms: number }>();
  if (process.env.BENCH_PROFILE) {
    // Where the time goes, by statement: total milliseconds per SQL prefix, printed to stderr.
    const started = new Map<string, number>();
    const knex = container.database.knex;
    knex.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
    knex.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
      const key = q.sql.replace(/\s+/g, ' ').slice(0, 90);
      const entry = profile.get(key) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - (started.get(q.__knexQueryUid) ?? performance.now());
      started.delete(q.__knexQueryUid);
      profile.set(key, entry);
    });
  }
  try {
    const started = performance.now();
    const outcome = await container.directory.sync.run(connectionId, { trigger: 'cli' });
    for (const [sql, { count, ms }] of [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
      process.stderr.write(`${Math.round(ms).toString().padStart(7)} ms ${String(count).padStart(6)}x ${sql}\n`);
    }
    const ms = Math.round(performance.now() - started);
    const report: ChildReport = { ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await container.close();
  }
}

function runChild(databaseUrl: string, connectionId: string): Promise<ChildReport> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, '--child', '--database', databaseUrl, '--connection', connectionId], {
      env: { ...process.env, BENCH_SECRET_KEY: SECRET_KEY },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`sync child exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

function summary(label: string, report: ChildReport): string {
  if (report.outcome.status !== 'done') return `${label}: connection busy`;
  const r = report.outcome.run;
  return (
    `${label}: ${(report.ms / 1000).toFixed(2)} s, peak RSS ${report.peakRssMb} MB, status ${r.status}, ${r.pages} pages, ` +
    `${r.created} created, ${r.updated} updated, ${r.suspended} suspended, ${r.reactivated} reactivated, ${r.groups} groups, ` +
    `${r.membershipsAdded} memberships added, ${r.membershipsRemoved} removed${r.errorCode ? `, error ${r.errorCode}: ${r.errorMessage}` : ''}`
  );
}

async function driver(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `seatsync_bench_entra_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const users = Number(values.users);
  const directory = generateDirectory({ users, groups: Number(values.groups), memberships: Number(values.memberships), seed: 1 });
  const fake = createFakeGraph({ directory });
  const server = await fake.listen();
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET_KEY, LOG_LEVEL: 'warn' });
  const container = await createContainer(config, createLogger(config.LOG_LEVEL));
  try {
    await migrateToLatest(container.database.knex);
    const tenant = await createTenant(container, 'bench');
    // The incremental step suspends some users; keep the mass-change hold out of the measurement.
    await container.database.knex('tenants').where({ id: tenant.tenantId }).update({ mass_change_threshold: 1_000_000 });
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
    console.log(`directory: ${directory.userCount} users, ${directory.groupCount} groups, ${values.memberships} memberships; database ${name}`);

    const full = await runChild(databaseUrl, connection.id);
    console.log(summary('full sync', full));

    // 100 changes: updates, disables, deletions, new users, membership adds and removals.
    const changes = Number(values.changes);
    const groupIds = Array.from({ length: directory.groupCount }, (_, i) => directory.groupIdAt(i));
    for (let i = 0; i < changes; i += 1) {
      const userId = directory.userIdAt((i * 7919) % users);
      const groupId = groupIds[i % groupIds.length] ?? '';
      switch (i % 5) {
        case 0:
          directory.updateUser(userId, { jobTitle: `Changed ${i}`, mobilePhone: `+46 70 000 ${String(i).padStart(4, '0')}` });
          break;
        case 1:
          directory.disableUser(userId);
          break;
        case 2:
          directory.deleteUser(userId);
          break;
        case 3:
          directory.addMembers(groupId, [directory.addUser({ userPrincipalName: `new${i}@contoso.example`, mail: `new${i}@contoso.example`, displayName: `New ${i}` }).id]);
          break;
        default: {
          const member = directory.groupMembers(groupId)[0];
          if (member) directory.removeMembers(groupId, [member]);
          else directory.addMembers(groupId, [userId]);
        }
      }
    }
    const incremental = await runChild(databaseUrl, connection.id);
    console.log(summary(`incremental (${changes} changes)`, incremental));
    console.log(
      JSON.stringify({
        fullSeconds: full.ms / 1000,
        fullPeakRssMb: full.peakRssMb,
        incrementalSeconds: incremental.ms / 1000,
        incrementalPeakRssMb: incremental.peakRssMb,
        driverRssMb: mb(process.memoryUsage().rss),
      }),
    );
  } finally {
    await container.close();
    await server.close();
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  }
}

if (values.child) {
  if (!values.database || !values.connection) throw new Error('--child needs --database and --connection');
  await child(values.database, values.connection);
} else {
  await driver();
}
