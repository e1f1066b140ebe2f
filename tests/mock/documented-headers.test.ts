// Every documented answer the mock gives carries valid values for the spec's documented headers (Tl-Trace-Id on
// Signup+ answers, X-Tl-Correlation-Id and Cache-Control: no-store on token answers, Retry-After on 429) and a
// body the spec accepts: the client's full check (body and headers) finds nothing, so the smoke run against the
// mock reports no drift.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { SCENARIOS } from '../../mocks/scenarios.ts';
import { SignupPlusError, createClient, customEnvironment, type ResponseMeta, type SignupPlusClient, type ValidationIssue } from '../../src/index.ts';
import { clientFor } from './support.ts';

const REDIRECT = 'https://app.example/callback';
let mock: RunningMock;
let client: SignupPlusClient;

beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true, clientId: 'test-client', clientSecret: 'test-secret' });
  client = clientFor(mock.url);
});
afterAll(() => mock.close());

/** The findings of an answer, whether the client returned it (meta.issues) or threw a typed error for it. */
async function findingsOf(call: () => Promise<{ meta: ResponseMeta }>): Promise<{ status: number | undefined; issues: ValidationIssue[] }> {
  try {
    const { meta } = await call();
    return { status: meta.status, issues: meta.issues };
  } catch (error) {
    if (!(error instanceof SignupPlusError) || !('issues' in error)) throw error;
    return { status: error.status, issues: error.issues as ValidationIssue[] };
  }
}

const answerScenarios = SCENARIOS.filter((scenario) => !scenario.fault);

describe('documented answers of the mock against the spec, headers included', () => {
  it.each(answerScenarios.map((s) => [s.code, s.token?.status ?? 200] as const))('token answer of %s (HTTP %i)', async (code, status) => {
    expect(await findingsOf(() => client.exchangeCode({ code, redirectUri: REDIRECT }))).toEqual({ status, issues: [] });
  });

  it.each(answerScenarios.filter((s) => !s.token).map((s) => [s.code, s.accounts.status] as const))('accounts answer of %s (HTTP %i)', async (code, status) => {
    const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT });
    expect(await findingsOf(() => client.getAccounts({ accessToken: tokens.accessToken }))).toEqual({ status, issues: [] });
  });

  it.each([
    ['a listed account_id', 'acc-8232b085624e6babf', 200],
    ['an unlisted account_id', 'acc-000000000000000', 404],
  ] as const)('accounts answer for %s (HTTP %i)', async (_name, accountId, status) => {
    const tokens = await client.exchangeCode({ code: 'multiple-accounts', redirectUri: REDIRECT });
    expect(await findingsOf(() => client.getAccounts({ accessToken: tokens.accessToken, accountId }))).toEqual({ status, issues: [] });
  });

  it.each([
    ['an unknown access token', () => client.getAccounts({ accessToken: 'not-a-token-of-this-mock' }), 401],
    ['a refresh token the mock never issued', () => client.refreshToken({ refreshToken: 'not-a-refresh-token' }), 400],
    [
      'wrong client credentials',
      () => createClient({ environment: customEnvironment({ authUrl: mock.url, apiUrl: mock.url }), clientId: 'test-client', clientSecret: 'wrong-secret' })
        .exchangeCode({ code: 'single-account', redirectUri: REDIRECT }),
      400,
    ],
  ] as const)('refusal for %s (HTTP %i)', async (_name, call, status) => {
    expect(await findingsOf(call)).toEqual({ status, issues: [] });
  });
});
