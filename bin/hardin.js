#!/usr/bin/env node
// Entry point of the `hardin` command: runs the compiled CLI (npm run build produces dist/).
import { main } from '../dist/src/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
