import type { AdminRoute } from '../define-route.js';
import { exportRoutes } from './export-routes.js';
import { importRoutes } from './import-routes.js';

/** Imports and exports of users, licenses, numbers and the audit log as CSV and XLSX files. */
export const fileRoutes: readonly AdminRoute[] = [...importRoutes, ...exportRoutes];
