// Shared building blocks for every stage.
export * from './errors.js';
export * from './config.js';
export * from './log.js';
export * from './rng.js';
export * from './documents.js';
export * from './money.js';
export * from './dates.js';
export * from './duckdb.js';
export * from './files.js';
export * from './progress.js';
export * from './package-root.js';
