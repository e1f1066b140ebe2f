// Proves the project's own Spectral rules bite: a copy of the spec broken in four ways gets exactly the
// four custom findings, and the real spec gets none.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

const run = promisify(execFile);
const SPECTRAL = join(ROOT_DIR, 'node_modules', '.bin', 'spectral');

interface Finding { code: string; message: string; path: string[] }

async function lint(specPath: string): Promise<Finding[]> {
  const args = ['lint', specPath, '--ruleset', join(ROOT_DIR, '.spectral.yaml'), '--format', 'json', '--quiet'];
  // Spectral exits 1 when it finds errors; the JSON on stdout is what we assert on.
  const { stdout } = await run(SPECTRAL, args, { cwd: ROOT_DIR }).catch((error: { stdout: string }) => error);
  return JSON.parse(stdout) as Finding[];
}

describe('custom Spectral rules', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  let dir: string;
  let findings: Finding[];
  // The real spec is linted alongside the broken copy (two Spectral processes at once, not one after the other).
  let realSpecFindings: Promise<Finding[]>;

  beforeAll(async () => {
    realSpecFindings = lint(join(ROOT_DIR, 'specs', 'signup-plus.openapi.yaml'));
    // Settled by the test below; a rejection before then must not count as unhandled.
    realSpecFindings.catch(() => {});
    dir = await mkdtemp(join(tmpdir(), 'spectral-'));
    await cp(join(ROOT_DIR, 'specs'), dir, { recursive: true });
    const specPath = join(dir, 'signup-plus.openapi.yaml');
    const spec = (await readFile(specPath, 'utf8'))
      // 1. the 500 of the token endpoint loses its example
      .replace(/examples:\n\s+server-error:\n\s+summary: A server-side failure\n\s+value:\n\s+\$ref: \.\/examples\/oauth-error\.server-error\.json\n/, '')
      // 2. an API-host error answered as plain text instead of JSON
      .replace("try again later (https://docs.truelayer.com/docs/signup-errors).\n      headers:\n        Tl-Trace-Id:\n          $ref: '#/components/headers/TraceId'\n      content:\n        application/json:", "try again later (https://docs.truelayer.com/docs/signup-errors).\n      headers:\n        Tl-Trace-Id:\n          $ref: '#/components/headers/TraceId'\n      content:\n        text/plain:")
      // 3. a token-endpoint error in problem+json shape
      .replace("schema:\n                $ref: '#/components/schemas/OAuthError'\n              examples:\n                invalid-authorization-code:", "schema:\n                $ref: '#/components/schemas/Problem'\n              examples:\n                invalid-authorization-code:");
    await writeFile(specPath, spec);
    // 4. a real-looking token in an example
    const tokenPath = join(dir, 'examples', 'token.success.json');
    const token = JSON.parse(await readFile(tokenPath, 'utf8'));
    await writeFile(tokenPath, JSON.stringify({ ...token, access_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl' }));
    findings = await lint(specPath);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds no problem in the real spec', async () => {
    expect(await realSpecFindings).toEqual([]);
  });

  it.each([
    ['signup-response-has-example', 'paths./connect/token.post.responses.500.content.application/json'],
    ['signup-api-errors-are-problems', 'components.responses.InternalServerError.content'],
    ['signup-token-errors-are-oauth', 'paths./connect/token.post.responses.400.content.application/json.schema.$ref'],
    ['signup-no-real-secrets-in-examples', 'access_token'],
  ])('%s fires on a broken copy of the spec', (code, pathSuffix) => {
    const hits = findings.filter((finding) => finding.code === code);
    expect(hits.map((hit) => hit.path.join('.'))).toEqual([expect.stringContaining(pathSuffix)]);
  });
});
