/**
 * Every route of the emulator's browser side; `server.ts` mounts them.
 */
import type { EmulatorContext, Route } from '../context.ts';
import { dataStorageRoutes } from './data-storage-routes.ts';
import { paymentRoutes } from './payment-routes.ts';

/**
 * The data-storage script, store endpoint, SAQ-A iframe, assets and payment pages.
 *
 * @example
 * ```ts
 * const routes = [...apiRoutes(ctx), ...browserRoutes(ctx)];
 * ```
 */
export function browserRoutes(ctx: EmulatorContext): Route[] {
  return [...dataStorageRoutes(ctx), ...paymentRoutes(ctx)];
}
