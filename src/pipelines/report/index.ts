// CRISP-DM report writer: the report type, its HTML and JSON renderers and the SVG chart primitives.
export * from './crisp-dm-types.js';
export * from './format-pt-br.js';
export * from './escape.js';
export * from './validate.js';
export * from './render-html.js';
export * from './render-json.js';
export * from './svg/index.js';
export * from './slim-evaluation.js';
