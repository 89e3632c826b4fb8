import { Router } from 'express';
import type { Container } from '../container.js';
import { readinessProbe } from '../db/readiness-probe.js';
import { readOperationalFigures } from '../features/operations/operational-figures.js';
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
  router.get('/metrics', async (req, res) => {
    try {
      metrics.setOperational(await readOperationalFigures(container.database.knex));
    } catch (error) {
      // The process metrics still answer when the database does not; the gauges keep their last reading.
      req.log.warn({ err: error }, 'could not read the operational figures');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
