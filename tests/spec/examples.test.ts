// TrueLayer's two published bodies are the contract: the spec's copies must equal them value for value,
// and every tool that reads the spec must see the examples (Prism does not fetch `externalValue`).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { EXAMPLES_DIR, ROOT_DIR, SPEC_PATH } from '../../scripts/lib/project-paths.ts';
import { loadSpec } from '../../scripts/lib/spec-document.ts';

const REFERENCE_DIR = join(ROOT_DIR, '..', 'shared', 'reference', 'examples');
const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

/** Key-order independent serialisation, so the fingerprint pins values, not formatting. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);

// Recorded from TrueLayer's published bodies; they hold the contract even where shared/ is not checked out.
const PUBLISHED = [
  ['signup-plus-accounts.single-account.json', 'd91c1bf0c8445caa21ffa86bf8dfc2483af23c219883a9ac6ab25184c055c414'],
  ['signup-plus-accounts.multiple-accounts.json', '87a1ae63478e5da91a4f9eb1dc12b29abba5ee4b2daea41f2a53ffce914c5e7f'],
] as const;

describe("TrueLayer's published examples", () => {
  it.each(PUBLISHED)('keeps %s unchanged in value', async (file, fingerprint) => {
    const body = await readJson(join(EXAMPLES_DIR, file));
    expect(createHash('sha256').update(canonical(body)).digest('hex')).toBe(fingerprint);
  });

  it.skipIf(!existsSync(REFERENCE_DIR)).each(PUBLISHED)('deeply equals the reference copy of %s', async (file) => {
    expect(await readJson(join(EXAMPLES_DIR, file))).toStrictEqual(await readJson(join(REFERENCE_DIR, file)));
  });

  it('has one identity example for each account_id of the multiple-accounts example', async () => {
    const multiple = (await readJson(join(EXAMPLES_DIR, 'signup-plus-accounts.multiple-accounts.json'))) as {
      accounts: Array<{ account_id: string; account_number: string; sort_code: string }>;
    };
    for (const account of multiple.accounts) {
      const identity = (await readJson(join(EXAMPLES_DIR, `signup-plus-accounts.account-${account.account_id}.json`))) as {
        account_details: { account_number: string; sort_code: string };
      };
      expect(identity.account_details).toMatchObject({ account_number: account.account_number, sort_code: account.sort_code });
    }
  });
});

describe('example references', () => {
  it('are resolved by Prism into the named examples of each response', async () => {
    const operations = await getHttpOperationsFromSpec(SPEC_PATH);
    const accounts = operations.find((operation) => operation.iid === 'getSignupPlusAccounts');
    const ok = accounts?.responses.find((response) => response.code === '200')?.contents?.[0];
    const examples = Object.fromEntries((ok?.examples ?? []).map((example) => [example.key, (example as { value?: unknown }).value]));
    expect(Object.keys(examples)).toEqual([
      'single-account',
      'multiple-accounts',
      'account-acc-aa360adff0f1574e1',
      'account-acc-8232b085624e6babf',
      'account-acc-469b2c2bcaea10969',
    ]);
    expect(examples['single-account']).toStrictEqual(await readJson(join(EXAMPLES_DIR, 'signup-plus-accounts.single-account.json')));
  });

  it('are inlined by the scripts’ spec loader', async () => {
    const spec = (await loadSpec()) as any;
    const token = spec.paths['/connect/token'].post.responses['200'].content['application/json'].examples.token.value;
    expect(token).toStrictEqual(await readJson(join(EXAMPLES_DIR, 'token.success.json')));
  });
});
