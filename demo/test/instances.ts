/**
 * Starts shop backends as separate processes (scripts/backend.ts) and reads their memory from
 * /proc, so a test sees what a second instance or the kernel sees, not this process's view.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

const SCRIPT = fileURLToPath(new URL('../scripts/backend.ts', import.meta.url));

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

/**
 * Resident memory of a process in bytes, now (`VmRSS`) and at its peak (`VmHWM`).
 *
 * @example
 * ```ts
 * const { peak } = memoryOf(shop.pid);
 * ```
 */
export function memoryOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { now: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

/**
 * Resets the peak resident memory the kernel reports (`VmHWM`) to the current figure.
 *
 * @example
 * ```ts
 * resetPeak(shop.pid);
 * ```
 */
export function resetPeak(pid: number): void {
  // Writing 5 to clear_refs resets the peak RSS (proc(5)).
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
