// Pipelines join the stages: ingest, build, detect, demo; catalog composition; run logs.
export * from './ingest-ceap.js';
