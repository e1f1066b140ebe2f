// Temporary copies of parts of the project for the breakage demos: break one thing in the copy, never in the
// tree. node_modules is linked, not copied. `edit` fails when the text to break is not there, so a refactor
// cannot turn a demo into one that breaks nothing.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../../scripts/lib/project-paths.ts';

export interface TempCopy {
  root: string;
  path(relative: string): string;
  /** Replaces every occurrence of `from` in the copy's file; throws if there is none. */
  edit(relative: string, from: string | RegExp, to: string): Promise<void>;
  remove(): Promise<void>;
}

export async function copyProject(parts: readonly string[]): Promise<TempCopy> {
  const root = await mkdtemp(join(tmpdir(), 'signup-plus-breakage-'));
  for (const part of parts) {
    await cp(join(ROOT_DIR, part), join(root, part), { recursive: true });
  }
  await symlink(join(ROOT_DIR, 'node_modules'), join(root, 'node_modules'), 'dir');
  return {
    root,
    path: (relative) => join(root, relative),
    async edit(relative, from, to) {
      const file = join(root, relative);
      const text = await readFile(file, 'utf8');
      const found = typeof from === 'string' ? text.includes(from) : from.test(text);
      if (!found) throw new Error(`${relative} no longer contains ${String(from)}; update the breakage demo`);
      const next = typeof from === 'string' ? text.split(from).join(to) : text.replace(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`), to);
      await writeFile(file, next);
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
