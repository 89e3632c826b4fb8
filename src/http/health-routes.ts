import { Router } from 'express';
import type { Container } from '../container.js';
import { migrationsAreCurrent } from '../db/migrate.js';
import type { HttpMetrics } from './metrics.js';

/** /healthz: the process answers. /readyz: the database answers and its schema is current. /metrics: Prometheus. */
export function healthRoutes(container: Container, metrics: HttpMetrics): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await container.database.knex.raw('SELECT 1');
      if (!(await migrationsAreCurrent(container.database.knex))) {
        res
          .status(503)
          .json({ status: 'unavailable', reason: 'database migrations are pending: run `seatsync migrate`' });
        return;
      }
      res.json({ status: 'ready', database: container.database.mode });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
