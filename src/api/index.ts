// The REST API and the dashboard server. Light on purpose: importing it loads only the warehouse reader; the
// server's modules load inside `createServer` while DuckDB opens the warehouse (start.ts, issue #4).
export { createServer } from './start.js';
export type { HardinServer, ServerOptions } from './server.js';
export type { Problem } from './problem.js';
