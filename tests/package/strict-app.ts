// A team's TypeScript: the strictest settings an app is likely to use (strict, exactOptionalPropertyTypes,
// skipLibCheck off), with both module resolutions an app picks (node16 for Node, bundler for Vite and friends).
import { join } from 'node:path';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';

const strict = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022'],
  // @types/node from this repository: an app has its own; the harness's .d.ts use node:http and undici types.
  typeRoots: [join(ROOT_DIR, 'node_modules', '@types')],
  types: ['node'],
};

export const APP_TSCONFIGS: Record<string, object> = {
  node16: { compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16' }, include: ['src'] },
  bundler: { compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' }, include: ['src'] },
};

/** Uses every entry and the generated types the way an app's code would; it must compile as it is. */
export const STRICT_APP_SOURCE = `
import {
  createClient, customEnvironment, SANDBOX, SignupPlusError, OAuthError, ProblemError,
  type AccountsResult, type Identity, type TokenResponse, type TokenSet, type SignupPlusClient, type ClientOptions,
} from 'signup-plus-harness';
import { startMock, SCENARIOS, type MockOptions, type RunningMock, type Scenario, type FaultName } from 'signup-plus-harness/mock';
import { SPEC_PATH, EXAMPLES_DIR, SPEC_FILES } from 'signup-plus-harness/spec';
import {
  PROVIDERS, PROVIDER_STATES, accountsRequest, codeExchangeRequest, refreshRequest, shapeOf, verifyPacts, type ProviderName, type PactRequest,
} from 'signup-plus-harness/pact';

const options: ClientOptions = { environment: SANDBOX, clientId: 'id', clientSecret: 'secret' };
export const client: SignupPlusClient = createClient(options);
export const local = (mock: RunningMock): SignupPlusClient => createClient({ environment: customEnvironment({ authUrl: mock.url, apiUrl: mock.url }), clientId: 'id' });
export const mockOptions: MockOptions = { port: 0, quiet: true, latencyMs: 20 };
export const started: Promise<RunningMock> = startMock(mockOptions);
export const firstName = (identity: Identity): string => identity.first_name;
export const expiresIn = (token: TokenResponse): number => token.expires_in;
export const refresh = (set: TokenSet): string | undefined => set.refreshToken;
export function names(result: AccountsResult): string[] {
  return result.kind === 'identity' ? [result.identity.first_name] : result.accounts.map((account) => account.account_id);
}
export function describeError(error: unknown): string {
  if (error instanceof OAuthError) return error.code;
  if (error instanceof ProblemError) return error.code;
  return error instanceof SignupPlusError ? error.code : 'unknown';
}
export const faults: FaultName[] = SCENARIOS.flatMap((scenario: Scenario) => (scenario.fault ? [scenario.fault] : []));
export const provider: ProviderName = PROVIDERS.auth;
export const states: string[] = PROVIDER_STATES.map((row) => row.state);
export const files: readonly string[] = [SPEC_PATH, EXAMPLES_DIR, ...SPEC_FILES];

// An explicit undefined is "not given" in every optional input: under exactOptionalPropertyTypes an app writes
// { accountId: maybeId } and must not need a conditional spread for it.
const maybe = (value: string): string | undefined => (value === '' ? undefined : value);
export const loose = (secret: string): SignupPlusClient => createClient({
  environment: SANDBOX, clientId: 'id', clientSecret: maybe(secret), dispatcher: undefined, validateResponses: undefined,
  timeouts: { connectMs: undefined, headersMs: undefined, bodyMs: undefined },
  retry: { maxAttempts: undefined, maxElapsedMs: undefined, minDelayMs: undefined, maxDelayMs: undefined },
  userAgent: undefined, tokenRequestBody: undefined,
});
export const link = (c: SignupPlusClient, state: string) =>
  c.buildAuthLink({ redirectUri: 'https://app.example/callback', state: maybe(state), nonce: undefined, scopes: undefined, providers: undefined, providerId: undefined, responseMode: undefined, codeChallenge: undefined });
export const exchanged = (c: SignupPlusClient, code: string, verifier: string): Promise<TokenSet> =>
  c.exchangeCode({ code, redirectUri: 'https://app.example/callback', codeVerifier: maybe(verifier), signal: undefined, timeouts: undefined });
export const refreshed = (c: SignupPlusClient, token: string): Promise<TokenSet> => c.refreshToken({ refreshToken: token, signal: undefined, timeouts: undefined });
export const accounts = (c: SignupPlusClient, token: string, id: string): Promise<AccountsResult> => c.getAccounts({ accessToken: token, accountId: maybe(id) });
export const identities = (c: SignupPlusClient, token: string) => c.getAllIdentities({ accessToken: token, maxAccounts: undefined, signal: undefined });
export const looseMock = (secret: string): Promise<RunningMock> => startMock({
  port: undefined, host: undefined, quiet: undefined, latencyMs: undefined, jitterMs: undefined, dynamic: undefined, seed: undefined,
  clientId: undefined, clientSecret: maybe(secret), log: undefined, providerStates: undefined, slowMs: undefined, specPath: undefined,
  redirectUris: undefined, cors: undefined, now: undefined, journalSize: undefined, wait: undefined,
});
export const journal = (mock: RunningMock, path: string) => mock.requests({ method: undefined, path: maybe(path) });
export const pactRequests = (verifier: string, id: string): PactRequest[] => [
  codeExchangeRequest({ code: undefined, codeVerifier: maybe(verifier), clientId: undefined, clientSecret: undefined, redirectUri: undefined, exact: undefined, encoding: undefined }),
  refreshRequest({ refreshToken: undefined, encoding: undefined }),
  accountsRequest({ accountId: maybe(id), accessToken: undefined, rejectedAccessToken: undefined }),
];
export const shaped = (value: unknown): unknown => shapeOf(value, { exact: undefined });
export const verified = (dir: string) => verifyPacts([dir], { providers: undefined, consumer: undefined, clientId: undefined, clientSecret: undefined, log: undefined, cwd: undefined });
`;
