import express from 'express';
import type { Container } from '../container.js';
import { readinessProbe } from '../db/readiness-probe.js';
import { listen, type HttpServer } from './http-server.js';

export interface WorkerState {
  /** The job runner has started (it waits for `seatsync migrate` before that). */
  isRunning(): boolean;
  isStopping(): boolean;
}

/**
 * The health port of a `seatsync worker` (WORKER_HEALTH_PORT): a worker serves no other HTTP, and an
 * orchestrator needs something to ask. /healthz: the process and its event loop answer. /readyz: the job runner
 * runs, the database answers and its schema is current, and the process is not shutting down. Nothing else is
 * served on this port.
 */
export async function listenWorkerHealth(
  container: Container,
  port: number,
  state: WorkerState,
): Promise<HttpServer> {
  const { config, database, logger } = container;
  const probe = readinessProbe(config, database);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', role: 'worker' });
  });
  app.get('/readyz', async (_req, res) => {
    if (state.isStopping()) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    const readiness = await probe();
    if (readiness !== 'ready') {
      res.status(503).json({
        status: 'unavailable',
        reason:
          readiness === 'unreachable'
            ? 'database unreachable'
            : 'database migrations are pending: run `seatsync migrate`',
      });
      return;
    }
    if (!state.isRunning()) {
      res.status(503).json({ status: 'unavailable', reason: 'job runner not started' });
      return;
    }
    res.json({ status: 'ready', role: 'worker', database: database.mode });
  });
  app.use((_req, res) => {
    res.status(404).json({ status: 'not found' });
  });
  const server = await listen(app, port, config.HOST, logger);
  logger.info({ port }, 'worker health port is listening');
  return server;
}
