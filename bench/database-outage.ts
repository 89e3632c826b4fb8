/**
 * `npm run bench:outage`: what clients see while the database is cut and after it returns. `seatsync serve` runs as
 * a child process with the default timeouts (DB_QUERY_TIMEOUT_MS, hence REQUEST_TIMEOUT_MS, 10 s) and reaches a
 * fresh database on a PostgreSQL server through a TCP proxy in this process (test/helpers/database-proxy.ts).
 * CLIENTS clients send SCIM requests in a loop (a create, then a filtered read) while /readyz is asked every
 * READY_POLL_MS. Two outages, each OUTAGE_MS long with RECOVERY_MS after it:
 * - down: every database connection cut and connects refused (a crashed or restarting server);
 * - hung: connections accepted but nothing answered (a hung server or a dead network path), ended as a restarted
 *   server would end it, by cutting the hung connections.
 * Reported per outage: the slowest request and readiness check against the request timeout, answers by status,
 * and, from the moment the database is back, how long until /readyz answers ready and until the first create and
 * read succeed. Needs BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { DatabaseProxy } from '../test/helpers/database-proxy.js';
import { benchConfig } from './bench-config.js';
import { BenchDatabase } from './bench-database.js';
import { freePort, startChildServer } from './child-server.js';
import { describeMachine } from './machine.js';

const CLIENTS = 16;
const WARMUP_MS = 5_000;
const OUTAGE_MS = 15_000;
const RECOVERY_MS = 15_000;
const READY_POLL_MS = 100;
/** seatsync's defaults, stated so the report can compare against them. */
const REQUEST_TIMEOUT_MS = 10_000;
/** A client gives up only far beyond any bound seatsync should keep, so a slow answer is measured, not cut. */
const CLIENT_TIMEOUT_MS = 120_000;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Sample {
  kind: 'create' | 'read' | 'readyz';
  started: number;
  ended: number;
  /** HTTP status, or 0 when the request failed without one. */
  status: number;
}

async function timed(kind: Sample['kind'], url: string, init: RequestInit, into: Sample[]): Promise<void> {
  const started = Date.now();
  let status = 0;
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    // Counted as status 0.
  }
  into.push({ kind, started, ended: Date.now(), status });
}

interface Outage {
  name: string;
  cutAt: number;
  backAt: number;
}

function report(outage: Outage, samples: Sample[]) {
  const during = samples.filter((s) => s.ended >= outage.cutAt && s.started <= outage.backAt);
  const slowest = (kind: (s: Sample) => boolean) =>
    Math.max(0, ...during.filter(kind).map((s) => s.ended - s.started));
  const firstOk = (kind: Sample['kind'], status: number) => {
    const ok = samples
      .filter((s) => s.kind === kind && s.status === status && s.started >= outage.backAt)
      .sort((a, b) => a.ended - b.ended)[0];
    return ok ? ok.ended - outage.backAt : Number.NaN;
  };
  const statuses: Record<string, number> = {};
  for (const s of during.filter((x) => x.kind !== 'readyz'))
    statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  return {
    outage: outage.name,
    slowestRequestMs: slowest((s) => s.kind !== 'readyz'),
    slowestReadyzMs: slowest((s) => s.kind === 'readyz'),
    answersDuringOutage: statuses,
    readyAfterMs: firstOk('readyz', 200),
    firstCreateAfterMs: firstOk('create', 201),
    firstReadAfterMs: firstOk('read', 200),
  };
}

async function main(): Promise<void> {
  const database = new BenchDatabase(benchConfig.serverUrl, `${benchConfig.databaseName}_outage`);
  const machine = describeMachine(await database.serverVersion(), repoRoot);
  await database.recreate();
  const container = await createContainer(
    loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'warn', DB_POOL_MAX: '2' }),
    createLogger('warn'),
  );
  const target = new URL(database.url);
  const proxy = new DatabaseProxy(target.hostname, Number(target.port || 5432));
  let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
  try {
    await migrateToLatest(container.database.knex);
    const tenant = await createTenant(container, 'bench-outage');
    await proxy.start();
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    server = await startChildServer({
      name: 'seatsync',
      args: ['bin/seatsync.js', 'serve'],
      cwd: repoRoot,
      port: await freePort(),
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: proxied.toString(),
        HOST: '127.0.0.1',
        RATE_LIMIT_PER_SECOND: '0',
        LOG_LEVEL: 'error',
      },
    });
    const base = server.baseUrl;
    const headers = { Authorization: `Bearer ${tenant.scimToken}`, 'Content-Type': 'application/scim+json' };
    const samples: Sample[] = [];
    let running = true;
    let created = 0;
    const client = async (n: number) => {
      while (running) {
        created += 1;
        const userName = `outage-${n}-${created}@bench.example`;
        await timed(
          'create',
          `${base}/scim/v2/Users`,
          {
            method: 'POST',
            headers,
            body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
          },
          samples,
        );
        const filter = encodeURIComponent(`userName eq "${userName}"`);
        await timed('read', `${base}/scim/v2/Users?filter=${filter}`, { headers }, samples);
      }
    };
    const readiness = async () => {
      while (running) {
        await timed('readyz', `${base}/readyz`, {}, samples);
        await sleep(READY_POLL_MS);
      }
    };
    const load = [...Array.from({ length: CLIENTS }, (_, n) => client(n)), readiness()];
    const outages: Outage[] = [];
    await sleep(WARMUP_MS);

    let cutAt = Date.now();
    await proxy.down();
    await sleep(OUTAGE_MS);
    await proxy.up();
    outages.push({ name: 'down (connections cut, connects refused)', cutAt, backAt: Date.now() });
    await sleep(RECOVERY_MS);

    cutAt = Date.now();
    proxy.blackhole();
    await sleep(OUTAGE_MS);
    await proxy.down();
    await proxy.up();
    outages.push({ name: 'hung (nothing answered), then restarted', cutAt, backAt: Date.now() });
    await sleep(RECOVERY_MS);

    running = false;
    await Promise.all(load);
    const results = outages.map((o) => report(o, samples));
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine,
          load: loadavg().map((l) => Number(l.toFixed(2))),
          clients: CLIENTS,
          outageMs: OUTAGE_MS,
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
          requests: samples.filter((s) => s.kind !== 'readyz').length,
          results,
        },
        null,
        2,
      ),
    );
  } finally {
    await server?.stop();
    await proxy.stop();
    await container.close();
    await database.drop();
  }
}

await main();
