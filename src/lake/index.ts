// The data lake: staged, atomic, versioned partition writes; manifests; quarantine; gold zone; lake catalog.
export * from './manifest.js';
export * from './lake.js';
export * from './gold.js';
export * from './catalog.js';
