// The smoke run's steps, with the project's typed client as the only HTTP path: token, accounts, then each
// linked account. Each step becomes a StepReport; the client's typed errors decide the outcome (API error or
// drift → failed, network or timeout → unreachable), and its validation issues become the drift report: one
// path for every answer, since the client puts its findings (body and documented headers) in `meta.issues` of
// a returned answer and in `issues` of every error it builds from an answer (validation, OAuth, problem, 429).
import { Agent } from 'undici';
import {
  NetworkError,
  OAuthError,
  ProblemError,
  RateLimitError,
  ResponseValidationError,
  SignupPlusError,
  TimeoutError,
  createClient,
  type ResponseMeta,
  type SignupPlusClient,
  type TokenSet,
  type ValidationIssue,
} from '../../src/index.ts';
import { HARNESS_VERSION } from '../../src/version.ts';
import { assumptionLedger } from '../../src/generated/assumption-ledger.ts';
import { OBSERVERS, PROBE_ACCOUNT_ID, PROBE_STEP } from './assumption-observers.ts';
import { applyVerdicts, judgeAssumptions } from './assumption-verdicts.ts';
import type { SmokeConfig } from './config.ts';
import { describeShape } from './data-shape.ts';
import { ExchangeRecorder } from './exchange-recorder.ts';
import { writeRefreshTokenFile } from './refresh-token-store.ts';
import type { SecretBag } from './report-output.ts';
import type { DriftIssue, SmokeReport, StepError, StepReport } from './report-model.ts';
import { decide } from './verdict.ts';

export interface RunOptions {
  secrets: SecretBag;
  showData: boolean;
  /** At most this many `account_id` follow-up calls after a multiple-accounts answer. */
  maxAccounts: number;
  /** Also ask for an account_id no user has, so that a Signup+ error answer is observed (--probe-errors). */
  probeErrors?: boolean;
  /** Called as each step finishes, so the console shows progress before the run ends. */
  onStep?: (step: StepReport) => void;
}

/** The longest any one step may take, retries included: a server that never answers ends the run in time. */
export const MAX_STEP_BUDGET_MS = 25_000;

export function stepBudgetMs(timeoutMs: number): number {
  return Math.min(MAX_STEP_BUDGET_MS, timeoutMs * 3 + 1_000);
}

interface StepContext {
  name: string;
  request: StepReport['request'];
}

/** What a successful call adds to its step: the summary, the field shape, and an outcome when it overrides. */
type StepDetails = Omit<StepReport, keyof StepContext | 'durationMs' | 'drift' | 'outcome'> & { outcome?: StepReport['outcome'] };

const toDrift = (step: string, issues: readonly ValidationIssue[]): DriftIssue[] =>
  issues.map((issue) => ({
    step,
    pointer: issue.pointer,
    severity: issue.severity,
    keyword: issue.keyword,
    ...(issue.expected !== undefined ? { expected: issue.expected } : {}),
    ...(issue.actual !== undefined ? { actual: issue.actual } : {}),
    message: issue.message,
  }));

const fromMeta = (meta: ResponseMeta) => ({
  status: meta.status,
  durationMs: Math.round(meta.durationMs),
  attempts: meta.attempts,
  ...(meta.traceId ? { traceId: meta.traceId } : {}),
});

