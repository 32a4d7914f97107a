// Worker thread entry for GBDT fitting (started by pool.ts from its compiled form, dist/src/ml/gbdt/worker.js):
// serves this learner's jobs (jobs.ts) on the shared protocol (../worker-protocol.ts).
// Imports only the kernels (no core/, no logger): a worker must start in milliseconds.
import { serveWorker } from '../worker-protocol.js';
import { ThreadContext } from './jobs.js';

serveWorker(new ThreadContext());
