// Browser tests of <qenta-payment-form> in the machine's Chromium, against a real emulator and the
// real server-helpers client (the "shop" middleware in test/shop-server.mjs). Run through tsx so
// this file can import the TypeScript workspace packages.
import { fileURLToPath } from 'node:url';
import { createEmulator, manualClock } from '@qenta-seamless/emulator';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { shopMiddleware } from './test/shop-server.mjs';
import { summaryReporter } from './test/summary-reporter.mjs';

const clock = manualClock({ start: Date.now() });
const emulator = await createEmulator({ clock });

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  hostname: '127.0.0.1',
  concurrency: 1,
  testsFinishTimeout: 120_000,
  browserStartTimeout: 30_000,
  testFramework: { config: { timeout: 8000 } },
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findChrome(), args: CHROME_ARGS } }),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    {
      name: 'close-emulator',
      async serverStop() {
        await emulator.close();
      },
    },
  ],
  middleware: [shopMiddleware({ emulator, clock })],
  reporters: [defaultReporter(), summaryReporter({ label: 'widget-browser' })],
  coverage: true,
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.test.ts', 'test/**'],
    threshold: { statements: 80, branches: 70, functions: 80, lines: 80 },
    reportDir: 'coverage',
  },
};
