// Bundles the compiled CLI (dist/src/cli/index.js) into dist/serve/ with esbuild — one file per lazily imported
// part — for `hardin serve` only (bin/hardin.js picks it). Loading the ≈ 400 compiled and dependency modules one by
// one costs ≈ 0.3 s of the server's cold start (issue #4); a bundle reads a few files. DuckDB's native binding and
// the API docs packages (they serve files from their own folders, and load on the first /api/docs request) stay
// external. The other commands keep the unbundled build: their worker threads load scripts that sit beside the
// compiled modules.
import fs from 'node:fs/promises';
import { build } from 'esbuild';

// src/core/duckdb.ts loads @duckdb/node-api with createRequire (cheaper than an ES import when unbundled), which
// esbuild cannot follow; in the bundle it becomes a plain import so its ≈ 60 JavaScript files are bundled too.
const DUCKDB_REQUIRE = "createRequire(import.meta.url)('@duckdb/node-api')";
const bundleDuckdb = {
  name: 'bundle-duckdb-api',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]core[\\/]duckdb\.js$/ }, async (args) => {
      const text = await fs.readFile(args.path, 'utf8');
      if (!text.includes(DUCKDB_REQUIRE)) {
        throw new Error(`${args.path} no longer contains ${DUCKDB_REQUIRE}; update scripts/bundle-serve.js`);
      }
      const contents = `import * as hardinDuckdbApi from '@duckdb/node-api';\n${text.replace(DUCKDB_REQUIRE, 'hardinDuckdbApi')}`;
      return { contents, loader: 'js' };
    });
  },
};

const started = performance.now();
await fs.rm('dist/serve', { recursive: true, force: true }); // no chunk of an earlier build left behind
await build({
  entryPoints: { index: 'dist/src/cli/index.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/serve',
  external: ['@duckdb/node-bindings', '@fastify/swagger', '@fastify/swagger-ui'],
  plugins: [bundleDuckdb],
  // Bundled CommonJS dependencies call require(); give the ES module bundle a real one.
  banner: {
    js: "import { createRequire as hardinCreateRequire } from 'node:module'; const require = hardinCreateRequire(import.meta.url);",
  },
  // Less text to parse at start; identifiers stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
if (process.env.HARDIN_BUILD_VERBOSE) {
  console.log(`bundled dist/serve in ${Math.round(performance.now() - started)} ms`);
}
