import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dsInitFields, postForm } from './support/api.ts';

// The CLI from source; the published bin on the built files is run by the consumer test.
const START = fileURLToPath(new URL('../scripts/start.ts', import.meta.url));

function run(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', START, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { child, output: () => output, exit };
}

async function waitFor(check: () => RegExpExecArray | null, ms: number): Promise<RegExpExecArray> {
  const until = Date.now() + ms;
  for (;;) {
    const match = check();
    if (match) return match;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('qenta-emulator CLI', () => {
  it('prints the base URL and demo credentials, serves, and exits 0 on SIGTERM', async () => {
    const cli = run(['--port', '0']);
    try {
      const match = await waitFor(() => /base URL:\s+(\S+)/.exec(cli.output()), 15_000);
      const baseUrl = match[1] ?? '';
      assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/seamless$/);
      assert.match(cli.output(), /D200001/);
      assert.match(cli.output(), /jcv45z/);
      const answer = await postForm(`${baseUrl}/dataStorage/init`, dsInitFields());
      assert.match(answer.fields.storageId ?? '', /^[0-9a-f]{32}$/);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exit, 0);
    assert.match(cli.output(), /SIGTERM: stopping/);
  });

  it("accepts pnpm's leading `--` separator before the options", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      // The port is taken on purpose: the CLI must have read `--port` (exit 1, not usage exit 2).
      const cli = run(['--', '--host', '127.0.0.1', '--port', String(port)]);
      const timer = setTimeout(() => cli.child.kill('SIGKILL'), 15_000);
      assert.equal(await cli.exit, 1, cli.output());
      clearTimeout(timer);
      assert.match(cli.output(), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('says clearly that the port is in use and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const cli = run(['--port', String(port)]);
      const timer = setTimeout(() => cli.child.kill('SIGKILL'), 15_000);
      assert.equal(await cli.exit, 1);
      clearTimeout(timer);
      assert.match(cli.output(), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('rejects an unknown flag or a bad port with usage and exit code 2', async () => {
    const unknown = run(['--bogus']);
    assert.equal(await unknown.exit, 2);
    assert.match(unknown.output(), /Usage: qenta-emulator/);
    const badPort = run(['--port', 'http']);
    assert.equal(await badPort.exit, 2);
    assert.match(badPort.output(), /--port must be a number/);
  });
});
