// Worker thread entry for RNN fitting (started by pool.ts from its compiled form, dist/src/ml/rnn/worker.js):
// serves this learner's jobs (jobs.ts) on the shared protocol (../worker-protocol.ts).
// Imports only the passes and kernels (no core/, no logger): a worker must start in milliseconds.
import { serveWorker } from '../worker-protocol.js';
import { ThreadContext } from './jobs.js';

serveWorker(new ThreadContext());
