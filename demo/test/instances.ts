/**
 * Shop backends as separate processes (scripts/spawn-backend.ts), and their memory as the kernel
 * reports it, so a test sees what a second instance or the kernel sees.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export { type ShopProcess, spawnShop } from '../scripts/spawn-backend.ts';

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
