// What the collection does, as data: folders per step of the flow, each request's inputs (Postman
// variables, never literal credentials) and which documented response it expects. Shapes, schemas and
// expected values come from the spec when the collection is built (build-collection.ts).
import type { OperationId } from './spec-facts.ts';

export const FOLDERS = {
  exchange: '1. Exchange code',
  accounts: '2. Get accounts',
  follow: '3. Follow account_id',
  errors: 'Errors',
} as const;

/** Variables the flow writes for the next requests (collection variables). */
export const FLOW_VARIABLES = {
  access_token: 'Set by the token requests of "1. Exchange code".',
  refresh_token: 'Set by the token requests of "1. Exchange code" (empty without offline_access).',
  account_id: 'Set by "2. Get accounts" to the first linked account when several are linked; empty otherwise.',
} as const;

/** A form body from a grant schema: every property in spec order, `const` values filled in. */
export interface FormFromSchema {
  schema: 'AuthorizationCodeGrant' | 'RefreshTokenGrant';
  /** Value per field; default `{{<field>}}`. */
  values?: Record<string, string>;
  /** Fields left out on purpose (an error case). */
  omit?: string[];
}

export interface RequestPlan {
  folder: string;
  name: string;
  description: string;
  operationId: OperationId;
  form?: FormFromSchema | { fields: Record<string, string> };
  query?: Record<string, string>;
  /** Bearer token (a Postman variable or a literal fake); undefined = no Authorization header. */
  bearer?: string;
  /** Skip the request when this flow variable is empty (pm.execution.skipRequest). */
  skipUnless?: { variable: string; reason: string };
  expect: {
    status: number;
    /** Validate against this component schema instead of the response's own (narrower, e.g. Identity). */
    schema?: string;
    /** The spec's named example of this response: shown as saved response, and source of `fields`. */
    example: string;
    /** Fields of the example whose values the answer must repeat. */
    fields?: string[];
  };
  /** More saved responses (named examples of the same status) to show in Postman. */
  moreExamples?: string[];
  after?: 'store-tokens' | 'pick-account';
}

const PROBLEM_FIELDS = ['type', 'title', 'status'];

export const PLAN: RequestPlan[] = [
  {
    folder: FOLDERS.exchange,
    name: 'Exchange the code for tokens',
    description:
      'Exchanges `{{code}}` for an access token (authorization_code grant) and stores `access_token` and `refresh_token` ' +
      'as collection variables. Against the mock the code picks the scenario (`single-account`, `multiple-accounts`, ...).',
    operationId: 'requestToken',
    form: { schema: 'AuthorizationCodeGrant' },
    expect: { status: 200, example: 'token' },
    after: 'store-tokens',
  },
  {
    folder: FOLDERS.exchange,
    name: 'Refresh the access token',
    description:
      'Uses `{{refresh_token}}` (refresh_token grant) and stores the new pair: refresh tokens may rotate, so the newest one ' +
      'is kept. Skipped when the code exchange gave no refresh token (no `offline_access` scope).',
    operationId: 'requestToken',
    form: { schema: 'RefreshTokenGrant' },
    skipUnless: { variable: 'refresh_token', reason: 'no refresh_token (the token answer had none)' },
    expect: { status: 200, example: 'token' },
    after: 'store-tokens',
  },
  {
    folder: FOLDERS.accounts,
    name: 'Get the identity or the linked accounts',
    description:
      'Calls the accounts endpoint with `{{access_token}}`. A single identity ends the flow; a `multiple_accounts_linked` ' +
      'answer stores the first `account_id` for "3. Follow account_id".',
    operationId: 'getSignupPlusAccounts',
    bearer: '{{access_token}}',
    expect: { status: 200, example: 'single-account' },
    moreExamples: ['multiple-accounts'],
    after: 'pick-account',
  },
  {
    folder: FOLDERS.follow,
    name: 'Get the identity of the first linked account',
    description:
      'Repeats the accounts call with `account_id={{account_id}}` and expects that account\'s identity. Skipped when ' +
      '"2. Get accounts" answered a single identity.',
    operationId: 'getSignupPlusAccounts',
    bearer: '{{access_token}}',
    query: { account_id: '{{account_id}}' },
    skipUnless: { variable: 'account_id', reason: 'no account_id to follow ("2. Get accounts" did not answer a list of linked accounts)' },
    expect: { status: 200, schema: 'Identity', example: 'account-acc-aa360adff0f1574e1' },
  },
  {
    folder: FOLDERS.errors,
    name: 'Expired code is refused with invalid_authorization_code',
    description:
      'The mock\'s `expired-code` scenario; TrueLayer answers a wrong, reused or over-5-minutes-old code the same way ' +
      '(https://docs.truelayer.com/docs/data-api-errors).',
    operationId: 'requestToken',
    form: { schema: 'AuthorizationCodeGrant', values: { code: 'expired-code' } },
    expect: { status: 400, example: 'invalid-authorization-code', fields: ['error'] },
  },
  {
    folder: FOLDERS.errors,
    name: 'Unknown grant_type is refused with unsupported_grant_type',
    description: 'A grant type the token endpoint does not support.',
    operationId: 'requestToken',
    form: { fields: { grant_type: 'password', client_id: '{{client_id}}', client_secret: '{{client_secret}}' } },
    expect: { status: 400, example: 'unsupported-grant-type', fields: ['error'] },
  },
  {
    folder: FOLDERS.errors,
    name: 'Missing code is refused with invalid_request',
    description: 'An authorization_code grant without its `code` field.',
    operationId: 'requestToken',
    form: { schema: 'AuthorizationCodeGrant', omit: ['code'] },
    expect: { status: 400, example: 'invalid-request', fields: ['error'] },
  },
  {
    folder: FOLDERS.errors,
    name: 'Accounts without an Authorization header answer 401 Unauthorized',
    description: 'No Authorization header at all.',
    operationId: 'getSignupPlusAccounts',
    expect: { status: 401, example: 'unauthorized', fields: PROBLEM_FIELDS },
  },
  {
    folder: FOLDERS.errors,
    name: 'Accounts with a token the server did not issue answer 401 Unauthorized',
    description: 'A bearer token that no auth server issued.',
    operationId: 'getSignupPlusAccounts',
    bearer: 'example-foreign-access-token',
    expect: { status: 401, example: 'unauthorized', fields: PROBLEM_FIELDS },
  },
  {
    folder: FOLDERS.errors,
    name: 'Malformed account_id answers 400 Invalid Parameters',
    description: 'A valid token with an `account_id` outside the documented pattern. Needs `{{access_token}}` from "1. Exchange code".',
    operationId: 'getSignupPlusAccounts',
    bearer: '{{access_token}}',
    query: { account_id: 'acc.not-valid' },
    expect: { status: 400, example: 'invalid-parameters', fields: PROBLEM_FIELDS },
  },
];
