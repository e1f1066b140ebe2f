// The bin as this repository's npm scripts run it (`npm start`): the compiled CLI, rebuilt first when a source is
// newer than the last build, in the same process (one Node start-up, so `npm start` answers sooner).
import { buildIfStale } from './build-if-stale.js';

buildIfStale();
await import('../bin/signup-plus-harness.js');
