// Where the mock's answers come from: Prism's engine in process (mocks/prism-engine.ts), asked one documented
// choice at a time and cached, and the answers the build precomputes (mocks/precomputed-answers.ts), served only
// while they match the spec they were computed from.
import { createRequire } from 'node:module';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { choiceKey, loadLivePrismEngine, OPERATION_IDS, type LivePrismEngine } from '../../mocks/prism-engine.ts';
import { named, withBody, type Exchange } from '../../mocks/exchange.ts';
import { loadPrismEngine, specDigest, writePrecomputedAnswers } from '../../mocks/precomputed-answers.ts';
import { SPEC_PATH } from '../../scripts/lib/project-paths.ts';

const example = async (name: string): Promise<unknown> => JSON.parse(await readFile(new URL(`../../specs/examples/${name}.json`, import.meta.url), 'utf8'));

let live: LivePrismEngine;
let dir: string;
beforeAll(async () => {
  live = await loadLivePrismEngine(SPEC_PATH);
  dir = await mkdtemp(join(tmpdir(), 'prism-engine-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ACCOUNT_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' };

describe('the live engine', () => {
  it('answers a documented example with its status, the spec\'s headers as strings, and the example body', async () => {
    expect(await live.answer('requestToken', { status: 200, example: 'token' })).toEqual({
      ok: true,
      answer: {
        status: 200,
        headers: { 'Cache-Control': 'no-store', 'X-Tl-Correlation-Id': expect.stringMatching(/^[0-9a-f-]{36}$/), 'Content-type': 'application/json' },
        body: await example('token.success'),
      },
    });
    const rateLimited = await live.answer('getSignupPlusAccounts', { status: 429, example: 'rate-limit-exceeded' });
    // Retry-After is an integer in the spec; an answer's headers are the strings sent on the wire.
    expect(rateLimited.ok && rateLimited.answer.headers['Retry-After']).toBe('30');
    expect(rateLimited.ok && rateLimited.answer.body).toEqual(await example('problem.rate-limit-exceeded'));
    // An example alone: one of the success answer's (Prism looks no further).
    expect(await live.answer('getSignupPlusAccounts', { example: 'multiple-accounts' })).toMatchObject({ ok: true, answer: { status: 200, body: await example('signup-plus-accounts.multiple-accounts') } });
    expect(await live.answer('getSignupPlusAccounts', {})).toMatchObject({ ok: true, answer: { status: 200 } });
  });

  it('says in its own words which choice the spec does not document', async () => {
    expect(await live.answer('requestToken', { status: 201 })).toEqual({ ok: false, reason: 'requestToken documents no answer for status 201.' });
    expect(await live.answer('getSignupPlusAccounts', { example: 'nope' })).toEqual({ ok: false, reason: 'getSignupPlusAccounts documents no answer for example "nope".' });
    expect(await live.answer('getSignupPlusAccounts', { status: 200, example: 'forbidden' })).toEqual({
      ok: false,
      reason: 'getSignupPlusAccounts documents no answer for status 200 with example "forbidden".',
    });
  });

  it('asks Prism once per static choice, and afresh for each dynamic one', async () => {
    const choice = { status: 404, example: 'account-not-found' };
    expect(live.answer('getSignupPlusAccounts', choice)).toBe(live.answer('getSignupPlusAccounts', { ...choice }));
    expect(live.answer('getSignupPlusAccounts', { status: 404 })).not.toBe(live.answer('getSignupPlusAccounts', choice));
    expect(live.answer('requestToken', { status: 404 })).not.toBe(live.answer('getSignupPlusAccounts', { status: 404 }));
    const dynamic = { status: 200, dynamic: true };
    expect(live.answer('getSignupPlusAccounts', dynamic)).not.toBe(live.answer('getSignupPlusAccounts', dynamic));
  });

  it('generates a dynamic answer from the schema, the same for the same seed', async () => {
    const generated = async (seed: string) => {
      const result = await live.answer('requestToken', { status: 200, dynamic: true, seed });
      return result.ok ? result.answer.body : result.reason;
    };
    const first = await generated('7');
    expect(first).not.toEqual(await example('token.success'));
    expect(first).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    expect(await generated('7')).toEqual(first);
    expect(await generated('8')).not.toEqual(first);
  });

  it('lists every documented choice: each operation bare, each status, each example with and without its status', async () => {
    const choices = live.documentedChoices();
    expect(choices.slice(0, 8)).toEqual([
      { operationId: 'requestToken', choice: {} },
      { operationId: 'requestToken', choice: { status: 200 } },
      { operationId: 'requestToken', choice: { status: 200, example: 'token' } },
      { operationId: 'requestToken', choice: { example: 'token' } },
      { operationId: 'requestToken', choice: { status: 400 } },
      { operationId: 'requestToken', choice: { status: 400, example: 'invalid-authorization-code' } },
      { operationId: 'requestToken', choice: { example: 'invalid-authorization-code' } },
      { operationId: 'requestToken', choice: { status: 400, example: 'invalid-grant' } },
    ]);
    expect(choices).toContainEqual({ operationId: 'getSignupPlusAccounts', choice: {} });
    expect(choices).toContainEqual({ operationId: 'getSignupPlusAccounts', choice: { status: 200, example: 'account-acc-8232b085624e6babf' } });
    expect(choices).toContainEqual({ operationId: 'getSignupPlusAccounts', choice: { example: 'rate-limit-exceeded' } });
    expect(choices).toHaveLength(57);
    expect(new Set(choices.map(({ operationId, choice }) => choiceKey(operationId, choice))).size).toBe(57);
  });

  it('gives the spec\'s query parameter schemas, by operation and name', () => {
    expect(live.querySchema('getSignupPlusAccounts', 'account_id')).toMatchObject(ACCOUNT_ID_SCHEMA);
    expect(live.querySchema('getSignupPlusAccounts', 'other')).toBeUndefined();
    expect(live.querySchema('requestToken', 'account_id')).toBeUndefined();
    const all = live.querySchemas();
    expect(Object.keys(all)).toEqual(['getSignupPlusAccounts']);
    expect(Object.keys(all.getSignupPlusAccounts ?? {})).toEqual(['account_id']);
    expect(all.getSignupPlusAccounts?.account_id).toMatchObject(ACCOUNT_ID_SCHEMA);
  });

  it('keeps Prism itself silent: the mock writes its own, redacted log', async () => {
    // Prism logs through pino straight to the process's stdout, not through console.
    const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
    const writes = [vi.spyOn(fs, 'write'), vi.spyOn(fs, 'writeSync')];
    try {
      // An engine of its own, loaded inside the test: Prism's logger is made as the engine loads.
      const quiet = await loadLivePrismEngine(SPEC_PATH);
      await quiet.answer('requestToken', { status: 200, dynamic: true, seed: 'quiet' });
      await quiet.answer('requestToken', { status: 299 });
      expect(writes.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
    } finally {
      for (const spy of writes) spy.mockRestore();
    }
  });

  it('reads the shapes of any spec: numbered statuses only, query parameters with a schema only, and a choice with neither status nor example', async () => {
    const spec = join(dir, 'shapes.yaml');
    await writeFile(spec, [
      'openapi: 3.1.0',
      "info: { title: shapes, version: '1' }",
      'paths:',
      '  /connect/token:',
      '    post:',
      '      operationId: requestToken',
      '      responses:',
      "        '400': { description: refused, content: { application/json: {} } }",
      '  /signup-plus/accounts:',
      '    get:',
      '      operationId: getSignupPlusAccounts',
      '      parameters:',
      '        - { name: filter, in: query, content: { application/json: { schema: { type: object } } } }',
      '        - { name: account_id, in: query, schema: { type: string } }',
      '      responses:',
      "        '200': { description: ok, content: { application/json: { schema: { type: object } } } }",
      '        4XX: { description: any refusal }',
      '',
    ].join('\n'));
    const shapes = await loadLivePrismEngine(spec);
    // A status range (4XX) or `default` is no status a caller can ask for.
    expect(shapes.documentedChoices()).toEqual([
      { operationId: 'requestToken', choice: {} },
      { operationId: 'requestToken', choice: { status: 400 } },
      { operationId: 'getSignupPlusAccounts', choice: {} },
      { operationId: 'getSignupPlusAccounts', choice: { status: 200 } },
    ]);
    // A parameter described by `content` has no schema of its own to check a value against.
    expect(Object.keys(shapes.querySchemas().getSignupPlusAccounts ?? {})).toEqual(['account_id']);
    expect(shapes.querySchema('getSignupPlusAccounts', 'filter')).toBeUndefined();
    expect(await shapes.answer('requestToken', { dynamic: true })).toEqual({ ok: false, reason: 'requestToken documents no answer for this request.' });
  });

  it('refuses a spec without one of the operations the mock serves, naming it', async () => {
    const spec = join(dir, 'one-operation.yaml');
    const text = (await readFile(SPEC_PATH, 'utf8')).replace('operationId: getSignupPlusAccounts', 'operationId: somethingElse');
    await cp(join(SPEC_PATH, '..', 'examples'), join(dir, 'examples'), { recursive: true });
    await writeFile(spec, text);
    await expect(loadLivePrismEngine(spec)).rejects.toThrow(/^The spec has no operation getSignupPlusAccounts\.$/);
    expect(OPERATION_IDS).toEqual(['requestToken', 'getSignupPlusAccounts']);
  });

  it('serves Prism the English-only faker under the full package\'s module id (same generator, a faster start)', async () => {
    const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
    const mainPath = prismRequire.resolve('@faker-js/faker');
    const cache = prismRequire.cache;
    const before = cache[mainPath];
    delete cache[mainPath];
    try {
      await loadLivePrismEngine(SPEC_PATH);
      const served = cache[mainPath];
      const english = prismRequire('@faker-js/faker/locale/en') as object;
      expect(served?.loaded).toBe(true);
      expect(served?.filename).toBe(mainPath);
      const exports = served?.exports as Record<string, unknown>;
      expect(exports.faker).toBe(english);
      expect(exports.default).toBe(english);
      expect(exports.__esModule).toBe(true);
      for (const name of ['Faker', 'FakerError', 'Gender']) expect(exports[name], name).toBeDefined();
      expect(typeof exports.Faker).toBe('function');
      expect(new (exports.FakerError as new (message: string) => Error)('x')).toBeInstanceOf(Error);
      expect(Object.values(exports.Gender as object)).toContain('female');
      // Already served: a second start leaves the module as it is.
      await loadLivePrismEngine(SPEC_PATH);
      expect(cache[mainPath]).toBe(served);
    } finally {
      if (before) cache[mainPath] = before;
    }
  });
});

describe('the live engine of a spec, shared by the mocks of one process', () => {
  /** No precomputed file: what every mock started from the sources gets. */
  const noFile = (): string => join(dir, 'no-answers-file.json');

  it('is read once per spec, whatever the path\'s spelling, and read again after the spec or an example changed', async () => {
    const copy = join(dir, 'shared');
    await cp(join(SPEC_PATH, '..'), copy, { recursive: true });
    const spec = join(copy, 'signup-plus.openapi.yaml');
    const first = await loadPrismEngine(spec, noFile());
    expect(await loadPrismEngine(spec, noFile())).toBe(first);
    expect(await loadPrismEngine(relative(process.cwd(), spec), noFile())).toBe(first);

    const token = join(copy, 'examples', 'token.success.json');
    await writeFile(token, JSON.stringify({ ...(JSON.parse(await readFile(token, 'utf8')) as object), expires_in: 1234 }));
    const afterExample = await loadPrismEngine(spec, noFile());
    expect(afterExample).not.toBe(first);
    expect(await afterExample.answer('requestToken', { status: 200, example: 'token' })).toMatchObject({ ok: true, answer: { body: { expires_in: 1234 } } });
    // The engine read before the edit keeps its answers; only later mocks see the edit.
    expect(await first.answer('requestToken', { status: 200, example: 'token' })).toMatchObject({ ok: true, answer: { body: { expires_in: 3600 } } });

    await writeFile(spec, `${await readFile(spec, 'utf8')}\n# edited\n`);
    const afterSpec = await loadPrismEngine(spec, noFile());
    expect(afterSpec).not.toBe(afterExample);
    expect(await loadPrismEngine(spec, noFile())).toBe(afterSpec);
  });

  it('a spec that failed to load is read again by the next mock, even with the same bytes', async () => {
    // The spec's bytes stay the same; what changes is a file it references by $ref, outside the digest.
    const copy = join(dir, 'shared-external');
    await cp(join(SPEC_PATH, '..'), copy, { recursive: true });
    const spec = join(copy, 'signup-plus.openapi.yaml');
    const text = await readFile(spec, 'utf8');
    const withRef = text.replace(/\n( {8})last_name:\n {10}type: string\n/, "\n$1last_name:\n          $ref: './external/name.yaml'\n");
    expect(withRef).not.toBe(text);
    await writeFile(spec, withRef);
    await expect(loadPrismEngine(spec, noFile())).rejects.toThrow(/external\/name\.yaml/);
    await mkdir(join(copy, 'external'));
    await writeFile(join(copy, 'external', 'name.yaml'), 'type: string\n');
    expect(await (await loadPrismEngine(spec, noFile())).answer('requestToken', { status: 200, example: 'token' })).toMatchObject({ ok: true });
  });
});

describe('what a route handler asks of the engine (mocks/exchange.ts)', () => {
  it('a named answer is the engine\'s; one the spec lacks is a bug in the scenario table, reported with the choice and the reason', async () => {
    const exchange = { engine: live } as unknown as Exchange;
    expect(await named(exchange, 'requestToken', { status: 200, example: 'token' })).toMatchObject({ status: 200, body: await example('token.success') });
    await expect(named(exchange, 'requestToken', { status: 201 })).rejects.toThrow(
      new Error('Prism has no answer for requestToken {"status":201}: requestToken documents no answer for status 201.'),
    );
  });

  it('withBody keeps the status and headers of the answer and replaces only its body', () => {
    const answer = { status: 418, headers: { 'X-A': '1' }, body: { a: 1 } };
    expect(withBody(answer, { b: 2 })).toEqual({ status: 418, headers: { 'X-A': '1' }, body: { b: 2 } });
    expect(answer.body).toEqual({ a: 1 });
  });
});

describe('precomputed answers', () => {
  it('the build writes every documented choice\'s answer, keyed by choice, with the spec\'s digest and query schemas', async () => {
    const out = join(dir, 'answers.json');
    expect(await writePrecomputedAnswers(SPEC_PATH, out)).toBe(57);
    const text = await readFile(out, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const file = JSON.parse(text) as { digest: string; answers: Record<string, unknown>; querySchemas: Record<string, Record<string, unknown>> };
    expect(file.digest).toBe(specDigest(SPEC_PATH));
    expect(Object.keys(file.answers)).toHaveLength(57);
    // The keys are the file's format, read by the compiled mock: operation, status, example, blank when absent.
    expect(Object.keys(file.answers)).toContain('requestToken 200 ');
    expect(Object.keys(file.answers)).toContain('requestToken  ');
    expect(file.answers['requestToken 200 token']).toEqual(JSON.parse(JSON.stringify(await live.answer('requestToken', { status: 200, example: 'token' }))));
    expect(file.answers['getSignupPlusAccounts 403 forbidden']).toMatchObject({ ok: true, answer: { status: 403 } });
    // What Prism refuses is kept too, so the compiled mock refuses it the same way without loading Prism.
    expect(file.answers['getSignupPlusAccounts  forbidden']).toEqual({ ok: false, reason: 'getSignupPlusAccounts documents no answer for example "forbidden".' });
    expect(file.querySchemas.getSignupPlusAccounts?.account_id).toMatchObject(ACCOUNT_ID_SCHEMA);
  });

  it('are served while their digest matches the spec: a choice or a dynamic one they lack goes to Prism', async () => {
    const out = join(dir, 'doctored.json');
    // A doctored file with the right digest: what the engine serves can only have come from it.
    const marker = { ok: true, answer: { status: 200, headers: {}, body: { from: 'the file' } } };
    const querySchemas = { getSignupPlusAccounts: { account_id: { type: 'string', maxLength: 3 } } };
    await writeFile(out, JSON.stringify({ digest: specDigest(SPEC_PATH), answers: { [choiceKey('requestToken', { status: 200 })]: marker }, querySchemas }));
    const engine = await loadPrismEngine(SPEC_PATH, out);
    expect(await engine.answer('requestToken', { status: 200 })).toEqual(marker);
    expect(engine.querySchema('getSignupPlusAccounts', 'account_id')).toEqual({ type: 'string', maxLength: 3 });
    expect(engine.querySchema('requestToken', 'account_id')).toBeUndefined();
    expect(await engine.answer('requestToken', { status: 200, example: 'token' })).toMatchObject({ ok: true, answer: { body: await example('token.success') } });
    const dynamic = await engine.answer('requestToken', { status: 200, dynamic: true, seed: '1' });
    expect(dynamic.ok && dynamic.answer.body).not.toEqual({ from: 'the file' });
    expect(await engine.answer('getSignupPlusAccounts', { status: 201 })).toEqual({ ok: false, reason: 'getSignupPlusAccounts documents no answer for status 201.' });

    // Computed for another spec: Prism answers live.
    await writeFile(out, JSON.stringify({ digest: 'another spec', answers: { [choiceKey('requestToken', { status: 200 })]: marker }, querySchemas }));
    const stale = await loadPrismEngine(SPEC_PATH, out);
    expect(await stale.answer('requestToken', { status: 200 })).toMatchObject({ ok: true, answer: { body: await example('token.success') } });
    expect(stale.querySchema('getSignupPlusAccounts', 'account_id')).toMatchObject(ACCOUNT_ID_SCHEMA);
    // (No file at all is what every mock started from the sources reads.)
  });

  it('the digest covers the spec and each example file by name and bytes', async () => {
    const copy = join(dir, 'digest');
    await cp(join(SPEC_PATH, '..'), copy, { recursive: true });
    const spec = join(copy, 'signup-plus.openapi.yaml');
    const original = specDigest(spec);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(original).toBe(specDigest(SPEC_PATH));
    const examples = join(copy, 'examples');
    const token = join(examples, 'token.success.json');
    const bytes = await readFile(token);
    await writeFile(token, Buffer.concat([bytes, Buffer.from(' ')]));
    expect(specDigest(spec)).not.toBe(original);
    await rm(token);
    await writeFile(join(examples, 'token.success2.json'), bytes);
    expect(specDigest(spec)).not.toBe(original);
    await rm(join(examples, 'token.success2.json'));
    await writeFile(token, bytes);
    expect(specDigest(spec)).toBe(original);
    await writeFile(spec, `${await readFile(spec, 'utf8')}\n`);
    expect(specDigest(spec)).not.toBe(original);
    // A spec without an examples folder is digested alone.
    await mkdir(join(dir, 'lone'));
    const lone = join(dir, 'lone', 'lone.yaml');
    await writeFile(lone, 'openapi: 3.1.0\n');
    const { createHash } = await import('node:crypto');
    expect(specDigest(lone)).toBe(createHash('sha256').update('openapi: 3.1.0\n').digest('hex'));
  });
});