/** Turns whatever a client call threw into a finished step. */
function failedStep(ctx: StepContext, error: unknown, startedAt: number, deadline: AbortSignal, budgetMs: number): StepReport {
  const durationMs = Math.round(performance.now() - startedAt);
  const base = { ...ctx, durationMs, drift: [] as DriftIssue[] };
  // Our step deadline fired (the client reports it as TL_ABORTED): the server kept us waiting, so unreachable.
  if (deadline.aborted && !(error instanceof TimeoutError || error instanceof NetworkError)) {
    return {
      ...base,
      outcome: 'unreachable',
      summary: `no complete answer within ${budgetMs / 1000} s`,
      error: { errorCode: 'SMOKE_STEP_DEADLINE', message: `the step did not finish within ${budgetMs / 1000} s (retries included)` },
    };
  }
  if (!(error instanceof SignupPlusError)) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...base, outcome: 'failed', summary: 'unexpected failure in the harness', error: { errorCode: 'SMOKE_INTERNAL', message } };
  }
  const info: StepError = {
    errorCode: error.code,
    message: error.message,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.traceId ? { traceId: error.traceId } : {}),
  };
  const withStatus = { ...base, ...(error.status !== undefined ? { status: error.status } : {}), ...(error.traceId ? { traceId: error.traceId } : {}) };
  if (error instanceof TimeoutError || error instanceof NetworkError) {
    const what = error instanceof TimeoutError ? `no answer in time (${error.phase})` : `network error (${error.reason})`;
    return { ...withStatus, outcome: 'unreachable', summary: what, error: info };
  }
  if (error instanceof ResponseValidationError) {
    const drift = toDrift(ctx.name, error.issues);
    const errors = drift.filter((d) => d.severity === 'error').length;
    return {
      ...withStatus,
      outcome: 'failed',
      summary: `answer does not match the spec (${errors} drift error${errors === 1 ? '' : 's'})`,
      error: info,
      drift,
    };
  }
  if (error instanceof RateLimitError) {
    const retry = error.retryAfter !== undefined ? `; Retry-After ${error.retryAfter} s` : '';
    return {
      ...withStatus,
      outcome: 'failed',
      summary: `rate limited (429) after the client's retries${retry}`,
      error: { ...info, problemTitle: error.title, ...(error.retryAfter !== undefined ? { retryAfterSeconds: error.retryAfter } : {}) },
      drift: toDrift(ctx.name, error.issues),
    };
  }
  if (error instanceof ProblemError) {
    // The client accepts any body with a title as a problem; its `issues` say where the answer differs from the spec.
    const drift = toDrift(ctx.name, error.issues);
    return {
      ...withStatus,
      outcome: 'failed',
      summary: `problem ${error.status ?? ''} ${error.title}`.replace(/\s+/g, ' '),
      error: { ...info, problemTitle: error.title },
      drift,
    };
  }
  if (error instanceof OAuthError) {
    const description = error.errorDescription ? `: ${error.errorDescription}` : '';
    return {
      ...withStatus,
      outcome: 'failed',
      summary: `OAuth error ${error.error}${description}`,
      error: { ...info, oauthError: error.error },
      drift: toDrift(ctx.name, error.issues),
    };
  }
  return { ...withStatus, outcome: 'failed', summary: `client error ${error.code}`, error: info };
}

const skipped = (ctx: StepContext, why: string): StepReport => ({ ...ctx, outcome: 'skipped', durationMs: 0, summary: why, drift: [] });

