// The smoke run's configuration, read only from environment variables (plus an optional `.env` file), and
// checked in full before any request: every missing or invalid variable is named at once, so one fix-and-rerun
// is enough, and a misconfigured run never reaches TrueLayer.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { LIVE, SANDBOX, customEnvironment, type Environment } from '../../src/environments.ts';
import { shippedFile } from '../lib/project-paths.ts';
import { readRefreshTokenFile } from './refresh-token-store.ts';
import { isScenarioCode } from '../../mocks/scenarios.ts';

export type Grant =
  | { kind: 'authorization_code'; code: string; redirectUri: string }
  | { kind: 'refresh_token'; refreshToken: string; source: 'env' | 'file' };

export interface SmokeConfig {
  environment: Environment;
  clientId: string;
  clientSecret: string;
  grant: Grant;
  /** Absolute path where the newest refresh token is kept between runs, when configured. */
  refreshTokenFile?: string;
  /** Per-request timeout (connect, headers, body), in milliseconds. */
  timeoutMs: number;
  /** Things worth saying that do not stop the run (e.g. a refresh-token file readable by others). */
  notices: string[];
}

export interface ConfigProblem {
  variable: string;
  problem: string;
}

export type ConfigResult = { ok: true; config: SmokeConfig } | { ok: false; problems: ConfigProblem[] };

/** Default per-request timeout; three attempts of it stay under the 25 s step budget (see run-smoke.ts). */
export const DEFAULT_TIMEOUT_MS = 8_000;

/** Where the variables are explained, as files the user can open from `cwd` (the package ships them). */
const see = (cwd: string): string => `see ${shippedFile('.env.example', cwd)} and ${shippedFile('docs/smoke.md', cwd)}`;

/** The variables the smoke run reads, in the order `--help` lists them. */
export const SMOKE_VARIABLES = [
  ['TRUELAYER_ENV', '`sandbox` (default) or `live`'],
  ['TRUELAYER_CLIENT_ID', "the app's client id from TrueLayer Console (required)"],
  ['TRUELAYER_CLIENT_SECRET', "the app's client secret (required)"],
  ['TRUELAYER_REDIRECT_URI', 'the redirect URI registered for the app (required with TRUELAYER_CODE)'],
  ['TRUELAYER_CODE', 'an authorization code to exchange (single use), or'],
  ['TRUELAYER_REFRESH_TOKEN', 'a refresh token (for unattended nightly runs)'],
  ['TRUELAYER_REFRESH_TOKEN_FILE', 'where the newest refresh token is kept between runs (read first when it exists)'],
  ['TRUELAYER_AUTH_URL', 'override the auth host (the mock, a proxy, a test server)'],
  ['TRUELAYER_API_URL', 'override the API host'],
  ['TRUELAYER_SMOKE_TIMEOUT', `per-request timeout in seconds (default ${DEFAULT_TIMEOUT_MS / 1000}); --timeout wins`],
] as const;

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
};

/** Parses a timeout given in seconds (decimals allowed); undefined when absent, NaN when invalid. */
export function parseTimeoutSeconds(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 && seconds <= 120 ? Math.round(seconds * 1000) : Number.NaN;
}

/**
 * Resolves the environment (hosts) from TRUELAYER_ENV and the optional URL overrides. Shared with
 * `auth-link`, which needs the same hosts but not the credentials.
 */
