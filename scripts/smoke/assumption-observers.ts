// How the smoke run observes each assumption of the spec, as a table keyed by the ledger id: which answers bear
// on it, how one answer is judged, which drift a refutation explains, and what to change in the spec then.
// Evidence names statuses, header names, media types, field names and types, never a value of the user's.
import type { RecordedExchange } from './exchange-recorder.ts';

export interface Judgement {
  holds: boolean;
  evidence: string;
}

export interface AssumptionObserver {
  /** The `x-assumption` id in the spec. */
  id: string;
  /** The kind of answer that settles it, for "not exercised" ("no <needs> came back in this run"). */
  needs: string;
  /** The answers that bear on it. */
  on: (x: RecordedExchange) => boolean;
  /** One answer's judgement; undefined when that answer says nothing either way. */
  check: (x: RecordedExchange) => Judgement | undefined;
  /** Drift (pointer, and keyword when it matters) that a refutation explains, on the steps that refuted it. */
  explains?: Array<{ pointer: string | RegExp; keyword?: string }>;
  /** What to change in the spec when it is refuted. */
  whenRefuted: string;
  /** Only `smoke --probe-errors` sends the request that observes it. */
  probeOnly?: boolean;
}

/** The step of `smoke --probe-errors` that asks for an account_id no user has, and the id it sends. */
export const PROBE_STEP = 'probe: unknown account_id';
export const PROBE_ACCOUNT_ID = 'acc-000000000000000000';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

// Which answer is which.
const isToken = (x: RecordedExchange) => x.path.endsWith('/connect/token');
const isAccounts = (x: RecordedExchange) => x.path.endsWith('/signup-plus/accounts');
const tokenIssued = (x: RecordedExchange) => isToken(x) && x.status === 200 && isObject(x.json);
const multipleAccounts = (x: RecordedExchange) => isAccounts(x) && isObject(x.json) && x.json.result === 'multiple_accounts_linked';
const identityAnswer = (x: RecordedExchange) => isAccounts(x) && x.status === 200 && isObject(x.json) && !('result' in x.json);
const problem = (x: RecordedExchange) => isAccounts(x) && x.status >= 400 && isObject(x.json) && typeof x.json.title === 'string';

const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,128}$/;
const IDENTITY_REQUIRED = ['first_name', 'last_name', 'date_of_birth', 'address', 'account_details'];

/** The account numbers of an identity or of a multiple-accounts answer (only ever counted, never shown). */
function accountNumbers(json: Json): unknown[] {
  if (Array.isArray(json.accounts)) return json.accounts.map((account) => (isObject(account) ? account.account_number : undefined)).filter((n) => n !== undefined && n !== null);
  const details = json.account_details;
  return isObject(details) && details.account_number !== undefined && details.account_number !== null ? [details.account_number] : [];
}

/** `GET /signup-plus/accounts?account_id 404`: the answer, named without values. */
function answer(x: RecordedExchange): string {
  const path = isToken(x) ? '/connect/token' : isAccounts(x) ? '/signup-plus/accounts' : x.path;
  const query = x.queryNames.length ? `?${x.queryNames.join('&')}` : '';
  const grant = x.grantType ? ` (${x.grantType})` : '';
  return `${x.method} ${path}${query}${grant} ${x.status}`;
}

/** Header names only, sorted: what a reader needs to spot a differently spelled header. */
const headerNames = (x: RecordedExchange) => Object.keys(x.headers).sort().join(', ') || 'none';

/** A header must be present on the answers `on` picks. */
function headerSent(name: string, displayName: string): Pick<AssumptionObserver, 'check' | 'explains'> {
  // Explains a missing header only: the spec marks these headers optional, so absence is drift only where required.
  return {
    check: (x) =>
      x.headers[name] !== undefined
        ? { holds: true, evidence: `${answer(x)}: ${displayName} present` }
        : { holds: false, evidence: `${answer(x)}: no ${displayName} (headers sent: ${headerNames(x)})` },
    explains: [{ pointer: `/headers/${name}`, keyword: 'required' }],
  };
}

