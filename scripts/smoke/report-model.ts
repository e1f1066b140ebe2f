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
  /**
   * The id of a refuted assumption that explains this finding (e.g. `/address/country_code` missing when the
   * answer has `country`): reported under that assumption, and not counted as drift that fails the run.
   */
  explainedBy?: string;
}

export type AssumptionVerdictName = 'confirmed' | 'refuted' | 'not exercised';

/** One entry of the spec's assumption ledger, judged against this run's answers. */
export interface AssumptionVerdict {
  id: string;
  verdict: AssumptionVerdictName;
  /** Where it lives: `GET /signup-plus/accounts · 200 · address.country_code`. */
  fact: string;
  assumes: string;
  /** The ledger status: sourced, unconfirmed or invention. */
  status: string;
  /** Where the note sits in the spec (dotted path), i.e. what to edit. */
  specPath: string;
  /** What was seen: statuses, header names, media types, key names and types; never a value of the user's. */
  evidence: string[];
  /** The steps whose answers decided it. */
  steps: string[];
  /** For a refuted one: what to change in the spec. */
  change?: string;
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
  /** `errors` counts only drift no refuted assumption explains; `explained` counts the rest. */
  drift: { errors: number; warnings: number; explained?: number; issues: DriftIssue[] };
  /** The spec's assumptions, refuted first; a refuted one never fails the run on its own. */
  assumptions?: { confirmed: number; refuted: number; notExercised: number; verdicts: AssumptionVerdict[] };
  refreshToken: { rotated: boolean; storedIn?: string };
  notices: string[];
  configurationProblems?: ConfigProblem[];
  showData: boolean;
}
