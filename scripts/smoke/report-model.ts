// The smoke run's report: one data structure that the console summary, report.json and junit.xml are all
// rendered from, so the three never disagree.
import type { ConfigProblem } from './config.ts';

export type StepOutcome = 'passed' | 'failed' | 'unreachable' | 'skipped';
export type RunOutcome = 'passed' | 'failed' | 'misconfigured' | 'unreachable';

/** One place where the real answer differs from the spec. Never carries the value itself. */
export interface DriftIssue {
  step: string;
  /**
   * JSON pointer into the response body (`/address/country_code`), or to a documented response header under
   * `/headers/<lower-cased name>` (`/headers/tl-trace-id`); '' is the whole answer (status, media type).
   */
  pointer: string;
  severity: 'error' | 'warning';
  keyword: string;
  /** What the spec wants: a type, format, pattern name or status list. */
  expected?: string;
  /** What arrived: a type or format name (`string`, `missing`, `text/html`), never the value. */
  actual?: string;
  message: string;
}

export interface StepError {
  /**
   * The client's stable error code (`TL_OAUTH_ERROR`, `TL_TIMEOUT`...) or one of the smoke run's own (`SMOKE_*`).
   * Not named `code`: the redaction helper treats a `code` field as an authorization code.
   */
  errorCode: string;
  message: string;
  status?: number;
  traceId?: string;
  oauthError?: string;
  problemTitle?: string;
  retryAfterSeconds?: number;
}

export interface StepReport {
  /** `token`, `accounts`, `accounts?account_id=<id>`: also the JUnit test-case name. */
  name: string;
  request: { method: 'GET' | 'POST'; url: string };
  outcome: StepOutcome;
  status?: number;
  traceId?: string;
  durationMs: number;
  attempts?: number;
  /** One line for humans: what came back. */
  summary: string;
  error?: StepError;
  drift: DriftIssue[];
  /** JSON pointer → type of every field received (types only, so it is safe to keep without --show-data). */
  fields?: Record<string, string>;
  /** The identity data itself: only with --show-data, for local runs. */
  data?: unknown;
}

export interface SmokeReport {
  reportVersion: 1;
  tool: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  environment: { name: string; authUrl: string; apiUrl: string };
  grant?: 'authorization_code' | 'refresh_token';
  result: { exitCode: number; outcome: RunOutcome; reason: string };
  steps: StepReport[];
  drift: { errors: number; warnings: number; issues: DriftIssue[] };
  refreshToken: { rotated: boolean; storedIn?: string };
  notices: string[];
  configurationProblems?: ConfigProblem[];
  showData: boolean;
}
