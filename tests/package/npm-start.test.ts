// `npm start` as a process manager runs it (a terminal's Ctrl-C, `kill`, a CI step's cleanup): the signal npm
// forwards must reach the mock, which closes its server and exits, leaving nothing listening behind npm.
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { killLeftovers, startBin } from './subprocess.ts';

afterAll(killLeftovers);

describe('npm start', () => {
  it.concurrent.each(['SIGTERM', 'SIGINT'] as const)('stops the mock gracefully when npm gets %s, and leaves no process listening', async (signal) => {
    const npm = await startBin('npm', ['start', '--', '--port', '0'], { cwd: ROOT_DIR });
    const before = await fetch(`${npm.url}/signup-plus/accounts`);
    expect(before.status).toBe(401);
    await npm.stop(signal);
    expect(npm.output()).toContain(`Signup+ mock stopped (${signal}).`);
    await expect(fetch(`${npm.url}/signup-plus/accounts`)).rejects.toThrow(TypeError);
  }, 60_000);
});
