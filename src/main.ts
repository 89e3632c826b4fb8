import type { Server } from 'node:http';
import { loadConfig, publicUrl } from './config.js';
import { createContainer, type Container } from './container.js';
import { migrateToLatest } from './db/migrate.js';
import { createApp } from './http/app.js';
import { createLogger } from './logger.js';
import { bootstrapFirstTenant } from './operator.js';

export type ProcessRole = 'serve' | 'worker' | 'start';

/**
 * Runs seatsync: `serve` (HTTP), `worker` (jobs) or `start` (both, the default for trying it out). On the
 * embedded database, or with `start`, migrations run first; `serve` and `worker` on a shared server expect
 * `seatsync migrate` to have run (their /readyz says so otherwise).
 */
export async function run(role: ProcessRole): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const container = await createContainer(config, logger);
  if (container.database.mode === 'embedded' || role === 'start') {
    const applied = await migrateToLatest(container.database.knex);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  }
  const stops: Array<() => Promise<void>> = [];
  if (role !== 'worker') stops.push(await serveHttp(container));
  if (role !== 'serve') stops.push(await startWorker(container));
  const first = await bootstrapFirstTenant(container);
  if (first) printFirstStart(publicUrl(config), first.scimToken, first.adminToken);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) await stop();
    await container.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function serveHttp(container: Container): Promise<() => Promise<void>> {
  const { config, logger } = container;
  const app = createApp(container);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  // Keep-alive longer than typical load balancers' idle timeout, so they never reuse a closed connection.
  server.keepAliveTimeout = 65_000;
  logger.info({ port: config.PORT, database: container.database.mode }, 'seatsync is listening');
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
}

async function startWorker(container: Container): Promise<() => Promise<void>> {
  const { createJobRunner } = await import('./jobs/job-runner.js');
  const runner = await createJobRunner(container);
  await runner.start();
  return () => runner.stop();
}

function printFirstStart(baseUrl: string, scimToken: string, adminToken: string): void {
  process.stdout.write(
    [
      '',
      'seatsync created the tenant "default". These tokens are shown once; store them now.',
      '',
      `  SCIM base URL (Tenant URL):  ${baseUrl}/scim/v2`,
      `  SCIM token (Secret Token):   ${scimToken}`,
      `  Admin token (owner):         ${adminToken}`,
      '',
      'More tenants and tokens: npx seatsync tenant create <name> | npx seatsync token create --tenant <name> --kind scim',
      '',
    ].join('\n') + '\n',
  );
}
