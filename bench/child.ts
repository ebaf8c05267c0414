/**
 * Helper processes of the bench (the confirm endpoint, the load generator, the emulator): each is
 * a TypeScript file run through tsx with an IPC channel, so its memory and CPU are its own.
 */
import { type ChildProcess, fork } from 'node:child_process';

/** A forked helper: ask it something and wait for the answer, or stop it. */
export interface Child {
  /** Sends `message` and resolves with the next message the child sends (bounded by `timeoutMs`). */
  ask<T>(message: unknown, timeoutMs?: number): Promise<T>;
  /** Resolves with the child's next message. */
  next<T>(timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Forks `file` (relative to this folder) with tsx and the given Node flags.
 *
 * @example
 * ```ts
 * const server = startChild('confirm-server.ts');
 * const ports = await server.next<{ confirmPort: number }>();
 * ```
 */
export function startChild(file: string, nodeFlags: string[] = []): Child {
  const child: ChildProcess = fork(new URL(file, import.meta.url).pathname, [], {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(timeoutMs = 30_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${file} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: unknown) => {
        cleanup();
        resolve(message as T);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${file} exited (${code}) before answering`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  return {
    next,
    ask(message, timeoutMs) {
      const answer = next<never>(timeoutMs);
      child.send(message as object);
      return answer;
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

/** What the servers report about their memory (bytes). */
export interface MemoryReport {
  rss: number;
  /** Peak resident set size of the process so far (`process.resourceUsage().maxRSS`). */
  maxRss: number;
}

/**
 * This process's memory, as the helper servers report it.
 *
 * @example
 * ```ts
 * process.send?.(memoryReport());
 * ```
 */
export function memoryReport(): MemoryReport {
  return { rss: process.memoryUsage.rss(), maxRss: process.resourceUsage().maxRSS * 1024 };
}
