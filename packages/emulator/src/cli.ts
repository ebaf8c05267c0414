/**
 * `qenta-emulator [--host 127.0.0.1] [--port 8899]`: runs the emulator until SIGINT/SIGTERM,
 * printing its base URL, journal URL and the demo credentials (qenta-protocol §8).
 */
import { parseArgs } from 'node:util';
import { createEmulator } from './index.ts';
import { DEMO_MERCHANT } from './merchants.ts';

const USAGE = `Usage: qenta-emulator [--host 127.0.0.1] [--port 8899]

A local QENTA Checkout Server (QMORE Checkout Seamless). Point a shop at the printed base URL.`;

/**
 * Runs the CLI with the given arguments; resolves with the exit code once the emulator stops.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(args: readonly string[]): Promise<number> {
  let values: { host?: string; port?: string; help?: boolean };
  // `pnpm start -- --port 9000` passes pnpm's separator through: one leading `--` is not an
  // argument of ours (a `--` anywhere else still ends the options, as parseArgs defines).
  const own = args[0] === '--' ? args.slice(1) : args;
  try {
    ({ values } = parseArgs({
      args: [...own],
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8899' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535\n\n${USAGE}`);
    return 2;
  }
  let emulator: Awaited<ReturnType<typeof createEmulator>>;
  try {
    emulator = await createEmulator({ host: values.host ?? '127.0.0.1', port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`Port ${port} on ${values.host} is already in use. Try --port <another>.`);
    } else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      console.error(`Cannot bind to host ${values.host}: ${code}.`);
    } else {
      console.error(`The emulator could not start: ${(error as Error).message}`);
    }
    return 1;
  }
  console.log(`QENTA emulator running
  base URL:   ${emulator.baseUrl}   (alias ${emulator.url}/qmore)
  journal:    ${emulator.url}/journal
  demo account: customerId ${DEMO_MERCHANT.customerId}, shopId qmore | seamless | demoshopwcs
                secret ${DEMO_MERCHANT.secret}, backend password ${DEMO_MERCHANT.backendPassword}
Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: stopping the emulator`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void emulator.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
