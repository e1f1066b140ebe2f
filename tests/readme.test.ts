// Runs the README's code blocks marked `<!-- runnable ... -->`, so the README cannot rot. Blocks that call the
// mock at http://127.0.0.1:4010 run against a mock started on a free port, with the URL substituted.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../mocks/index.ts';
import { ROOT_DIR } from '../scripts/lib/project-paths.ts';
import { SUBPROCESS_TIMEOUT_MS } from './subprocess.ts';

interface RunnableBlock { marker: string; code: string }

/** `<!-- runnable: expect=<text> -->` or `<!-- runnable: quick-start -->` directly above a ```sh block. */
function runnableBlocks(markdown: string): RunnableBlock[] {
  const pattern = /<!-- runnable: (.+?) -->\n```sh\n([\s\S]*?)```/g;
  return [...markdown.matchAll(pattern)].map(([, marker, code]) => ({ marker: marker as string, code: code as string }));
}

function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT_DIR, env: { ...process.env, ...options.env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const README = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
const blocks = runnableBlocks(README);
const withExpectation = blocks.filter((block) => block.marker.startsWith('expect='));

// Concurrent: each block is its own process, and they share only the mock started once for the file.
describe.concurrent('README', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  beforeAll(async () => {
    mock = await startMock({ port: 0, quiet: true });
  });
  afterAll(() => mock.close());

  it('marks the quick start, the --help call, the curl pair, the browserless auth link and the smoke try-out as runnable', ({ expect }) => {
    expect(blocks.map((block) => block.marker)).toEqual([
      'quick-start',
      'quick-start-mock',
      'expect=Commands:',
      'expect="first_name":"Joe"',
      'expect="error":"invalid_authorization_code"',
      'expect=Result: PASSED',
    ]);
  });

  it.for(withExpectation.map((block) => [block.code.split('\n')[0], block] as const))(
    'runs `%s` as written and prints what it promises',
    async ([, block], { expect }) => {
      const script = block.code.replaceAll('http://127.0.0.1:4010', mock.url);
      const result = await run('bash', ['-euo', 'pipefail', '-c', script], { env: { CI: 'true' } });
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      expect(result.stdout.replace(/\s+/g, '')).toContain(block.marker.slice('expect='.length).replace(/\s+/g, ''));
    },
  );

  // The quick start's `npm ci` is what CI has just run on this same lockfile, and `npm test` is the command
  // running this very test: both are checked to be the README's commands, not run again. `npm start` is run by
  // tests/package/npm-start.test.ts: its banner, and Ctrl-C (SIGINT to npm and the mock) or SIGTERM stopping it.
  it('quick start: the commands are `npm ci`, `npm test` (as .ci/run runs them) and `npm start`', ({ expect }) => {
    const commandsOf = (marker: string): string[] =>
      (blocks.find((block) => block.marker === marker)?.code ?? '').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
    // `npm start` blocks, so it has a block of its own.
    expect(commandsOf('quick-start')).toEqual(['npm ci', 'npm test']);
    expect(commandsOf('quick-start-mock')).toEqual(['npm start']);
    expect(readFileSync(join(ROOT_DIR, '.ci', 'run'), 'utf8')).toMatch(/npm ci[^\n]*\nnpm test\n/);
    expect(JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')).scripts.start).toBe('exec node scripts/dev-bin.js mock');
  });
});
