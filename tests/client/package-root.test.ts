// Finding the package's own folder when it cannot be found (a broken install): the message names the package and
// where the search started, and says what to do. The file system is swapped for one with no package.json at all.
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:fs')>()), existsSync: () => false }));

it('refuses to load without its own package.json above it, and says to reinstall the package', async () => {
  const start = dirname(fileURLToPath(new URL('../../src/package-root.ts', import.meta.url)));
  await expect(import('../../src/package-root.ts')).rejects.toThrow(
    new Error(`signup-plus-harness: cannot find its own package.json above ${start}; reinstall the package.`),
  );
});
