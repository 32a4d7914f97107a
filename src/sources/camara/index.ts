// Câmara dos Deputados sources: CEAP expense files (bulk CSV/zip).
export * from './ceap-columns.js';
export * from './ceap-header.js';
export * from './ceap-sql.js';
export * from './ceap-fetch.js';
