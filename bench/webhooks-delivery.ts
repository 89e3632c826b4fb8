/**
 * `npm run bench:webhooks`: the webhook figure of issue 14 on a real PostgreSQL. 10,000 `user.created` events (from
 * the user service, so each went through the outbox writer in its transaction) wait in the outbox; two worker
 * processes (test/outbox/delivery-worker.ts, the dispatcher as `seatsync worker` runs it) deliver them to a local
 * receiver that verifies every signature with the standardwebhooks library. Measured: from enabling the endpoint
 * until the receiver holds every event (target < 30 s), and whether each arrived exactly once.
 *
 * A database of its own (seatsync_bench_webhooks_<random>) on BENCH_DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres) is created and dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import knexFactory, { type Knex } from 'knex';
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WORKERS = 2;
const BATCH_SIZE = process.env.OUTBOX_BATCH_SIZE ?? '100';
const TARGET_SECONDS = 30;
const DEADLINE_SECONDS = 300;
const SEED_PER_TRANSACTION = 500;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const SECRET_KEY = randomBytes(32).toString('base64');

const log = (message: string) =>
  console.log(`[bench:webhooks ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function onServer<T>(work: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: SERVER_URL, pool: { min: 0, max: 1 } });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

function startReceiver(secret: () => string) {
  const seen = new Map<string, number>();
  let verifyFailures = 0;
  let lastAt = 0;
  let onProgress: () => void = () => undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        new Webhook(secret()).verify(
          Buffer.concat(chunks).toString('utf8'),
          req.headers as Record<string, string>,
        );
      } catch {
        verifyFailures += 1;
        res.writeHead(401).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      lastAt = performance.now();
      res.writeHead(204).end();
      onProgress();
    });
  });
  return {
    server,
    seen,
    get verifyFailures() {
      return verifyFailures;
    },
    get lastAt() {
      return lastAt;
    },
    /** Resolves when `count` distinct ids have arrived. */
    until(count: number) {
      return new Promise<void>((resolve) => {
        onProgress = () => {
          if (seen.size >= count) resolve();
        };
        onProgress();
      });
    },
  };
}

function startWorker(databaseUrl: string, name: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/outbox/delivery-worker.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SECRET_KEY,
      WEBHOOK_ALLOW_TARGETS: 'private',
      DB_POOL_MAX: '4',
      LOG_LEVEL: 'warn',
      WORKER_NAME: name,
      OUTBOX_BATCH_SIZE: BATCH_SIZE,
      OUTBOX_POLL_MS: '200',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

async function main() {
  const name = `seatsync_bench_webhooks_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await onServer((admin) => admin.raw(`CREATE DATABASE ${name}`));
  let container: Container | undefined;
  const workers: ChildProcess[] = [];
  let secret = '';
  const receiver = startReceiver(() => secret);
  try {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      SECRET_KEY,
      WEBHOOK_ALLOW_TARGETS: 'private',
      LOG_LEVEL: 'warn',
    });
    container = await createContainer(config, createLogger('warn'));
    const { knex } = container.database;
    await migrateToLatest(knex);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const port = (receiver.server.address() as AddressInfo).port;
    const tenant = await createTenant(container, 'bench-webhooks');
    const actor = { type: 'cli' as const };
    const created = await knex.transaction((trx) =>
      container!.messages
        .webhooks(trx)
        .create(
          tenant.tenantId,
          { url: `http://127.0.0.1:${port}/hooks`, eventTypes: ['user.created'], enabled: true },
          actor,
        ),
    );
    secret = created.secret;
    const endpointId = created.endpoint.id;

    log(`seeding ${EVENTS} user.created events through the user service…`);
    const seedStarted = performance.now();
    for (let start = 0; start < EVENTS; start += SEED_PER_TRANSACTION) {
      await container.transaction(async (s) => {
        for (let i = start; i < Math.min(EVENTS, start + SEED_PER_TRANSACTION); i += 1)
          await s.users.create(
            tenant.tenantId,
            { userName: `bench-${i}@example.com`, active: true, profile: {} },
            'admin',
            actor,
          );
      });
    }
    log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    // Messages are written for enabled endpoints only, so it was enabled for the seed; paused now (claims skip a
    // disabled endpoint's messages) until both workers run and the clock starts.
    await knex('webhook_endpoints').where({ id: endpointId }).update({ enabled: false });
    const queued = Number((await knex('outbox').where({ endpoint_id: endpointId }).count({ n: '*' }))[0]!.n);

    log(`starting ${WORKERS} worker processes (batch ${BATCH_SIZE})…`);
    for (let i = 0; i < WORKERS; i += 1) {
      const w = startWorker(databaseUrl, `bench-worker-${i + 1}`);
      workers.push(w.child);
      await w.ready;
    }
    const load = loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
    const started = performance.now();
    await knex('webhook_endpoints').where({ id: endpointId }).update({ enabled: true });
    const deadline = setTimeout(() => {
      log(`deadline: ${receiver.seen.size}/${queued} after ${DEADLINE_SECONDS} s`);
      process.exit(1);
    }, DEADLINE_SECONDS * 1000);
    await receiver.until(queued);
    clearTimeout(deadline);
    const seconds = (receiver.lastAt - started) / 1000;

    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('exit', resolve))));
    const duplicates = [...receiver.seen.values()].filter((n) => n > 1).length;
    const perWorker = (
      await knex.raw('SELECT worker, count(*) AS n FROM outbox_attempts GROUP BY worker ORDER BY worker')
    ).rows as Array<{ worker: string; n: string }>;
    const delivered = Number(
      (await knex('outbox').where({ endpoint_id: endpointId, status: 'delivered' }).count({ n: '*' }))[0]!.n,
    );
    const attempts = Number((await knex('outbox_attempts').count({ n: '*' }))[0]!.n);
    const ok =
      receiver.seen.size === EVENTS && duplicates === 0 && delivered === EVENTS && seconds < TARGET_SECONDS;
    console.log(
      [
        '',
        `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${load}`,
        `events queued: ${queued}; received: ${receiver.seen.size} distinct, ${duplicates} duplicates, ${receiver.verifyFailures} bad signatures`,
        `delivered in ${seconds.toFixed(1)} s (${Math.round(EVENTS / seconds)}/s) by ${WORKERS} workers — target < ${TARGET_SECONDS} s`,
        `attempts logged: ${attempts}; per worker: ${perWorker.map((r) => `${r.worker} ${r.n}`).join(', ')}`,
        `outbox rows delivered: ${delivered}`,
        ok ? 'PASS' : 'FAIL',
      ].join('\n'),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    receiver.server.close();
    await container?.close();
    await onServer((admin) => admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await main();