export async function runSmoke(config: SmokeConfig, options: RunOptions): Promise<SmokeReport> {
  const { secrets } = options;
  const started = new Date();
  const startedAt = performance.now();
  const budgetMs = stepBudgetMs(config.timeoutMs);
  const timeouts = { connectMs: config.timeoutMs, headersMs: config.timeoutMs, bodyMs: config.timeoutMs };
  // Our own agent, closed at the end, so that no idle keep-alive socket holds the process open; the recorder
  // keeps what each answer looked like on the wire, for the assumption verdicts.
  const agent = new Agent({ connections: 4, keepAliveTimeout: 1_000, connect: { timeout: config.timeoutMs } });
  const recorder = new ExchangeRecorder();
  const client: SignupPlusClient = createClient({
    environment: config.environment,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    dispatcher: agent.compose(recorder.interceptor),
    timeouts,
    retry: { maxAttempts: 3, maxElapsedMs: budgetMs - config.timeoutMs, minDelayMs: 200, maxDelayMs: 5_000 },
  });
  const steps: StepReport[] = [];
  const notices = [...config.notices];
  const refreshToken: SmokeReport['refreshToken'] = { rotated: false };
  const judge = () => judgeAssumptions(assumptionLedger, OBSERVERS, recorder.exchanges());
  const record = (finished: StepReport, mayPass = true): void => {
    // Judged as the step ends, so that its console line already says whether a refuted assumption explains its drift.
    const step = applyVerdicts([finished], judge(), OBSERVERS, { mayPass })[0] ?? finished;
    steps.push(step);
    options.onStep?.(step);
  };
  /**
   * Runs one client call as one step, within the step budget; never throws. `needed`: later steps need the
   * value, so an answer the client could not use fails the step even where refuted assumptions explain why.
   * `onError`: a step that asked for an error says what its failed step becomes.
   */
  const call = async <T>(
    ctx: StepContext,
    run: (signal: AbortSignal) => Promise<T>,
    done: (value: T) => StepDetails,
    meta: (value: T) => ResponseMeta,
    { needed = false, onError }: { needed?: boolean; onError?: (step: StepReport, error: unknown) => StepReport } = {},
  ): Promise<T | undefined> => {
    const deadline = AbortSignal.timeout(budgetMs);
    const t0 = performance.now();
    recorder.startStep(ctx.name);
    try {
      const value = await run(deadline);
      const m = meta(value);
      const extra = done(value);
      // Extra fields (warnings) and documented-header findings (a missing Tl-Trace-Id is an error): the client
      // returns the answer either way, the drift report decides.
      const drift = toDrift(ctx.name, m.issues);
      record({ ...ctx, outcome: drift.some((d) => d.severity === 'error') ? 'failed' : 'passed', ...fromMeta(m), drift, ...extra });
      return value;
    } catch (error) {
      const step = failedStep(ctx, error, t0, deadline, budgetMs);
      record(onError ? onError(step, error) : step, !needed);
      return undefined;
    }
  };

  /**
   * One step that asks for an error on purpose. A documented 4xx error answer is what it wants, so it passes
   * unless that answer drifts where no refuted assumption explains it; anything else is judged as usual.
   */
  const probe = (accessToken: string) =>
    call(
      { name: PROBE_STEP, request: { method: 'GET', url: `${config.environment.apiUrl}/signup-plus/accounts?account_id=${PROBE_ACCOUNT_ID}` } },
      (signal) => client.getAccounts({ accessToken, accountId: PROBE_ACCOUNT_ID, signal, timeouts }),
      (result) => ({ summary: `probe answered ${result.kind} for an account_id no user has`, fields: describeShape(result.kind === 'identity' ? result.identity : result.body) }),
      (result) => result.meta,
      {
        onError: (step, error) => {
          const answered = error instanceof ProblemError || error instanceof OAuthError || error instanceof ResponseValidationError;
          const clientError = step.status !== undefined && step.status >= 400 && step.status < 500;
          const judged = applyVerdicts([step], judge(), OBSERVERS)[0] ?? step;
          const drifts = judged.drift.some((issue) => issue.severity === 'error' && !issue.explainedBy);
          return answered && clientError && !drifts ? { ...step, outcome: 'passed', summary: `probe answered as asked: ${step.summary}` } : step;
        },
      },
    );

  /** Keeps a newly issued refresh token in TRUELAYER_REFRESH_TOKEN_FILE; says what happened, never the token. */
  const keepRefreshToken = (issued: string | undefined, scope: string[] | undefined): { summary: string; error?: StepError } => {
    const grant = config.grant;
    if (!issued) {
      if (grant.kind === 'authorization_code') {
        // Advice that fits: asking for offline_access again does not help when it was granted without a token.
        notices.push(
          scope?.includes('offline_access')
            ? 'the token answer carries no refresh token although offline_access was granted; unattended runs need one'
            : 'the token answer carries no refresh token: request the offline_access scope in the auth link for unattended runs',
        );
      }
      return { summary: '' };
    }
    // TrueLayer's refresh tokens are not single use: the answer may carry the same token again, which is fine.
    if (grant.kind === 'refresh_token' && issued === grant.refreshToken) return { summary: '; the same refresh token was returned' };
    refreshToken.rotated = grant.kind === 'refresh_token';
    if (!config.refreshTokenFile) {
      notices.push(
        grant.kind === 'refresh_token'
          ? 'TrueLayer issued a new refresh token but TRUELAYER_REFRESH_TOKEN_FILE is not set, so it was not kept; the configured one should keep working (TrueLayer\'s refresh tokens are not single use), but set the file to always run with the newest'
          : 'the answer carries a refresh token; set TRUELAYER_REFRESH_TOKEN_FILE to keep it for unattended runs',
      );
      return { summary: '' };
    }
    try {
      writeRefreshTokenFile(config.refreshTokenFile, issued);
      refreshToken.storedIn = config.refreshTokenFile;
      return { summary: `; new refresh token stored in ${config.refreshTokenFile} (mode 0600)` };
    } catch (error) {
      // The old token should keep working (refresh tokens are not single use), but a file that cannot be written
      // breaks every unattended run that relies on it: a failure the nightly job must surface.
      return {
        summary: '; the new refresh token could NOT be stored',
        error: {
          errorCode: 'SMOKE_REFRESH_TOKEN_NOT_STORED',
          message: `could not write TRUELAYER_REFRESH_TOKEN_FILE (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix the path, its directory or their permissions (the refresh token this run used should still work; if not, get a new one with \`npx signup-plus-harness auth-link --listen --smoke\`)`,
        },
      };
    }
  };

  try {
    // 1. token
    const grant = config.grant;
    const tokenCtx: StepContext = {
      name: grant.kind === 'authorization_code' ? 'token (authorization_code)' : 'token (refresh_token)',
      request: { method: 'POST', url: `${config.environment.authUrl}/connect/token` },
    };
    const tokens = await call<TokenSet>(
      tokenCtx,
      (signal) =>
        grant.kind === 'authorization_code'
          ? client.exchangeCode({ code: grant.code, redirectUri: grant.redirectUri, signal, timeouts })
          : client.refreshToken({ refreshToken: grant.refreshToken, signal, timeouts }),
      (set) => {
        secrets.add(set.accessToken, set.refreshToken);
        const scope = set.scope?.length ? `scope: ${set.scope.join(' ')}` : 'no scope in the answer';
        // Worded so the redaction helper's bearer pattern ("Bearer <word>") does not eat the summary.
        const summary = `token_type ${set.tokenType}, expires_in ${set.expiresIn} s, ${set.refreshToken ? 'with a' : 'no'} refresh token, ${scope}`;
        if (set.scope && !set.scope.includes('signupplus')) {
          notices.push('the granted scope does not include signupplus; /signup-plus/accounts is expected to refuse the token');
        }
        const stored = keepRefreshToken(set.refreshToken, set.scope);
        return { summary: `${summary}${stored.summary}`, ...(stored.error ? { outcome: 'failed' as const, error: stored.error } : {}) };
      },
      (set) => set.meta,
      { needed: true },
    );

    // 2. accounts
    const accountsCtx: StepContext = { name: 'accounts', request: { method: 'GET', url: `${config.environment.apiUrl}/signup-plus/accounts` } };
    if (!tokens) {
      record(skipped(accountsCtx, 'skipped: no access token'));
    } else {
      const accessToken = tokens.accessToken;
      const answer = await call(
        accountsCtx,
        (signal) => client.getAccounts({ accessToken, signal, timeouts }),
        (result) => {
          if (result.kind === 'identity') {
            return { summary: 'identity', fields: describeShape(result.identity), ...(options.showData ? { data: result.identity } : {}) };
          }
          return {
            summary: `multiple_accounts_linked: ${result.accounts.length} account${result.accounts.length === 1 ? '' : 's'}`,
            fields: describeShape(result.body),
            ...(options.showData ? { data: result.body } : {}),
          };
        },
        (result) => result.meta,
      );

      const unread = recorder.exchanges().at(-1)?.json as { result?: unknown } | undefined;
      if (!answer && steps.at(-1)?.outcome === 'passed' && unread?.result === 'multiple_accounts_linked') {
        notices.push('the multiple-accounts answer differs from the spec where assumptions are refuted, so the client could not read it and no account_id was fetched: update the spec, then run again');
      }

      // 3. each linked account, bounded
      if (answer?.kind === 'multiple_accounts') {
        const ids = answer.accounts.map((account) => account.account_id);
        if (ids.length > options.maxAccounts) {
          notices.push(`${ids.length} accounts are linked; only the first ${options.maxAccounts} were fetched (--max-accounts)`);
        }
        let hostDown = false;
        for (const accountId of ids.slice(0, options.maxAccounts)) {
          const ctx: StepContext = {
            name: `accounts?account_id=${accountId}`,
            request: { method: 'GET', url: `${config.environment.apiUrl}/signup-plus/accounts?account_id=${encodeURIComponent(accountId)}` },
          };
          // One silent host is enough: do not spend a step budget on each remaining account.
          if (hostDown) {
            record(skipped(ctx, 'skipped: the API host did not answer the previous step'));
            continue;
          }
          await call(
            ctx,
            (signal) => client.getAccounts({ accessToken, accountId, signal, timeouts }),
            (result) => {
              const body = result.kind === 'identity' ? result.identity : result.body;
              const verdict: Partial<StepReport> = result.kind === 'identity' ? {} : { outcome: 'failed' };
              return {
                summary: result.kind === 'identity' ? 'identity' : 'multiple_accounts_linked again, although an account_id was given',
                fields: describeShape(body),
                ...(options.showData ? { data: body } : {}),
                ...verdict,
              };
            },
            (result) => result.meta,
          );
          hostDown = steps.at(-1)?.outcome === 'unreachable';
        }
      }

      // 4. with --probe-errors, an account_id no user has: the error answer settles the assumptions about errors
      if (options.probeErrors && !steps.some((step) => step.outcome === 'unreachable')) await probe(accessToken);
    }
  } finally {
    await agent.destroy().catch(() => undefined);
  }

  const issues = steps.flatMap((step) => step.drift);
  const explained = issues.filter((issue) => issue.explainedBy).length;
  const errors = issues.filter((issue) => issue.severity === 'error' && !issue.explainedBy).length;
  const verdicts = judge();
  const count = (verdict: (typeof verdicts)[number]['verdict']) => verdicts.filter((v) => v.verdict === verdict).length;
  const result = decide(steps, errors);
  const refuted = count('refuted');
  if (refuted > 0) result.reason += `; ${refuted} assumption${refuted === 1 ? '' : 's'} refuted (not a failure: update the spec)`;
  return {
    reportVersion: 1,
    tool: `signup-plus-harness ${HARNESS_VERSION} smoke`,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - startedAt),
    environment: { name: config.environment.name, authUrl: config.environment.authUrl, apiUrl: config.environment.apiUrl },
    grant: config.grant.kind,
    result,
    steps,
    drift: { errors, warnings: issues.length - errors - explained, explained, issues },
    assumptions: { confirmed: count('confirmed'), refuted, notExercised: count('not exercised'), verdicts },
    refreshToken,
    notices,
    showData: options.showData,
  };
}
