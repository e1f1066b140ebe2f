// Breakage demos: each breaks one thing in a temporary copy of the project and shows that the step meant to
// catch it fails, with a message that says what broke.
//   1. the client renames a form field (and the pact request builder follows): the consumer step passes, the spec
//      check fails;
//   2. a response field is removed from the spec: the spec check of the committed pacts fails;
//   3. the mock answers a different status: the verification fails;
// and a committed pact edited by hand is reported stale when the consumer tests regenerate it.
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACTS_DIR } from '../../../scripts/lib/project-paths.ts';
import { runContractPipeline } from '../../../scripts/contracts/pipeline.ts';
import type { RunningProvider } from '../../../scripts/contracts/pipeline.ts';
import { FAKE_CLIENT } from '../../../scripts/contracts/pact-names.ts';
import { sharedConsumerRun } from './shared-consumer-run.ts';
import { copyProject } from './temp-copy.ts';
import type { TempCopy } from './temp-copy.ts';

const copies: TempCopy[] = [];
afterAll(() => Promise.all(copies.map((c) => c.remove())));

async function copy(parts: readonly string[]): Promise<TempCopy> {
  const c = await copyProject(parts);
  copies.push(c);
  return c;
}

describe('breakage demos', () => {
  it('a form field renamed in the client and its pact test passes the consumer step and fails the spec check', async () => {
    const c = await copy(['src', 'specs', 'mocks', 'scripts', 'pact', 'tests/contracts', 'contracts', 'package.json', 'tsconfig.json']);
    await c.edit('src/client.ts', 'redirect_uri: o.redirectUri', 'redirect_url: o.redirectUri');
    await c.edit('pact/interactions.ts', "redirect_uri: formField('redirect_uri'", "redirect_url: formField('redirect_uri'");
    const lines: string[] = [];

    // The developer regenerates the pacts (--update), so the pacts are not stale: only the spec check can object.
    const result = await runContractPipeline({
      steps: ['consumer', 'spec'],
      update: true,
      rootDir: c.root,
      contractsDir: c.path('contracts'),
      specPath: c.path('specs/signup-plus.openapi.yaml'),
      consumerOutput: 'dot',
      reportDir: false,
      log: (l) => lines.push(l),
    });

    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.name, s.ok]), lines.join('\n')).toEqual([
      ['consumer tests', true],
      ['committed pacts', true],
      ['spec check', false],
    ]);
    expect(result.steps[0]?.summary).toMatch(/^14 passed, 0 failed; /);
    expect(result.steps[2]?.summary).toBe(`9/14 interactions match ${c.path('specs/signup-plus.openapi.yaml')}`);
    for (const description of [
      'a JSON request to exchange an authorization code for tokens',
      'a request to exchange a code with a client secret the server does not know',
      'a request to exchange an authorization code for tokens',
      'a request to exchange an authorization code with a PKCE code_verifier',
      'a request to exchange an expired authorization code',
    ]) {
      expect(lines).toContain(
        `  ERROR truelayer-auth: "${description}": Request body is incompatible with the request body schema in the spec file: must have required property 'redirect_uri' [request.body.incompatible]`,
      );
      expect(lines).toContain(
        `  ERROR truelayer-auth: "${description}": Request body is incompatible with the request body schema in the spec file: must NOT have additional properties - redirect_url [request.body.incompatible]`,
      );
    }
    expect(result.matrix.rows.filter((r) => !r.ok).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /connect/token 200',
      'POST /connect/token 400',
    ]);
  });

  it('a response field removed from the spec fails the spec check of the committed pacts', async () => {
    const c = await copy(['specs']);
    const spec = 'specs/signup-plus.openapi.yaml';
    await c.edit(spec, 'required: [first_name, last_name, date_of_birth, address, account_details]', 'required: [first_name, date_of_birth, address, account_details]');
    await c.edit(spec, /\n {8}last_name:\n {10}type: string\n/, '\n');
    const lines: string[] = [];

    const result = await runContractPipeline({ steps: ['spec'], contractsDir: CONTRACTS_DIR, specPath: c.path(spec), reportDir: false, log: (l) => lines.push(l) });

    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([['spec check', false]]);
    expect(result.steps[0]?.summary).toBe(`12/14 interactions match ${c.path(spec)}`);
    const failed = result.specCheck?.interactions.filter((i) => !i.ok).map((i) => i.interaction.description);
    expect(failed).toEqual(['a request for the identity behind one account_id', 'a request for the identity of a user with one account']);
    expect(lines).toContain(
      '  ERROR truelayer-signup-plus: "a request for the identity of a user with one account": Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - last_name [response.body.incompatible]',
    );
    expect(result.matrix.rows.find((r) => r.method === 'GET' && r.status === 200)).toMatchObject({ specCheck: 'fail', ok: false });
  });

  it('the mock answering a different status fails the verification of that interaction only', async () => {
    // package.json too: the copy's src/package-root.ts finds the package (and its spec) by it.
    const c = await copy(['mocks', 'src', 'specs', 'package.json']);
    await c.edit('mocks/provider-states.ts', `{ state: "the user's bank consent has expired", code: 'reconnect-required' }`, `{ state: "the user's bank consent has expired", code: 'server-error' }`);
    const { startMock } = (await import(c.path('mocks/index.ts'))) as typeof import('../../../mocks/index.ts');
    const startProvider = (): Promise<RunningProvider> => startMock({ port: 0, host: '127.0.0.1', quiet: true, providerStates: true, ...FAKE_CLIENT });
    const lines: string[] = [];

    const result = await runContractPipeline({ steps: ['verify'], contractsDir: CONTRACTS_DIR, startProvider, reportDir: false, log: (l) => lines.push(l) });

    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.name, s.ok, s.summary])).toEqual([
      ['verification', false, '13/14 interactions honoured by the mock (truelayer-auth 6, truelayer-signup-plus 8)'],
    ]);
    expect(lines).toContain('  ERROR truelayer-signup-plus: "a request for the identity after the bank consent expired" failed against the provider:');
    expect(lines).toContain('      status: expected 403 but was 500');
    expect(result.matrix.rows.filter((r) => !r.ok).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /signup-plus/accounts 403']);
  });

  it('a committed pact that differs from the regenerated one fails the committed-pacts step, naming the file', async () => {
    const c = await copy(['contracts']);
    await c.edit('contracts/signup-plus-harness-truelayer-auth.json', '"a request to refresh an access token"', '"a request to refresh a token"');
    const lines: string[] = [];

    // The project's consumer tests run once per process: the pipeline test (pipeline.test.ts) regenerates the same pacts.
    const result = await runContractPipeline({
      steps: ['consumer'],
      contractsDir: c.path('contracts'),
      consumerTests: sharedConsumerRun,
      consumerOutput: 'dot',
      reportDir: false,
      log: (l) => lines.push(l),
    });

    // The summaries in the message: a consumer step that fails here says why (e.g. a test timed out).
    expect(result.steps.map((s) => [s.name, s.ok]), lines.join('\n')).toEqual([
      ['consumer tests', true],
      ['committed pacts', false],
    ]);
    expect(lines).toContain(`  ${c.path('contracts')}/signup-plus-harness-truelayer-auth.json differs from what the consumer tests generate now`);
    expect(lines).toContain('  The committed pacts are stale: run `npm run contracts -- --update` and commit contracts/.');
    expect(result.ok).toBe(false);
  });
});
