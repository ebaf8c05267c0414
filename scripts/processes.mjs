// Child processes of the repository's scripts and the consumer test: one-shot commands and
// servers that announce themselves.
// Every wait is bounded; output is kept for the error message.
import { spawn } from 'node:child_process';

const STEP_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 30_000;
/** The servers still running, so a failed test cannot leave one behind (and hang the run). */
const started = new Set();
// Colour and cursor codes, in case a tool prints them anyway.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is matched
const ANSI_ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Spawns a command in the consumer project; `onOutput` sees the output collected so far. */
function launch(command, args, { cwd, env = {} }, onOutput) {
  const child = spawn(command, args, {
    cwd,
    // Plain output: tools colour it when they see CI=true, and the patterns read plain text.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output += String(chunk).replace(ANSI_ESCAPES, '');
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
    started.add(child);
    child.on('exit', () => started.delete(child));
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

/** Stops every process {@link startUntil} started that still runs (a test's `after`). */
export function stopAll() {
  for (const child of started) stop(child);
}
