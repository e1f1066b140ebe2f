#!/usr/bin/env node
// The harness's one command: runs the compiled CLI (dist/scripts/cli.js, built by `npm run build`) and exits
// with the code it returns. Plain JavaScript, no TypeScript loader at run time.
import { existsSync } from 'node:fs';

// A reader that leaves early (`smoke | head`) must not crash a run that still has its reports and a rotated
// refresh token to write, nor turn its exit code into a stack trace: output to a closed pipe is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const cli = new URL('../dist/scripts/cli.js', import.meta.url);
// In a clone of the harness (`npm ci`, then `npx signup-plus-harness`), the first use compiles it; an installed
// package ships dist/ and has no scripts/ folder.
const buildInClone = new URL('../scripts/build-if-stale.js', import.meta.url);
if (!existsSync(cli) && existsSync(buildInClone)) (await import(buildInClone.href)).buildIfStale();
if (!existsSync(cli)) {
  console.error('signup-plus-harness: the compiled CLI (dist/) is missing. In a clone of the harness run `npm run build` (npm ci does it); an installed package ships it, so reinstall it.');
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
