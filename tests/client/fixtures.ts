// Shared setup for the client tests: a MockAgent per test (no sockets), the spec's own example bodies, and
// distinctive fake secrets that the redaction tests look for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import type { MockCallHistoryLog } from 'undici';
import { createClient, customEnvironment } from '../../src/index.ts';
import type { ClientOptions, SignupPlusClient } from '../../src/index.ts';
import { EXAMPLES_DIR } from '../../scripts/lib/project-paths.ts';

export const AUTH_ORIGIN = 'https://auth.signup-plus.test';
export const API_ORIGIN = 'https://api.signup-plus.test';
export const ENVIRONMENT = customEnvironment({ authUrl: AUTH_ORIGIN, apiUrl: API_ORIGIN });

export const CLIENT_ID = 'client-id-harness';
export const CLIENT_SECRET = 'SECRET-c0ffee-client-secret-1f2e';
export const AUTH_CODE = 'SECRET-c0ffee-auth-code-9a8b';
export const ACCESS_TOKEN = 'SECRET-c0ffee-access-token-7c6d';
export const REFRESH_TOKEN = 'SECRET-c0ffee-refresh-token-5e4f';
export const NEW_ACCESS_TOKEN = 'SECRET-c0ffee-new-access-token-3a2b';
export const NEW_REFRESH_TOKEN = 'SECRET-c0ffee-new-refresh-token-1c0d';
export const ALL_SECRETS = [CLIENT_SECRET, AUTH_CODE, ACCESS_TOKEN, REFRESH_TOKEN, NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN];
export const REDIRECT_URI = 'https://app.example.test/callback';
export const TRACE_ID = '7d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a';

export const JSON_HEADERS = { 'content-type': 'application/json', 'tl-trace-id': TRACE_ID };
export const PROBLEM_HEADERS = { 'content-type': 'application/problem+json', 'tl-trace-id': TRACE_ID };
/** The auth host's answers carry X-Tl-Correlation-Id, not Tl-Trace-Id (what TrueLayer's SDKs read there). */
export const TOKEN_HEADERS = { 'content-type': 'application/json', 'x-tl-correlation-id': TRACE_ID, 'cache-control': 'no-store' };

/** The two paths the client calls, and the smallest token answer the spec allows. */
export const TOKEN_PATH = '/connect/token';
export const ACCOUNTS_PATH = '/signup-plus/accounts';
export const TOKEN_BODY = { access_token: NEW_ACCESS_TOKEN, expires_in: 3600, token_type: 'Bearer' };

/** A spec example (specs/examples/<name>.json), parsed fresh each time so tests may mutate it. */
export function example<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as T;
}

export interface Harness {
  agent: MockAgent;
  client: SignupPlusClient;
  auth: ReturnType<MockAgent['get']>;
  api: ReturnType<MockAgent['get']>;
  calls(): MockCallHistoryLog[];
}

/** A client on a fresh MockAgent (network disabled), with retries fast enough for tests. */
export function harness(options: Partial<ClientOptions> = {}): Harness {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const client = createClient({
    environment: ENVIRONMENT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    dispatcher: agent,
    retry: { minDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return {
    agent,
    client,
    auth: agent.get(AUTH_ORIGIN),
    api: agent.get(API_ORIGIN),
    calls: () => agent.getCallHistory()?.calls() ?? [],
  };
}

/** Runs `fn`, expecting it to reject; returns the rejection (fails the test if it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
