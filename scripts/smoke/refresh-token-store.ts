// The refresh-token file: the one place a credential is written to disk. Writes are atomic (a 0600 temp file in
// the same directory, then rename) so that a crash never leaves a half-written or world-readable token behind.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function readRefreshTokenFile(path: string): { token: string | undefined; groupOrOtherCanRead: boolean } {
  const token = readFileSync(path, 'utf8').trim();
  const mode = statSync(path).mode;
  return { token: token || undefined, groupOrOtherCanRead: process.platform !== 'win32' && (mode & 0o077) !== 0 };
}

/** Replaces the file's content with `token` atomically; the file ends with mode 0600 whatever existed before. */
export function writeRefreshTokenFile(path: string, token: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' + 0o600: the temp file is created private (umask can only remove bits) and never follows a planted file.
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}