export function resolveEnvironment(env: Env, problems: ConfigProblem[]): Environment {
  const name = value(env, 'TRUELAYER_ENV') ?? 'sandbox';
  let base: Environment = SANDBOX;
  if (name === 'live') base = LIVE;
  else if (name !== 'sandbox') {
    problems.push({ variable: 'TRUELAYER_ENV', problem: `must be "sandbox" or "live" (got ${JSON.stringify(name)})` });
  }
  const authOverride = value(env, 'TRUELAYER_AUTH_URL');
  const apiOverride = value(env, 'TRUELAYER_API_URL');
  if (!authOverride && !apiOverride) return base;
  const urls = { authUrl: authOverride ?? base.authUrl, apiUrl: apiOverride ?? base.apiUrl };
  let ok = true;
  for (const [variable, url] of [['TRUELAYER_AUTH_URL', authOverride], ['TRUELAYER_API_URL', apiOverride]] as const) {
    if (url === undefined) continue;
    try {
      customEnvironment({ authUrl: url, apiUrl: url });
    } catch (error) {
      ok = false;
      problems.push({ variable, problem: (error as Error).message.replace(/^(authUrl|apiUrl)/, 'the value') });
    }
  }
  if (!ok) return base;
  // One flow must stay on one TrueLayer environment (TrueLayer's docs: every request of one flow uses one environment): a sandbox code is useless on live hosts.
  const sandboxHost = (u: string) => /(^|\.)truelayer-sandbox\.com$/i.test(new URL(u).hostname);
  const liveHost = (u: string) => /(^|\.)truelayer\.com$/i.test(new URL(u).hostname);
  if ((sandboxHost(urls.authUrl) && liveHost(urls.apiUrl)) || (liveHost(urls.authUrl) && sandboxHost(urls.apiUrl))) {
    problems.push({
      variable: 'TRUELAYER_AUTH_URL/TRUELAYER_API_URL',
      problem: `mix a sandbox host with a live host (${new URL(urls.authUrl).host}, ${new URL(urls.apiUrl).host}); every request of one flow must use the same environment`,
    });
  }
  return customEnvironment(urls);
}

/** Checks the client id for the docs' single-quoted `'$CLIENT_ID'` curl trap (TrueLayer's data-and-payments integration page). */
export function checkClientId(env: Env, problems: ConfigProblem[], cwd: string): string | undefined {
  const clientId = value(env, 'TRUELAYER_CLIENT_ID');
  if (!clientId) {
    problems.push({ variable: 'TRUELAYER_CLIENT_ID', problem: `is not set; copy it from TrueLayer Console (${see(cwd)})` });
  } else if (clientId.includes('$')) {
    problems.push({
      variable: 'TRUELAYER_CLIENT_ID',
      problem: 'contains "$": it looks like an unexpanded shell variable (single quotes do not expand); set the real client id',
    });
  }
  return clientId;
}

export function checkRedirectUri(env: Env, problems: ConfigProblem[], why: string, cwd: string): string | undefined {
  const redirectUri = value(env, 'TRUELAYER_REDIRECT_URI');
  if (!redirectUri) {
    problems.push({ variable: 'TRUELAYER_REDIRECT_URI', problem: `is not set; it is required ${why} (${see(cwd)})` });
    return undefined;
  }
  try {
    const url = new URL(redirectUri);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    problems.push({ variable: 'TRUELAYER_REDIRECT_URI', problem: 'must be an absolute http(s) URL, exactly as registered in Console' });
    return undefined;
  }
  return redirectUri;
}

/**
 * Reads and checks the whole configuration. `cwd` resolves a relative TRUELAYER_REFRESH_TOKEN_FILE;
 * `timeoutFlag` (seconds, from --timeout) wins over TRUELAYER_SMOKE_TIMEOUT.
 */
