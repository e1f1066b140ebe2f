// `npm install` of the packed tarball into a team's fresh app, started from a copy of an earlier fresh install's
// dependencies when one exists for the same manifest, lock and npm, so that npm extracts one package, not ~100.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import type { Run } from './subprocess.ts';

/**
 * Why a seed: a fresh `npm install` of the tarball is ~9 s of CPU, nearly all of it extracting the same ~100
 * runtime dependencies from npm's cache on every run, while what a test run changes is the tarball. The seed is
 * the app as a fresh install left it (node_modules, package.json, package-lock.json), kept in the temp folder
 * WITHOUT the harness itself, its bin link and npm's hidden lockfile; each run copies it and runs the same real
 * `npm install ./<tarball>`, which finds the harness missing, extracts the new tarball and links its bin, and
 * checks the rest of the tree against the tarball's manifest (~2.5 s). The key covers everything that decides
 * that tree (the packed package.json, this repository's lock that filled npm's cache, npm, Node): any change
 * means a fresh install, which becomes the next seed. What is not repeated per run: npm extracting the same
 * dependency tarballs again.
 */
const SEED_PREFIX = 'signup-plus-harness-team-app-seed-';
/** Seeds of other keys (an older manifest, another worktree's) are removed once unused this long. */
const STALE_SEED_MS = 60 * 60 * 1000;

type Runner = (command: string, args: string[], options: { cwd: string }) => Promise<Run>;

export interface Install {
  run: Run;
  /** Whether the app started from a seed (false: a fresh install, now the seed for the next runs). */
  seeded: boolean;
}

/** The npm that `npm install` runs: its package.json (its version and anything else that changes with it). */
function npmManifest(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const cli = join(dir, 'npm');
    if (existsSync(cli)) return readFileSync(join(dirname(realpathSync(cli)), '..', 'package.json'), 'utf8');
  }
  throw new Error('npm is not on PATH: the package tests install the packed tarball with it.');
}

function seedKey(): string {
  const hash = createHash('sha256');
  for (const part of [readFileSync(join(ROOT_DIR, 'package.json')), readFileSync(join(ROOT_DIR, 'package-lock.json')), npmManifest(), process.version]) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 20);
}

/** The app's install files, hard-linked (node_modules: files npm never rewrites in place) or copied (the lock). */
async function copyApp(run: Runner, from: string, to: string): Promise<void> {
  const link = await run('cp', ['-a', '--link', join(from, 'node_modules'), join(to, 'node_modules')], { cwd: from });
  if (link.code !== 0) throw new Error(`copying ${from}/node_modules failed: ${link.stderr}`);
  for (const file of ['package.json', 'package-lock.json']) await copyFile(join(from, file), join(to, file));
}

async function removeStaleSeeds(keep: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(SEED_PREFIX) || name === keep) continue;
    const path = join(tmpdir(), name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > STALE_SEED_MS) await rm(path, { recursive: true, force: true });
  }
}

/** Keeps `app`'s fresh install, minus the harness, as the seed of `name` (unless another run made it first). */
async function keepSeed(run: Runner, app: string, name: string): Promise<void> {
  const building = await mkdtemp(join(tmpdir(), `${SEED_PREFIX}building-`));
  await copyApp(run, app, building);
  for (const path of ['signup-plus-harness', '.bin/signup-plus-harness', '.package-lock.json']) await rm(join(building, 'node_modules', path), { recursive: true, force: true });
  // Renaming onto an existing seed fails: another run kept the same one first.
  await rename(building, join(tmpdir(), name)).catch(() => rm(building, { recursive: true, force: true }));
  await removeStaleSeeds(name);
}

/** `npm install ./<tarball>` in `app` (an empty app whose package.json is written), from a seed when there is one. */
export async function installTarball(run: Runner, app: string, tarball: string): Promise<Install> {
  const name = `${SEED_PREFIX}${seedKey()}`;
  const seed = join(tmpdir(), name);
  const seeded = existsSync(seed);
  if (seeded) {
    await copyApp(run, seed, app);
    const now = new Date();
    await utimes(seed, now, now);
  }
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], { cwd: app });
  if (install.code === 0 && !seeded) await keepSeed(run, app, name);
  return { run: install, seeded };
}
