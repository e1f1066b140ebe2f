#!/usr/bin/env node
// The harness's one command. Registers tsx so the TypeScript sources run without a build step, then hands
// the arguments to scripts/cli.ts and exits with the code it returns.
import { register } from 'tsx/esm/api';

register();
// A reader that leaves early (`smoke | head`) must not crash a run that still has its reports and a rotated
// refresh token to write, nor turn its exit code into a stack trace: output to a closed pipe is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { main } = await import('../scripts/cli.ts');
process.exitCode = await main(process.argv.slice(2));
