import type { AdminRoute } from '../define-route.js';
import { assignmentRoutes } from './assignment-routes.js';
import { catalogRoutes } from './catalog-routes.js';
import { numberRoutes } from './number-routes.js';
import { seatRoutes } from './seat-routes.js';

/** The licensing part of the admin API: catalog, seats, assignments, numbers and port orders. */
export const licensingRoutes: readonly AdminRoute[] = [
  ...catalogRoutes,
  ...seatRoutes,
  ...assignmentRoutes,
  ...numberRoutes,
];
