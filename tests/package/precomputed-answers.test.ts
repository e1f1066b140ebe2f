// The compiled mock serves Prism's answers computed at build time (dist/mocks/prism-answers.json): they must be
// exactly what Prism answers live for the same spec, and a spec that changed after the build must go to Prism.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLivePrismEngine, type AnswerChoice, type LivePrismEngine, type OperationId, type PrismEngine } from '../../mocks/prism-engine.ts';
import { ROOT_DIR, SPEC_PATH } from '../../scripts/lib/project-paths.ts';

interface CompiledModule {
  loadPrismEngine(specPath: string): Promise<PrismEngine>;
  PRECOMPUTED_PATH: string;
  specDigest(specPath: string): string;
}
const compiled = (): Promise<CompiledModule> => import(join(ROOT_DIR, 'dist', 'mocks', 'precomputed-answers.js')) as Promise<CompiledModule>;

let live: LivePrismEngine;
let copy: string;
beforeAll(async () => {
  live = await loadLivePrismEngine(SPEC_PATH);
  copy = await mkdtemp(join(tmpdir(), 'spec-copy-'));
  await cp(join(ROOT_DIR, 'specs'), copy, { recursive: true });
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe('precomputed Prism answers', () => {
  it('cover every documented choice, each equal to what Prism answers live', async () => {
    const { PRECOMPUTED_PATH, specDigest } = await compiled();
    const file = JSON.parse(await readFile(PRECOMPUTED_PATH, 'utf8')) as { digest: string; answers: Record<string, unknown> };
    expect(file.digest).toBe(specDigest(SPEC_PATH));
    const choices = live.documentedChoices();
    expect(Object.keys(file.answers).length).toBe(choices.length);
    for (const { operationId, choice } of choices) {
      expect(file.answers[`${operationId} ${choice.status ?? ''} ${choice.example ?? ''}`], JSON.stringify(choice)).toEqual(await live.answer(operationId, choice));
    }
  });

  it('are what the compiled engine serves, and a choice outside them still gets Prism’s answer', async () => {
    const engine = await (await compiled()).loadPrismEngine(SPEC_PATH);
    const asks: Array<[OperationId, AnswerChoice]> = [
      ['requestToken', { status: 200, example: 'token' }],
      ['getSignupPlusAccounts', { status: 200, example: 'multiple-accounts' }],
      ['getSignupPlusAccounts', { status: 418 }],
    ];
    for (const [operationId, choice] of asks) expect(await engine.answer(operationId, choice)).toEqual(await live.answer(operationId, choice));
    expect(engine.querySchema('getSignupPlusAccounts', 'account_id')).toEqual(live.querySchema('getSignupPlusAccounts', 'account_id'));
  });

  it('are ignored once the spec or an example differs from the build: Prism answers from the edited files', async () => {
    const example = join(copy, 'examples', 'token.success.json');
    const edited = { ...(JSON.parse(await readFile(example, 'utf8')) as Record<string, unknown>), expires_in: 1234 };
    await writeFile(example, JSON.stringify(edited));
    const engine = await (await compiled()).loadPrismEngine(join(copy, 'signup-plus.openapi.yaml'));
    const answer = await engine.answer('requestToken', { status: 200, example: 'token' });
    expect(answer).toMatchObject({ ok: true, answer: { body: { expires_in: 1234 } } });
  });
});
