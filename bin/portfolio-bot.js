#!/usr/bin/env node
// The published entry point: the compiled CLI (built by `npm install` through `prepare`).
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv.slice(2));
