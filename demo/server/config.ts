/**
 * Where the shop's settings come from: the environment. Without `QENTA_*` variables the shop
 * talks to the local emulator with the gateway's demo account (qenta-protocol §8).
 */

/** The gateway account the shop uses. */
export interface GatewaySettings {
  /** `emulator`: the local one `pnpm demo` starts; `real`: from the `QENTA_*` variables. */
  mode: 'emulator' | 'real';
  baseUrl?: string;
  customerId: string;
  shopId?: string;
  secret: string;
  backendPassword?: string;
}

/** The demo account of the gateway's docs (qenta-protocol §8); the emulator knows it too. */
export const DEMO_ACCOUNT = {
  customerId: 'D200001',
  shopId: 'qmore',
  secret: 'B8AKTPWBRMNBV455FG6M2DANE99WU2',
  backendPassword: 'jcv45z',
} as const;

const REAL_VARIABLES = [
  'QENTA_BASE_URL',
  'QENTA_CUSTOMER_ID',
  'QENTA_SHOP_ID',
  'QENTA_SECRET',
  'QENTA_BACKEND_PASSWORD',
] as const;
const REQUIRED_REAL = ['QENTA_BASE_URL', 'QENTA_CUSTOMER_ID', 'QENTA_SECRET'] as const;

/**
 * Reads the gateway settings. Any `QENTA_*` variable switches to the real gateway; then
 * `QENTA_BASE_URL`, `QENTA_CUSTOMER_ID` and `QENTA_SECRET` are required.
 *
 * @example
 * ```ts
 * const gateway = gatewayFromEnv(process.env);
 * if (gateway.mode === 'emulator') startEmulator();
 * ```
 */
export function gatewayFromEnv(env: NodeJS.ProcessEnv): GatewaySettings {
  const given = REAL_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) return { mode: 'emulator', ...DEMO_ACCOUNT };
  const missing = REQUIRED_REAL.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `To use a real gateway set ${REQUIRED_REAL.join(', ')} (and QENTA_SHOP_ID, QENTA_BACKEND_PASSWORD as your account needs). Missing: ${missing.join(', ')}. Unset every QENTA_* variable to use the local emulator.`,
    );
  }
  return {
    mode: 'real',
    baseUrl: env.QENTA_BASE_URL!,
    customerId: env.QENTA_CUSTOMER_ID!,
    secret: env.QENTA_SECRET!,
    ...(env.QENTA_SHOP_ID ? { shopId: env.QENTA_SHOP_ID } : {}),
    ...(env.QENTA_BACKEND_PASSWORD ? { backendPassword: env.QENTA_BACKEND_PASSWORD } : {}),
  };
}

/**
 * A port from an environment variable, or the default; a clear error when it is not one.
 *
 * @example
 * ```ts
 * portFromEnv(process.env, 'SHOP_PORT', 8787);
 * ```
 */
export function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (0-65535), not "${value}".`);
  }
  return port;
}
