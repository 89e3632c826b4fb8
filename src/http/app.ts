import SCIMMY from 'scimmy';
import express, { type Express } from 'express';
import type { Container } from '../container.js';
import { publicUrl } from '../config.js';
import { adminRouter } from './admin/admin-router.js';
import { consoleRoutes } from './console.js';
import { healthRoutes } from './health-routes.js';
import { HttpMetrics } from './metrics.js';
import { requestDeadline } from './request-deadline.js';
import { requestLogging } from './request-logging.js';
import { noStore, securityHeaders } from './security-headers.js';
import { scimRouter } from './scim/scim-router.js';
import { declareScimSchemas } from '../lib/scim-schema/scim-schemas.js';

/** Builds the HTTP application (no listen), so tests drive it with supertest. */
export function createApp(container: Container, options: { isStopping?: () => boolean } = {}): Express {
  const baseUrl = publicUrl(container.config);
  declareScimSchemas();
  // scimmy's base path is process-wide; it is the same for every tenant (tenants are told apart by token).
  for (const Resource of [
    SCIMMY.Resources.Schema,
    SCIMMY.Resources.ResourceType,
    SCIMMY.Resources.ServiceProviderConfig,
  ]) {
    Resource.basepath(`${baseUrl}/scim/v2`);
  }
  for (const Resource of Object.values(SCIMMY.Resources.declared())) Resource.basepath(`${baseUrl}/scim/v2`);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const metrics = new HttpMetrics();
  app.use(requestLogging(container.logger, metrics));
  app.use(securityHeaders(baseUrl));
  app.use(
    requestDeadline(
      container.config.REQUEST_TIMEOUT_MS ?? container.config.DB_QUERY_TIMEOUT_MS,
      container.logger,
    ),
  );
  app.use(healthRoutes(container, metrics, options.isStopping));
  app.use('/scim/v2', noStore, scimRouter(container, baseUrl));
  app.use('/api/v1', noStore, adminRouter(container, baseUrl));
  app.use(consoleRoutes());
  app.use((_req, res) => {
    res.status(404).json({ title: 'Not found', status: 404 });
  });
  return app;
}
