// `npm start` as the README's quick start runs it and as a process manager runs it: the banner says how to use the
// mock, and the signal npm gets (alone, from `kill` or a CI step's cleanup; or with the mock, from a terminal's
// Ctrl-C to the foreground process group) must reach the mock, which closes its server and exits, leaving nothing
// listening behind npm. (tests/readme.test.ts checks that these are the README's commands.)
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { killLeftovers, startBin } from './subprocess.ts';

afterAll(killLeftovers);

describe('npm start', () => {
  it.concurrent.each([
    ['SIGTERM', 'npm alone', false],
    ['SIGINT', 'npm and the mock (Ctrl-C in a terminal)', true],
  ] as const)('prints the URL, the scenarios and a curl pair, and stops gracefully on %s to %s, leaving no process listening', async (signal, _to, group) => {
    // Until the banner's last line, the curl pair's second call.
    const npm = await startBin('npm', ['start', '--', '--port', '0'], { cwd: ROOT_DIR, banner: /Bearer \$\{ACCESS_TOKEN\}"\n/ });
    const before = await fetch(`${npm.url}/signup-plus/accounts`);
    expect(before.status).toBe(401);
    expect(npm.output()).toContain('multiple-accounts');
    expect(npm.output()).toMatch(/Try it/);
    expect(npm.output()).toContain(`curl -sS -X POST "${npm.url}/connect/token"`);
    // In this clone, the example app is there to point to (an installed package has none).
    expect(npm.output()).toContain('A whole app on this flow: `npm run example`');
    // npm exits 0 or re-raises the signal its script got, as in a terminal; the mock itself says it closed cleanly.
    expect(String(await npm.stop(signal, { group }))).toMatch(new RegExp(`^(0|${signal})$`));
    expect(npm.output()).toContain(`Signup+ mock stopped (${signal}).`);
    await expect(fetch(`${npm.url}/signup-plus/accounts`)).rejects.toThrow(TypeError);
  }, 60_000);
});
