// `npm start` and the test run use the compiled CLI (dist/); this rebuilds it first when a source is newer than
// the last build, so an edited mock is what runs. Plain JavaScript: it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_INFO = join(ROOT, 'dist', '.tsbuildinfo');
// specs/: the build also stores Prism's answers for the spec (mocks/precomputed-answers.ts).
const INPUTS = ['src', 'mocks', 'pact', 'scripts', 'specs', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/**
 * Newest modification time (ms) of the build's inputs, folders included (a file deleted or renamed changes its
 * folder's); scripts/bench and scripts/generate.ts are not built.
 */
function newestInput() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      for (const name of readdirSync(path)) if (name !== 'bench') visit(join(path, name));
    } else if (!path.endsWith('generate.ts')) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return newest;
}

/**
 * Removes compiled files (.js, .d.ts) whose source is gone: tsc never deletes an output, and a module deleted from
 * the sources would stay in dist/ and be packed. The sources are .ts files only (no allowJs, .mts or .tsx, no .d.ts
 * copied); another kind of source needs its own rule here.
 */
export function removeOrphans() {
  const dist = join(ROOT, 'dist');
  const visit = (dir) => {
    // Another build or start may be removing the same files at the same moment: what is already gone is fine.
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const compiled = /^(.+)\.(?:d\.ts|js)$/.exec(relative(dist, path));
        if (compiled && !existsSync(join(ROOT, `${compiled[1]}.ts`))) rmSync(path, { force: true });
      }
    }
  };
  visit(dist);
}

/** Builds dist/ when it is missing or older than a source; returns whether it built. Orphans go either way. */
export function buildIfStale() {
  const built = statSync(BUILD_INFO, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= newestInput()) {
    removeOrphans();
    return false;
  }
  // The same two steps as `npm run build`, without npm's own start-up, and without type checking (--noCheck), as
  // tsx runs sources: a type error is for `npm run typecheck` (a layer of `npm test`) to report, not a reason to
  // run no test; `npm run build` / prepack still check (tsc's build info keeps the unchecked files pending).
  // One thread: this runs at the start of `npm test`, beside its other layers.
  const tsc = join(ROOT, 'node_modules', 'typescript-7', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--noCheck', '--singleThreaded'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'precompute-answers.js')], { cwd: ROOT, stdio: 'inherit' });
  removeOrphans();
  // tsc leaves its build info alone when no output changed (a touched file): mark the build as current.
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
  return true;
}

// `--remove-orphans` alone: the last step of `npm run build` and of `npm pack`'s build (package.json).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--remove-orphans') removeOrphans();
  else buildIfStale();
}
