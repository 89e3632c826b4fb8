import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, publicUrl } from './config.js';
import { createContainer, type Container } from './container.js';
import { migrateToLatest, migrationsAreCurrent } from './db/migrate.js';
import { createApp } from './http/app.js';
import { listen } from './http/http-server.js';
import { listenWorkerHealth } from './http/worker-health.js';
import { createLogger } from './logger.js';
import { bootstrapFirstTenant } from './operator.js';

export type ProcessRole = 'serve' | 'worker' | 'start';

/**
 * Runs seatsync: `serve` (HTTP), `worker` (jobs) or `start` (both, the default for trying it out). On the
 * embedded database, or with `start`, migrations run first; `serve` and `worker` on a shared server expect
 * `seatsync migrate` to have run: until then `serve` answers /readyz 503 and `worker` waits.
 * A reason not to start (bad setting, port in use, DATA_DIR in use) is a StartupError: the CLI prints it and exits 1.
 */
export async function run(role: ProcessRole): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const container = await createContainer(config, logger);
  let stopping = false;
  const stops: Array<() => Promise<void>> = [];
  // Runs until its first await before the signal handlers below are registered; no signal is handled before then.
  const starting = (async () => {
    if (container.database.mode === 'embedded' || role === 'start') {
      const applied = await migrateToLatest(container.database.knex);
      if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    }
    const current = await migrationsAreCurrent(container.database.knex).catch(() => false);
    if (!current)
      logger.warn('database migrations are pending: run `seatsync migrate` (/readyz answers 503)');
    if (role !== 'worker') stops.push(await serveHttp(container, () => stopping));
    if (role !== 'serve') stops.push(await startWorker(container, () => stopping, role));
    if (current) {
      const first = await bootstrapFirstTenant(container);
      if (first) printFirstStart(publicUrl(config), first.scimToken, first.adminToken);
    }
  })();
  const started = starting.then(
    () => true,
    () => false,
  );
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, deadlineMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down: draining requests');
    // A signal during start-up waits for it; a start-up that failed has closed what it opened and the CLI exits 1.
    if (!(await started)) return;
    // HTTP first (answers what it has received), then the job runner, then the database.
    for (const stop of stops) await stop();
    await container.close();
    logger.info('stopped');
    process.exit(0);
  };
  // In place while start-up runs: a SIGTERM while the health port already answers, or while the first tenant is
  // still being created, is a clean stop and not the default death by signal.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await starting;
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    await container.close();
    throw error;
  }
}

async function serveHttp(container: Container, isStopping: () => boolean): Promise<() => Promise<void>> {
  const { config, logger } = container;
  const app = createApp(container, { isStopping });
  const http = await listen(app, config.PORT, config.HOST, logger);
  logger.info({ port: config.PORT, database: container.database.mode }, 'seatsync is listening');
  return async () => {
    const { forced } = await http.drain(config.SHUTDOWN_TIMEOUT_MS);
    logger.info({ forced }, 'HTTP drained');
  };
}

async function startWorker(
  container: Container,
  isStopping: () => boolean,
  role: ProcessRole,
): Promise<() => Promise<void>> {
  const { createJobRunner } = await import('./jobs/job-runner.js');
  const runner = await createJobRunner(container);
  // A worker started before `seatsync migrate` waits for it (Agenda's table comes from a migration).
  let started = false;
  // `start` answers health on its HTTP port; only a lone worker opens the health port.
  const health =
    role !== 'worker' || container.config.WORKER_HEALTH_PORT === undefined
      ? undefined
      : await listenWorkerHealth(container, container.config.WORKER_HEALTH_PORT, {
          isRunning: () => started,
          isStopping,
        });
  const waiting = (async () => {
    while (!(await migrationsAreCurrent(container.database.knex).catch(() => false))) {
      if (isStopping()) return;
      container.logger.warn('job runner waiting: database migrations are pending (run `seatsync migrate`)');
      await sleep(5_000);
    }
    if (isStopping()) return;
    await runner.start();
    started = true;
  })();
  if (await migrationsAreCurrent(container.database.knex).catch(() => false)) await waiting;
  else
    waiting.catch((error: unknown) => container.logger.error({ err: error }, 'job runner failed to start'));
  return async () => {
    await waiting.catch(() => undefined);
    if (started) await runner.stop();
    await health?.drain(container.config.SHUTDOWN_TIMEOUT_MS);
  };
}

function printFirstStart(baseUrl: string, scimToken: string, adminToken: string): void {
  process.stdout.write(
    [
      '',
      'seatsync created the tenant "default". These tokens are shown once; store them now.',
      '',
      `  Admin console:               ${baseUrl}/  (sign in with the admin token below)`,
      `  SCIM base URL (Tenant URL):  ${baseUrl}/scim/v2`,
      `  SCIM token (Secret Token):   ${scimToken}`,
      `  Admin token (owner):         ${adminToken}`,
      '',
      'More tenants and tokens: npx seatsync tenant create <name> | npx seatsync token create --tenant <name> --kind scim',
      '',
    ].join('\n') + '\n',
  );
}
