import type { Route } from '../route.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './imports.js';
import { introductionRoutes } from './introductions.js';
import { matchingRoutes } from './matching.js';
import { meRoutes } from './me.js';
import { organizationRoutes } from './organizations.js';
import { sectorRoutes } from './sectors.js';
import { unsubscribeRoutes } from './unsubscribe.js';

/** The route table: everything the API serves under /v1 plus the probes, in documentation order. */
export const ROUTES: readonly Route[] = [
  ...organizationRoutes,
  ...importRoutes,
  ...matchingRoutes,
  ...introductionRoutes,
  ...sectorRoutes,
  ...unsubscribeRoutes,
  ...meRoutes,
  ...healthRoutes,
];
