// `npm start` and the test run use the compiled CLI (dist/); this rebuilds it first when a source is newer than
// the last build, so an edited mock is what runs. Plain JavaScript: it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_INFO = join(ROOT, 'dist', '.tsbuildinfo');
// specs/: the build also stores Prism's answers for the spec (mocks/precomputed-answers.ts).
const INPUTS = ['src', 'mocks', 'pact', 'scripts', 'specs', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Newest modification time (ms) of the build's inputs; scripts/bench and scripts/generate.ts are not built. */
function newestInput() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'bench') visit(join(path, name));
    } else if (!path.endsWith('generate.ts')) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return newest;
}

/** Builds dist/ when it is missing or older than a source; returns whether it built. */
export function buildIfStale() {
  const built = statSync(BUILD_INFO, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= newestInput()) return false;
  // The same two steps as `npm run build`, without npm's own start-up, and without type checking (--noCheck: the
  // same output for a third less CPU), as tsx runs sources: `npm run typecheck` (a layer of `npm test`) reports
  // type errors, and `npm run build` / prepack still check (tsc's build info keeps the unchecked files pending).
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--noCheck'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'precompute-answers.js')], { cwd: ROOT, stdio: 'inherit' });
  // tsc leaves its build info alone when no output changed (a touched file): mark the build as current.
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale();
