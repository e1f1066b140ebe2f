// Before any test file: the tests that run the `signup-plus-harness` bin run the compiled CLI (dist/), so it is
// rebuilt first when a source is newer than the last build (a no-op otherwise).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-if-stale.js', import.meta.url))], { stdio: 'inherit' });
}
