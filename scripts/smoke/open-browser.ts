// `auth-link --open`: hands the link to the platform's opener when there is one. Looks the opener up on PATH
// first, so a headless box gets a plain sentence instead of a spawn error.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type OpenResult = { ok: true; opener: string } | { ok: false; reason: string };

function onPath(binary: string, path: string): boolean {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** `path`: the PATH to look the opener up on (the command's environment). */
export function openInBrowser(url: string, path = process.env.PATH ?? ''): OpenResult {
  const [opener, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  if (process.platform !== 'win32' && !onPath(opener, path)) return { ok: false, reason: `${opener} is not installed on this machine` };
  try {
    const child = spawn(opener, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return { ok: true, opener };
  } catch (error) {
    return { ok: false, reason: `${opener} failed (${(error as Error).message})` };
  }
}
