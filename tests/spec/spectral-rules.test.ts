// Proves the project's own Spectral rules bite: a copy of the spec broken in several ways gets exactly the
// custom findings, and the real spec gets none.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type Document } from 'yaml';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

const run = promisify(execFile);
const SPECTRAL = join(ROOT_DIR, 'node_modules', '.bin', 'spectral');

interface Finding { code: string; message: string; path: string[]; source: string }

/** Path of each x-assumption, by id, in the real spec (filled by breakLedger). */
const ledgerPaths = new Map<string, string[]>();

function findAssumptions(node: unknown, path: string[]): void {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-assumption' && value && typeof value === 'object' && 'id' in value) ledgerPaths.set(String(value.id), [...path, key]);
    else findAssumptions(value, [...path, key]);
  }
}

/** One broken ledger entry per way the rule can fail. */
function breakLedger(doc: Document): void {
  findAssumptions(doc.toJS(), []);
  const at = (id: string) => {
    const path = ledgerPaths.get(id);
    if (!path) throw new Error(`the spec has no x-assumption ${id}; pick another one for this test`);
    return path;
  };
  doc.deleteIn([...at('signup-trace-header'), 'id']);
  doc.setIn([...at('retry-after-on-429'), 'id'], 'account-id-format');
  doc.setIn([...at('token-server-error-body'), 'source'], 'http://docs.truelayer.com/docs/signup-errors');
  doc.setIn([...at('uk-account-number-eight-digits'), 'status'], 'guessed');
  doc.setIn([...at('identity-required-fields'), 'assumes'], 'first_name, last_name and date_of_birth are always sent (e.g.');
  doc.setIn(at('problem-errors-shape'), 'errors maps each field name to a list of messages.');
}

/** Lints the given specs in one Spectral process (its start-up costs more than a lint); the findings by spec. */
async function lint<Paths extends string[]>(specPaths: [...Paths]): Promise<{ [K in keyof Paths]: Finding[] }> {
  const args = ['lint', ...specPaths, '--ruleset', join(ROOT_DIR, '.spectral.yaml'), '--format', 'json', '--quiet'];
  // Spectral exits 1 when it finds errors; the JSON on stdout is what we assert on.
  const { stdout } = await run(SPECTRAL, args, { cwd: ROOT_DIR }).catch((error: { stdout: string }) => error);
  const findings = JSON.parse(stdout) as Finding[];
  // A finding's source is the file it is in: the spec or an example file beside it (each copy has its own folder).
  const inFolderOf = (specPath: string, finding: Finding): boolean => finding.source.startsWith(`${dirname(specPath)}/`);
  const unplaced = findings.filter((finding) => !specPaths.some((specPath) => inFolderOf(specPath, finding)));
  if (unplaced.length > 0) throw new Error(`Spectral findings outside the linted specs' folders: ${JSON.stringify(unplaced)}`);
  return specPaths.map((specPath) => findings.filter((finding) => inFolderOf(specPath, finding))) as { [K in keyof Paths]: Finding[] };
}

describe('custom Spectral rules', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  let dir: string;
  let findings: Finding[];
  let realSpecFindings: Finding[];

  beforeAll(async () => {
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
    // 5. the assumption ledger broken in each way its rule knows, found by id so that spec edits elsewhere do not matter
    const doc = parseDocument(spec);
    breakLedger(doc);
    await writeFile(specPath, doc.toString());
    // 4. a real-looking token in an example
    const tokenPath = join(dir, 'examples', 'token.success.json');
    const token = JSON.parse(await readFile(tokenPath, 'utf8'));
    await writeFile(tokenPath, JSON.stringify({ ...token, access_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl' }));
    // The real spec and the broken copy, in one Spectral run.
    [realSpecFindings, findings] = await lint([join(ROOT_DIR, 'specs', 'signup-plus.openapi.yaml'), specPath]);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['a missing id', 'signup-trace-header', '', 'needs an id in kebab-case'],
    ['a duplicate id', 'retry-after-on-429', 'id', 'id "account-id-format" is already used at paths./signup-plus/accounts.get.parameters.0.x-assumption'],
    ['a source that is not an https URL', 'token-server-error-body', 'source', 'must be a public https URL or exactly "none found"'],
    ['a status outside the ledger', 'uk-account-number-eight-digits', 'status', 'must be one of sourced, unconfirmed, invention; got "guessed"'],
    ['a sentence cut short by a YAML comment', 'identity-required-fields', 'assumes', 'looks cut short'],
    ['a plain-string assumption', 'problem-errors-shape', '', 'must be an object with id, assumes, source and status, not a plain string'],
  ])('signup-assumption-ledger fires on %s', (_what, id, field, message) => {
    const where = [...ledgerPaths.get(id)!, ...(field ? [field] : [])].join('.');
    const hits = findings.filter((finding) => finding.code === 'signup-assumption-ledger' && finding.path.join('.') === where);
    expect(hits.map((hit) => hit.message)).toEqual([expect.stringContaining(message)]);
  });

  it('signup-assumption-ledger fires on nothing else', () => {
    expect(findings.filter((finding) => finding.code === 'signup-assumption-ledger')).toHaveLength(6);
  });

  it('finds no problem in the real spec', () => {
    expect(realSpecFindings).toEqual([]);
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
