// Finding the package's own folder when it cannot be found (a broken install): the message names the package and
// where the search started, and says what to do. A fresh copy of the module is loaded against a file system
// with no package.json at all (test files share modules: every other file keeps the real one).
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
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
