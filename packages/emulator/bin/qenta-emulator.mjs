#!/usr/bin/env node
// The published CLI: plain Node on the built JavaScript (`pnpm build` writes dist/).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
