// scripts/build-if-stale.js --remove-orphans (the last step of `npm run build` and of npm pack's build, and part of
// every build-if-stale) on a project laid out in a temp folder: tsc never deletes an output, so a compiled module
// whose source is gone would stay in dist/ and be packed; everything else in dist/ stays.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

it('removes the .js and .d.ts of a source that is gone (also in a folder that is gone), and keeps the rest of dist/', async () => {
  const root = await mkdtemp(join(tmpdir(), 'build-orphans-'));
  dirs.push(root);
  await mkdir(join(root, 'scripts'));
  await copyFile(join(ROOT_DIR, 'scripts', 'build-if-stale.js'), join(root, 'scripts', 'build-if-stale.js'));
  const files = [
    'src/kept.ts',
    'mocks/index.ts',
    'dist/.tsbuildinfo',
    'dist/src/kept.js',
    'dist/src/kept.d.ts',
    'dist/src/gone.js',
    'dist/src/gone.d.ts',
    'dist/src/removed-folder/gone.js',
    'dist/mocks/index.js',
    'dist/mocks/prism-answers.json',
  ];
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), '');
  }

  const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'scripts', 'build-if-stale.js'), '--remove-orphans'], { cwd: tmpdir() });

  expect([stdout, stderr]).toEqual(['', '']);
  const left = (await readdir(join(root, 'dist'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
  expect(left.sort()).toEqual(['dist/.tsbuildinfo', 'dist/mocks/index.js', 'dist/mocks/prism-answers.json', 'dist/src/kept.d.ts', 'dist/src/kept.js']);
});
