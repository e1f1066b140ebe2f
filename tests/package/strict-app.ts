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
import { PROVIDERS, PROVIDER_STATES, type ProviderName } from 'signup-plus-harness/pact';

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
`;
