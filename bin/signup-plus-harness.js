#!/usr/bin/env node
// The harness's one command. Registers tsx so the TypeScript sources run without a build step, then hands
// the arguments to scripts/cli.ts and exits with the code it returns.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/cli.ts');
process.exitCode = await main(process.argv.slice(2));
