// Keeps the layering honest: configuration reaches src/ only as arguments, and generated code stays generated.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

describe('src/', () => {
  it('never reads process.env (only scripts/ and bin/ do)', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(join(ROOT_DIR, 'src'))) {
      if (/process\.env|loadEnvFile/.test(await readFile(file, 'utf8'))) offenders.push(relative(ROOT_DIR, file));
    }
    expect(offenders).toEqual([]);
  });

  it('holds generated files only with the do-not-edit banner', async () => {
    const generated = await sourceFiles(join(ROOT_DIR, 'src', 'generated'));
    expect(generated.map((file) => relative(ROOT_DIR, file)).sort()).toEqual(['src/generated/assumption-ledger.ts', 'src/generated/signup-plus.ts', 'src/generated/spec-schemas.ts']);
    for (const file of generated) {
      expect((await readFile(file, 'utf8')).split('\n')[0]).toBe(
        '// Do not edit: generated from specs/signup-plus.openapi.yaml by `npm run generate`.',
      );
    }
  });
});
