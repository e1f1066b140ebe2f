// Finding the package's own folder: the nearest package.json above the module that names the package; when there
// is none (a broken install), a message that names the package and where the search started, and says what to do.
// A fresh copy of the module is loaded against a swapped file system (test files share modules: every other file
// keeps the real one).
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

it('refuses to load without its own package.json above it, and says to reinstall the package', async () => {
  const module = new URL('../../src/package-root.ts', import.meta.url);
  vi.doMock('node:fs', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:fs')>()), existsSync: () => false }));
  try {
    await expect(import(/* @vite-ignore */ `${module.href}?no-manifest=${randomUUID()}`)).rejects.toThrow(
      new Error(`signup-plus-harness: cannot find its own package.json above ${dirname(fileURLToPath(module))}; reinstall the package.`),
    );
  } finally {
    vi.doUnmock('node:fs');
  }
});

it('finds the nearest folder above it whose package.json names the package, skipping other packages\' manifests', async () => {
  const module = new URL('../../src/package-root.ts', import.meta.url);
  const here = dirname(fileURLToPath(module));
  // Another package's manifest right above the module, the harness's two levels up, another one above that.
  const manifests = new Map([
    [join(here, 'package.json'), { name: 'some-app' }],
    [join(dirname(dirname(here)), 'package.json'), { name: 'signup-plus-harness' }],
    [join(dirname(dirname(dirname(here))), 'package.json'), { name: 'signup-plus-harness' }],
  ]);
  // Only package.json files are swapped: the test runner reads other files (source maps) through the same module.
  vi.doMock('node:fs', async (importOriginal) => {
    const fs = await importOriginal<typeof import('node:fs')>();
    const isManifest = (path: unknown): boolean => String(path).endsWith('package.json');
    return {
      ...fs,
      existsSync: (path: string) => (isManifest(path) ? manifests.has(path) : fs.existsSync(path)),
      readFileSync: ((path: string, ...rest: []) => (isManifest(path) ? JSON.stringify(manifests.get(path)) : fs.readFileSync(path, ...rest))) as typeof fs.readFileSync,
    };
  });
  try {
    const { PACKAGE_ROOT } = (await import(/* @vite-ignore */ `${module.href}?nested=${randomUUID()}`)) as typeof import('../../src/package-root.ts');
    expect(PACKAGE_ROOT).toBe(dirname(dirname(here)));
  } finally {
    vi.doUnmock('node:fs');
  }
});

it('names a shipped file relative to the working folder inside it, and by its absolute path from anywhere else', async () => {
  const { shippedFile, ROOT_DIR } = await import('../../scripts/lib/project-paths.ts');
  expect(shippedFile('docs/smoke.md', ROOT_DIR)).toBe('docs/smoke.md');
  // An app's folder: the package is in its node_modules.
  expect(shippedFile('docs/smoke.md', dirname(ROOT_DIR))).toBe(join(basename(ROOT_DIR), 'docs', 'smoke.md'));
  // Below the package root, or in another tree: climbing out with ../ would be harder to read than the path.
  expect(shippedFile('docs/smoke.md', join(ROOT_DIR, 'tests'))).toBe(join(ROOT_DIR, 'docs', 'smoke.md'));
  expect(shippedFile('.env.example', '/somewhere/else')).toBe(join(ROOT_DIR, '.env.example'));
});
