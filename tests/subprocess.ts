// How long a test that runs the CLI as a subprocess (or newman's script sandboxes) may take. A spawn of the bin
// (Node, then the compiled module graph) costs from a fifth of a second (`--help`) to a second (`smoke`, which loads
// the client's validators) of CPU, so tests run commands in-process (tests/cli-in-process.ts) and spawn only where the
// process is the point. The limit is there to end a hung child, not to measure speed (benchmarks do that).
export const SUBPROCESS_TIMEOUT_MS = 120_000;
