/**
 * Clocks for the emulator: the real one, and a manual one for tests, so data-storage lifetimes,
 * confirm retries and abandoned payment pages (qenta-protocol §10, design.md "Decisions") can be
 * tested without waiting.
 */
import type { Clock } from './context.ts';

/**
 * The wall clock (`Date.now`, `setTimeout`). Timers are unref'd so they never keep a process
 * alive on their own.
 *
 * @example
 * ```ts
 * const emulator = await createEmulator({ clock: systemClock() });
 * ```
 */
export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const timer = setTimeout(callback, ms);
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
  };
}

/** A {@link Clock} that only moves when told to. */
export interface ManualClock extends Clock {
  /** Moves time forward and runs every timer that falls due, in due order. */
  advance(ms: number): void;
  /** Timers not yet fired nor cancelled. */
  pendingTimers(): number;
}

interface ManualTimer {
  due: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A manual clock for tests: `now()` starts at `start` and only changes through `advance()`;
 * timers fire synchronously inside `advance()`.
 *
 * @example
 * ```ts
 * const clock = manualClock();
 * const emulator = await createEmulator({ clock });
 * clock.advance(31 * 60_000); // data storages created before are now expired
 * ```
 */
export function manualClock(options: { start?: number } = {}): ManualClock {
  let now = options.start ?? Date.UTC(2026, 0, 1, 12, 0, 0);
  let seq = 0;
  const timers: ManualTimer[] = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer: ManualTimer = {
        due: now + Math.max(0, ms),
        seq: seq++,
        callback,
        cancelled: false,
      };
      timers.push(timer);
      return {
        cancel: () => {
          timer.cancelled = true;
        },
      };
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('advance() needs a non-negative number of ms');
      const target = now + ms;
      for (;;) {
        const next = timers
          .filter((timer) => !timer.cancelled && timer.due <= target)
          .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
        if (next === undefined) break;
        timers.splice(timers.indexOf(next), 1);
        now = Math.max(now, next.due);
        next.callback();
      }
      now = target;
      for (let i = timers.length - 1; i >= 0; i--) if (timers[i]?.cancelled) timers.splice(i, 1);
    },
    pendingTimers: () => timers.filter((timer) => !timer.cancelled).length,
  };
}
