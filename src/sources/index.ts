// Sources: fetch and parse the portals' raw formats (no lake writes here; pipelines join sources and lake).
export * from './camara/index.js';
export * from './http.js';
export * from './zip.js';
// synthetic/ is exported once the generator lands
