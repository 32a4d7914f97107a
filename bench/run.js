#!/usr/bin/env node
// `npm run bench -- <suite>`: prints one JSON line per figure (BENCHMARKS.md), ratios against an anchor
// measured in the same run. Suites write only to a temp dir and clean up.
import { suites } from './suites.js';

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = names.length > 0 ? names : Object.keys(suites);
for (const name of chosen) {
  const suite = suites[name];
  if (!suite) {
    console.error(`bench: unknown suite "${name}"; available: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  await suite();
}