export function loadSmokeConfig(env: Env, options: { cwd: string; timeoutFlag?: string | undefined }): ConfigResult {
  const problems: ConfigProblem[] = [];
  const notices: string[] = [];
  const environment = resolveEnvironment(env, problems);
  const clientId = checkClientId(env, problems, options.cwd);
  const clientSecret = value(env, 'TRUELAYER_CLIENT_SECRET');
  if (!clientSecret) {
    problems.push({ variable: 'TRUELAYER_CLIENT_SECRET', problem: `is not set; copy it from TrueLayer Console (${see(options.cwd)})` });
  }

  // Refresh-token file: read first when it exists (it holds the newest token).
  const fileVar = value(env, 'TRUELAYER_REFRESH_TOKEN_FILE');
  let refreshTokenFile: string | undefined;
  let fileToken: string | undefined;
  if (fileVar) {
    refreshTokenFile = resolve(options.cwd, fileVar);
    if (existsSync(refreshTokenFile)) {
      try {
        if (!statSync(refreshTokenFile).isFile()) throw new Error('not a regular file');
        const read = readRefreshTokenFile(refreshTokenFile);
        fileToken = read.token;
        if (read.groupOrOtherCanRead) {
          notices.push(`${fileVar} is readable by other users; run \`chmod 600 ${fileVar}\` (the harness writes it with mode 0600)`);
        }
      } catch (error) {
        problems.push({ variable: 'TRUELAYER_REFRESH_TOKEN_FILE', problem: `exists but cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      }
    }
    // A new token that cannot be stored is lost (the old one should keep working, but unattended runs rely on
    // the file): check up front.
    try {
      accessSync(dirname(refreshTokenFile), constants.W_OK);
    } catch {
      problems.push({ variable: 'TRUELAYER_REFRESH_TOKEN_FILE', problem: `its directory ${dirname(refreshTokenFile)} does not exist or is not writable` });
    }
  }

  const code = value(env, 'TRUELAYER_CODE');
  const envRefreshToken = value(env, 'TRUELAYER_REFRESH_TOKEN');
  let grant: Grant | undefined;
  if (code) {
    // An explicit code wins: it is single use and was just obtained on purpose (e.g. by `auth-link --listen --smoke`).
    const redirectUri = checkRedirectUri(env, problems, 'with TRUELAYER_CODE and must equal the one in the auth link', options.cwd);
    if (redirectUri) grant = { kind: 'authorization_code', code, redirectUri };
  } else if (fileToken) {
    grant = { kind: 'refresh_token', refreshToken: fileToken, source: 'file' };
  } else if (envRefreshToken) {
    grant = { kind: 'refresh_token', refreshToken: envRefreshToken, source: 'env' };
  } else {
    problems.push({
      variable: 'TRUELAYER_CODE or TRUELAYER_REFRESH_TOKEN',
      problem: `is required, and neither is set${fileVar ? ' and TRUELAYER_REFRESH_TOKEN_FILE does not hold a token yet' : ''}; set a fresh authorization code (\`npx signup-plus-harness auth-link --listen\`) or a refresh token`,
    });
  }

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  const fromFlag = parseTimeoutSeconds(options.timeoutFlag);
  const fromEnv = parseTimeoutSeconds(env.TRUELAYER_SMOKE_TIMEOUT);
  const chosen = fromFlag ?? fromEnv;
  if (chosen !== undefined) {
    if (Number.isNaN(chosen)) {
      problems.push({
        variable: fromFlag !== undefined ? '--timeout' : 'TRUELAYER_SMOKE_TIMEOUT',
        problem: 'must be a number of seconds greater than 0 and at most 120 (e.g. 8 or 0.5)',
      });
    } else timeoutMs = chosen;
  }

  if (problems.length > 0 || !clientId || !clientSecret || !grant) return { ok: false, problems };
  return {
    ok: true,
    config: { environment, clientId, clientSecret, grant, timeoutMs, notices, ...(refreshTokenFile ? { refreshTokenFile } : {}) },
  };
}

/** Every value of the configuration that must never be printed. */
export function configSecrets(env: Env, config?: SmokeConfig): string[] {
  const secrets = [env.TRUELAYER_CLIENT_SECRET, env.TRUELAYER_CODE, env.TRUELAYER_REFRESH_TOKEN].map((s) => s?.trim());
  // A proxy URL may carry credentials (http://user:password@proxy): the password is a secret too.
  for (const url of [env.TRUELAYER_AUTH_URL, env.TRUELAYER_API_URL]) {
    try {
      const password = url ? decodeURIComponent(new URL(url).password) : '';
      if (password) secrets.push(password);
    } catch {
      // not a URL: reported as a configuration problem elsewhere
    }
  }
  if (config) {
    secrets.push(config.clientSecret);
    if (config.grant.kind === 'authorization_code') secrets.push(config.grant.code);
    else secrets.push(config.grant.refreshToken);
  }
  // A mock scenario's name (`TRUELAYER_CODE=multiple-accounts` against the mock) is public, and redacting it would
  // shred the report's own words (the assumption id `multiple-accounts-status-200`).
  return secrets.filter((s): s is string => Boolean(s) && !isScenarioCode(s as string));
}

/**
 * The environment with `.env` from `cwd` (or `--dotenv <path>`) merged in when present, as a copy (the given
 * environment, the process's own included, is never written), never overriding variables that are already set
 * (CI secrets win over a stray file).
 */
export function withDotEnv(env: Readonly<Record<string, string | undefined>>, cwd: string, dotenvFlag: string | undefined): Record<string, string | undefined> {
  const file = dotenvFlag ? resolve(cwd, dotenvFlag) : resolve(cwd, '.env');
  if (!existsSync(file)) {
    if (dotenvFlag) throw new Error(`--dotenv ${dotenvFlag} does not exist`);
    return { ...env };
  }
  // Node's own parser, as process.loadEnvFile() uses (quotes, comments, `export`), without its write to process.env.
  const merged: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (merged[name] === undefined) merged[name] = value;
  }
  return merged;
}
