// The REST API and the dashboard server.
export * from './server.js';
export * from './problem.js';