/** RFC 7807 types under TrueLayer's Signup+ errors page: `…/signup-errors#<slug>`. */
const SIGNUP_ERRORS = 'https://docs.truelayer.com/docs/signup-errors#';
const slugOf = (title: string) => title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** The slug part of a problem type, or a description of what came instead (never more than a URL's shape). */
function typeShape(type: unknown): string {
  if (typeof type !== 'string') return `type ${type === undefined ? 'missing' : typeof type}`;
  return type.startsWith(SIGNUP_ERRORS) ? `type #${type.slice(SIGNUP_ERRORS.length)}` : `type outside ${SIGNUP_ERRORS.slice(0, -1)}`;
}

export const OBSERVERS: readonly AssumptionObserver[] = [
  {
    id: 'token-server-error-body',
    needs: 'token answer with status 500',
    on: (x) => isToken(x) && x.status === 500,
    check: (x) => {
      const shaped = isObject(x.json) && typeof x.json.error === 'string';
      return { holds: shaped, evidence: `${answer(x)}: ${x.mediaType ?? 'no content type'}, ${shaped ? 'an OAuth error field' : 'no OAuth error field'}` };
    },
    explains: [{ pointer: '', keyword: 'contentType' }, { pointer: '', keyword: 'json' }, { pointer: '/error', keyword: 'required' }],
    whenRefuted: "document the token endpoint's 500 body as TrueLayer sent it (see the media type) instead of the OAuth error shape",
  },
  {
    id: 'token-scope-on-authorization-code',
    needs: 'token answer to an authorization code',
    on: (x) => tokenIssued(x) && x.grantType === 'authorization_code',
    check: (x) =>
      typeof (x.json as Json).scope === 'string'
        ? { holds: true, evidence: `${answer(x)}: scope present (string)` }
        : { holds: false, evidence: `${answer(x)}: no scope field (fields: ${Object.keys(x.json as Json).sort().join(', ')})` },
    whenRefuted: 'say in TokenResponse.scope that the authorization_code answer leaves it out, and drop scope from the token example',
  },
  {
    id: 'refresh-token-omitted-without-offline-access',
    needs: 'token answer without a refresh token',
    on: tokenIssued,
    check: (x) => {
      const json = x.json as Json;
      if (json.refresh_token === null) return { holds: false, evidence: `${answer(x)}: refresh_token sent as null` };
      const granted = typeof json.scope === 'string' ? json.scope.split(' ') : undefined;
      // Left out although offline_access was granted says nothing about this assumption (the run notes it).
      if ('refresh_token' in json || granted?.includes('offline_access')) return undefined;
      return { holds: true, evidence: `${answer(x)}: refresh_token left out${granted ? ' (offline_access not granted)' : ''}` };
    },
    explains: [{ pointer: '/refresh_token', keyword: 'type' }],
    whenRefuted: "allow null for TokenResponse.refresh_token (type: [string, 'null']) and say when TrueLayer sends it",
  },
  {
    id: 'token-cache-control-no-store',
    needs: 'token answer',
    on: isToken,
    check: (x) => {
      const value = x.headers['cache-control'];
      if (value === undefined) return { holds: false, evidence: `${answer(x)}: no Cache-Control (headers sent: ${headerNames(x)})` };
      const noStore = /(^|,)\s*no-store\s*(,|$)/i.test(value);
      return { holds: noStore, evidence: `${answer(x)}: Cache-Control ${noStore ? 'with' : 'without'} no-store` };
    },
    explains: [{ pointer: '/headers/cache-control' }],
    whenRefuted: 'say on the Cache-Control header of the token answers that TrueLayer does not send no-store (and let the mock follow)',
  },
  {
    id: 'auth-correlation-header',
    needs: 'token answer',
    on: isToken,
    ...headerSent('x-tl-correlation-id', 'X-Tl-Correlation-Id'),
    whenRefuted: 'drop X-Tl-Correlation-Id from the token answers, or document the trace header TrueLayer sent instead (see the header names)',
  },
  {
    id: 'signup-trace-header',
    needs: 'Signup+ answer',
    on: isAccounts,
    check: (x) => {
      const header = x.headers['tl-trace-id'];
      if (header === undefined) return { holds: false, evidence: `${answer(x)}: no Tl-Trace-Id (headers sent: ${headerNames(x)})` };
      const body = isObject(x.json) ? x.json.trace_id : undefined;
      if (typeof body === 'string' && body !== header) return { holds: false, evidence: `${answer(x)}: Tl-Trace-Id differs from the body's trace_id` };
      return { holds: true, evidence: `${answer(x)}: Tl-Trace-Id present${typeof body === 'string' ? ', equal to the body\'s trace_id' : ''}` };
    },
    explains: [{ pointer: '/headers/tl-trace-id', keyword: 'required' }],
    whenRefuted: 'make Tl-Trace-Id optional where it was missing, or document the header TrueLayer sent instead (see the header names)',
  },
  {
    id: 'multiple-accounts-status-200',
    needs: 'multiple-accounts answer',
    on: multipleAccounts,
    check: (x) => ({ holds: x.status === 200, evidence: `${answer(x)}: multiple_accounts_linked body` }),
    explains: [{ pointer: '', keyword: 'status' }],
    whenRefuted: 'document the multiple-accounts answer under the status TrueLayer used (see the evidence) instead of 200',
  },
  {
    id: 'account-id-format',
    needs: 'multiple-accounts answer',
    on: multipleAccounts,
    check: (x) => {
      const accounts = (x.json as Json).accounts;
      if (!Array.isArray(accounts)) return undefined;
      const ids = accounts.map((account) => (isObject(account) ? account.account_id : undefined));
      const good = ids.filter((id) => typeof id === 'string' && ACCOUNT_ID.test(id)).length;
      return { holds: good === ids.length, evidence: `${answer(x)}: ${good} of ${ids.length} account ids match ${ACCOUNT_ID.source}` };
    },
    whenRefuted: "widen the account_id parameter pattern (and the mock's 400 for malformed ids) to the ids TrueLayer issues",
  },
  {
    id: 'identity-required-fields',
    needs: 'identity answer',
    on: identityAnswer,
    check: (x) => {
      const missing = IDENTITY_REQUIRED.filter((key) => !(key in (x.json as Json)));
      return { holds: missing.length === 0, evidence: `${answer(x)}: ${missing.length === 0 ? `all of ${IDENTITY_REQUIRED.join(', ')} present` : `missing ${missing.join(', ')}`}` };
    },
    explains: IDENTITY_REQUIRED.map((key) => ({ pointer: `/${key}`, keyword: 'required' })),
    whenRefuted: 'make the missing fields optional in Identity (TrueLayer\'s Java SDK already treats every field as optional)',
  },
  {
    id: 'address-country-code-key',
    needs: 'identity answer',
    on: (x) => identityAnswer(x) && isObject((x.json as Json).address),
    check: (x) => {
      const address = (x.json as { address: Json }).address;
      const keys = `address keys: ${Object.keys(address).sort().join(', ')}`;
      if ('country_code' in address) return { holds: true, evidence: `${answer(x)}: ${keys}` };
      if ('country' in address) return { holds: false, evidence: `${answer(x)}: ${keys}` };
      return undefined;
    },
    explains: [
      { pointer: '/address/country_code', keyword: 'required' },
      { pointer: '/address/country', keyword: 'additionalProperties' },
    ],
    whenRefuted: 'rename Address.country_code to country (as /signup-plus/payments spells it), then regenerate; the examples, the mock and the client follow',
  },
  {
    id: 'uk-account-number-eight-digits',
    needs: 'answer with a UK account number',
    on: (x) => isAccounts(x) && x.status === 200 && isObject(x.json),
    check: (x) => {
      const numbers = accountNumbers(x.json as Json);
      if (numbers.length === 0) return undefined;
      const good = numbers.filter((n) => typeof n === 'string' && /^[0-9]{8}$/.test(n)).length;
      return { holds: good === numbers.length, evidence: `${answer(x)}: ${good} of ${numbers.length} account numbers are eight digits` };
    },
    explains: [{ pointer: /^\/account_details\/account_number$|^\/accounts\/\d+\/account_number$/, keyword: 'pattern' }],
    whenRefuted: 'relax the AccountNumber pattern to what TrueLayer sends (the evidence says how many differ, not their values)',
  },
  {
    id: 'signup-error-media-type',
    needs: 'Signup+ error answer',
    on: problem,
    check: (x) => ({ holds: x.mediaType === 'application/json', evidence: `${answer(x)}: ${x.mediaType ?? 'no content type'}` }),
    explains: [{ pointer: '', keyword: 'contentType' }],
    whenRefuted: 'say that Signup+ errors come as the media type in the evidence, and make the mock send it',
  },
  {
    id: 'signup-error-type-slugs',
    needs: 'Signup+ error answer',
    on: problem,
    check: (x) => {
      const { title, type } = x.json as Json;
      const expected = `${SIGNUP_ERRORS}${slugOf(String(title))}`;
      return { holds: type === expected, evidence: `${answer(x)}: title "${String(title).slice(0, 60)}", ${typeShape(type)}` };
    },
    whenRefuted: "use the type TrueLayer sent for that title in its example (specs/examples/problem.*.json) and in the mock",
  },
  {
    id: 'problem-errors-shape',
    needs: 'Signup+ error answer with errors',
    on: (x) => problem(x) && (x.json as Json).errors !== undefined,
    check: (x) => {
      const errors = (x.json as Json).errors;
      const shaped = isObject(errors) && Object.values(errors).every((list) => Array.isArray(list) && list.every((m) => typeof m === 'string'));
      return { holds: shaped, evidence: `${answer(x)}: errors is ${shaped ? 'a map of field names to lists of messages' : `shaped otherwise (${Array.isArray(errors) ? 'array' : typeof errors})`}` };
    },
    explains: [{ pointer: /^\/errors(\/|$)/ }],
    whenRefuted: 'describe Problem.errors as TrueLayer shapes it (see the evidence)',
  },
  {
    id: 'account-not-found-404',
    needs: 'answer to the --probe-errors unknown account_id',
    on: (x) => isAccounts(x) && x.step === PROBE_STEP && x.status !== 429,
    check: (x) => {
      const title = isObject(x.json) && typeof x.json.title === 'string' ? x.json.title.slice(0, 60) : undefined;
      return { holds: x.status === 404 && title === 'Account Not Found', evidence: `${answer(x)}: ${title === undefined ? 'no problem title' : `title "${title}"`}` };
    },
    explains: [{ pointer: '', keyword: 'status' }],
    whenRefuted: "document the unknown-account answer as TrueLayer sent it (status, title, slug) in components.responses.AccountNotFound, its example and the mock's scenario",
    probeOnly: true,
  },
  {
    id: 'signup-rate-limit-429',
    needs: '429 answer',
    on: (x) => problem(x) && x.status === 429,
    check: (x) => {
      const title = String((x.json as Json).title).slice(0, 60);
      return { holds: title === 'Rate Limit Exceeded', evidence: `${answer(x)}: title "${title}"` };
    },
    whenRefuted: 'use the 429 title TrueLayer sent in specs/examples/problem.rate-limit-exceeded.json and the mock',
  },
  {
    id: 'retry-after-on-429',
    needs: '429 answer',
    on: (x) => isAccounts(x) && x.status === 429,
    check: (x) => {
      const value = x.headers['retry-after'];
      if (value === undefined) return { holds: false, evidence: `${answer(x)}: no Retry-After (headers sent: ${headerNames(x)})` };
      const seconds = /^\d+$/.test(value.trim());
      return { holds: seconds, evidence: `${answer(x)}: Retry-After ${seconds ? 'in whole seconds' : 'not in whole seconds (an HTTP date?)'}` };
    },
    explains: [{ pointer: '/headers/retry-after' }],
    whenRefuted: 'say on the 429 that TrueLayer sends no Retry-After (or in which form), and make the mock follow',
  },
];
