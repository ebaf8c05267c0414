/**
 * Every route of the emulator's API surfaces (data storage, frontend init, backend).
 */
import type { Route } from '../context.ts';
import type { ApiContext } from './api-context.ts';
import { backendRoute } from './backend/route.ts';
import { dataStorageInitRoute } from './data-storage-init.ts';
import { dataStorageReadRoute } from './data-storage-read.ts';
import { frontendInitRoute } from './frontend-init.ts';

/**
 * The API routes, for `server.ts`.
 *
 * @example
 * ```ts
 * const routes = [...apiRoutes(ctx), ...browserRoutes(ctx)];
 * ```
 */
export function apiRoutes(ctx: ApiContext): Route[] {
  return [
    dataStorageInitRoute(ctx),
    dataStorageReadRoute(ctx),
    frontendInitRoute(ctx),
    backendRoute(ctx),
  ];
}
