// HTTP for every source: the retry policy, file downloads, the JSON API client with its checkpoints and answer
// validation. Connectors keep what is theirs (paging, endpoints, mapping) and build on these.
export * from './retry.js';
export * from './user-agent.js';
export * from './download.js';
export * from './api-client.js';
export * from './api-validation.js';
export * from './checkpoint.js';
