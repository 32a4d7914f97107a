// Pipelines join the stages: ingest, build, detect, demo; catalog composition; run logs.
export * from './ingest-ceap.js';
export * from './build.js';
export * from './detect.js';
export * from './catalog.js';
export * from './run-log.js';
export * from './evaluate-ceap.js';
