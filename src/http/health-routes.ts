import { Router } from 'express';
import type { Container } from '../container.js';
import { readinessProbe } from '../db/readiness-probe.js';
import type { HttpMetrics } from './metrics.js';

/**
 * /healthz: the process answers. /readyz: the database answers (on a connection of its own) and its schema is
 * current, and the process is not shutting down. /metrics: Prometheus.
 */
export function healthRoutes(
  container: Container,
  metrics: HttpMetrics,
  isStopping: () => boolean = () => false,
): Router {
  const router = Router();
  const probe = readinessProbe(container.config, container.database);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isStopping()) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    const readiness = await probe();
    if (readiness === 'migrations_pending') {
      res
        .status(503)
        .json({ status: 'unavailable', reason: 'database migrations are pending: run `seatsync migrate`' });
      return;
    }
    if (readiness === 'unreachable') {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
      return;
    }
    res.json({ status: 'ready', database: container.database.mode });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
