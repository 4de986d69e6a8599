import type { ApiRouteDef } from '../api/routes.js';
import {
  fleetOverrideSchema,
  instanceListQuerySchema,
  instanceListResponseSchema,
  overrideRequestSchema,
  overrideResponseSchema,
} from './fleet.schema.js';
import { z } from 'zod';

const OVERRIDE = '/environments/{env}/services/{service}/breakers/{name}/override';

/** REST routes of the instance registry and fleet-wide overrides (part of API_ROUTES). */
export const FLEET_ROUTES = {
  listInstances: {
    method: 'get',
    path: '/environments/{env}/instances',
    summary: 'SDK instances of an environment: connection, applied revision, NACKs; drift per breaker; overrides',
    tag: 'fleet',
    access: { minRole: 'viewer' },
    query: instanceListQuerySchema,
    status: 200,
    response: instanceListResponseSchema,
  },
  listOverrides: {
    method: 'get',
    path: '/environments/{env}/overrides',
    summary: 'Fleet-wide overrides in force',
    tag: 'fleet',
    access: { minRole: 'viewer' },
    query: instanceListQuerySchema,
    status: 200,
    response: z.object({ items: z.array(fleetOverrideSchema) }),
  },
  setOverride: {
    method: 'post',
    path: OVERRIDE,
    summary: 'Force a breaker open or closed on every instance of the service (until cleared), or reset it once',
    tag: 'fleet',
    access: { minRole: 'editor' },
    body: overrideRequestSchema,
    status: 200,
    response: overrideResponseSchema,
  },
  clearOverride: {
    method: 'delete',
    path: OVERRIDE,
    summary: 'Clear the override of a breaker: instances go back to normal operation',
    tag: 'fleet',
    access: { minRole: 'editor' },
    status: 200,
    response: overrideResponseSchema,
  },
} as const satisfies Record<string, ApiRouteDef>;
