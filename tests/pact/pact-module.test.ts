// signup-plus-harness/pact as a team meets it: names and states import without Pact installed (Pact is loaded on
// the first matcher call), credentials come from the provider state, and states are checked by type. The
// builders' exact output is pinned by the harness's own pacts (contracts/), which they regenerate byte for byte.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeExchangeRequest, PROVIDER_STATES, STATE_SENTENCES, accountsRequest, type ProviderState } from '../../pact/index.ts';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';

const run = promisify(execFile);

describe('signup-plus-harness/pact', () => {
  // In a fresh process: in this one, other test files may have loaded Pact already. That the first matcher
  // call does load it is shown by every consumer test (tests/contracts/consumer, examples/). The module as the
  // package ships it (dist/, rebuilt from the sources before the tests by tests/package/global-setup.ts): plain
  // node runs it, without the TypeScript loader's half second of CPU.
  it('imports without loading Pact', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const pact = await import('./dist/pact/index.js');
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((id) => id.includes('@pact-foundation/pact/'));
      console.log(JSON.stringify({ providers: pact.PROVIDERS, states: pact.STATE_SENTENCES.length, loaded }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT_DIR });
    expect(JSON.parse(stdout)).toEqual({ providers: { auth: 'truelayer-auth', signupPlus: 'truelayer-signup-plus' }, states: PROVIDER_STATES.length, loaded: false });
  });

  it('takes codes and tokens from the provider state, showing the fakes as examples', () => {
    const exchange = codeExchangeRequest() as unknown as { body: Record<string, Record<string, unknown>> };
    expect(exchange.body.code).toMatchObject({ 'pact:generator:type': 'ProviderState', expression: '${code}', value: 'example-authorization-code' });
    const accounts = accountsRequest({ accountId: 'acc-1' }) as unknown as { headers: Record<string, Record<string, unknown>>; query: Record<string, unknown> };
    expect(accounts.headers.Authorization).toMatchObject({ expression: 'Bearer ${accessToken}', value: 'Bearer example-access-token' });
    expect(accounts.query.account_id).toMatchObject({ 'pact:matcher:type': 'regex', value: 'acc-1' });
  });

  it('lists every sentence of the mock\'s state table, and types them', () => {
    expect(STATE_SENTENCES).toEqual(PROVIDER_STATES.map((row) => row.state));
    const known: ProviderState = 'the user is rate limited';
    // @ts-expect-error a sentence the mock does not know is a type error
    const unknown: ProviderState = 'the user has a savings account';
    expect([known, unknown]).toHaveLength(2);
  });
});
