// How long a test that runs the CLI as a subprocess (or newman's script sandboxes) may take. A spawn of the bin (tsx, then the module graph)
// costs about a second of CPU: on a quiet 2-core machine that is a second, on a loaded one it can be many.
// The limit is there to end a hung child, not to measure speed (benchmarks do that).
export const SUBPROCESS_TIMEOUT_MS = 120_000;
