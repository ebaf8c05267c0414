// `pnpm --filter @qenta-seamless/emulator start` in the workspace: the CLI from the TypeScript
// source (the published `bin/qenta-emulator.mjs` runs the built `dist/cli.js` on plain Node).
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));
