import type { AdminRoute } from './define-route.js';
import { directoryRoutes } from './directory/directory-routes.js';
import { eventRoutes } from './events/event-routes.js';
import { assignmentRoutes } from './assignments/assignment-routes.js';
import { catalogRoutes } from './catalog/catalog-routes.js';
import { numberRoutes } from './numbers/number-routes.js';
import { seatRoutes } from './seats/seat-routes.js';
import { fileRoutes } from './files/file-routes.js';
import { groupRoutes } from './groups/group-routes.js';
import { ruleRoutes } from './rules/rule-routes.js';
import { settingsRoutes } from './settings/settings-routes.js';
import { tokenRoutes } from './tokens/token-routes.js';
import { userRoutes } from './users/user-routes.js';
import { webhookRoutes } from './webhooks/webhook-routes.js';

/**
 * Every route of the admin API, in the order express matches them (a static path such as `/users/bulk` before
 * a parameter path with the same method). A feature adds its routes by appending its list here.
 */
export const adminRoutes: readonly AdminRoute[] = [
  ...userRoutes,
  ...directoryRoutes,
  ...ruleRoutes,
  ...groupRoutes,
  ...catalogRoutes,
  ...seatRoutes,
  ...assignmentRoutes,
  ...numberRoutes,
  ...fileRoutes,
  ...eventRoutes,
  ...tokenRoutes,
  ...settingsRoutes,
  ...webhookRoutes,
];
