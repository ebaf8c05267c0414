/**
 * Starts a shop backend (scripts/backend.ts) as its own process: the instances of
 * `SHOP_INSTANCES=2 pnpm demo:start`, and of the multi-instance tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running shop backend process. */
export interface ShopProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies wherever it is, as on a crash. */
  kill(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./backend.ts', import.meta.url));

/**
 * Starts a shop backend process with these environment settings.
 *
 * @example
 * ```ts
 * const shop = await spawnShop({ SHOP_DB: file });
 * ```
 */
export function spawnShop(env: Record<string, string>): Promise<ShopProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        pid: child.pid!,
        child,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      reject(new Error(`the shop process exited with ${code} before it listened:\n${stderr}`));
    });
  });
}
