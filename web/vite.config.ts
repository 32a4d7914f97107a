// Vite build for the dashboard. No React plugin: esbuild's automatic JSX runtime is all we need (no fast
// refresh in dev, which is fine for a small SPA). Output goes to <repo>/dist/web, which the server serves at
// `/` with an SPA fallback; `vite` in dev proxies /api to a running `hardin serve` (HARDIN_API_URL).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const API_URL = process.env.HARDIN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': API_URL } },
});
