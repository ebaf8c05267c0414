// Child processes of the consumer test: one-shot commands and servers that announce themselves.
// Every wait is bounded; output is kept for the error message.
import { spawn } from 'node:child_process';

const STEP_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 30_000;

/** Spawns a command in the consumer project; `onOutput` sees the output collected so far. */
function launch(command, args, { cwd, env = {} }, onOutput) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk;
    onOutput(output);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => output };
}

/**
 * Runs a command to its end; rejects with its output when it fails or takes too long.
 *
 * @example
 * ```js
 * await run('npm', ['install'], { cwd: project, timeout: 300_000 });
 * ```
 */
export function run(command, args, { cwd, env, timeout = STEP_TIMEOUT_MS }) {
  return new Promise((resolve, reject) => {
    const { child, output } = launch(command, args, { cwd, env }, () => {});
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output());
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output()}`));
    });
  });
}

/**
 * Starts a long-running process; resolves with it and the match once `pattern` appears in its
 * output.
 *
 * @example
 * ```js
 * const { child, match } = await startUntil('qenta-emulator', ['--port', '0'], { cwd, pattern: /base URL:\s+(\S+)/ });
 * ```
 */
export function startUntil(command, args, { cwd, env, pattern }) {
  return new Promise((resolve, reject) => {
    let timer;
    const { child, output } = launch(command, args, { cwd, env }, (sofar) => {
      const match = pattern.exec(sofar);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not start:\n${output()}`));
    }, START_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited ${code} before it was ready:\n${output()}`));
    });
  });
}

/** Stops a process started by {@link startUntil} if it still runs. */
export function stop(child) {
  if (child && child.exitCode === null) child.kill('SIGTERM');
}
