#!/usr/bin/env node
// Entry point of the `hardin` command: runs the compiled CLI (npm run build produces dist/). `hardin serve` runs
// the bundled build of the same code (dist/serve/, scripts/bundle-serve.js) when it exists, for its cold start;
// HARDIN_SERVE_BUNDLE=0 forces the unbundled one. Every other command uses the unbundled build, whose worker
// threads find their scripts beside the compiled modules.
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const bundle = new URL('../dist/serve/index.js', import.meta.url);
const serving = args.find((a) => !a.startsWith('-')) === 'serve';
const useBundle = serving && process.env.HARDIN_SERVE_BUNDLE !== '0' && existsSync(bundle);
const { main } = await import(useBundle ? bundle.href : '../dist/src/cli/index.js');

process.exitCode = await main(args);
