#!/usr/bin/env node
// The published entry point: the CLI bundled by `npm run build` (run by `npm install`
// through `prepare`): dist/src compiled by tsc, bundled by scripts/bundle.ts.
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
