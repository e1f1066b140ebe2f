// The auth link's checks as an authorization server makes them (RFC 6749 §4.1.2.1), on the pure decision: an
// untrusted client_id or redirect_uri gets an error page (never a redirect), every other error goes back to the
// validated redirect URI with TrueLayer's error code and a description that says what to fix.
import { describe, expect, it } from 'vitest';
import { checkAuthRequest, type DialogPolicy } from '../../mocks/auth-request.ts';
import { bankById, MOCK_BANKS } from '../../mocks/mock-banks.ts';

const REDIRECT = 'https://app.example/callback';
const BASE = { response_type: 'code', client_id: 'test-client', redirect_uri: REDIRECT, scope: 'signupplus', state: 'st-1' };
const ALL_BANK_IDS = MOCK_BANKS.map((bank) => bank.id).join(', ');

/** The link's query: a record (one value each) or a raw query string (repeats, odd encodings). */
function check(query: Record<string, string> | string, policy: DialogPolicy = {}) {
  return checkAuthRequest(new URLSearchParams(query), policy);
}
const withBase = (override: Record<string, string | undefined>): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...BASE, ...override })) if (value !== undefined) params.append(name, value);
  return params.toString();
};
const bank = (id: string) => bankById(id) as NonNullable<ReturnType<typeof bankById>>;

describe('a client_id or redirect_uri that cannot be trusted: an error page naming the parameter', () => {
  it.each([
    ['client_id twice', 'client_id=a&client_id=b&redirect_uri=https://app.example/cb', 'invalid_request', 'client_id', 'client_id appears more than once.'],
    ['no client_id', withBase({ client_id: undefined }), 'invalid_request', 'client_id',
      'client_id is missing. Use the client id of your app in TrueLayer Console (any value works on this mock unless it was started with --client-id).'],
    ['an empty client_id', withBase({ client_id: '' }), 'invalid_request', 'client_id',
      'client_id is missing. Use the client id of your app in TrueLayer Console (any value works on this mock unless it was started with --client-id).'],
    ['redirect_uri twice', `client_id=a&redirect_uri=${REDIRECT}&redirect_uri=${REDIRECT}`, 'invalid_request', 'redirect_uri', 'redirect_uri appears more than once.'],
    ['no redirect_uri', withBase({ redirect_uri: undefined }), 'invalid_request', 'redirect_uri',
      "redirect_uri is missing. Add the URI of your app's callback, as allowed in TrueLayer Console."],
    ['a relative redirect_uri', withBase({ redirect_uri: '/callback' }), 'invalid_request', 'redirect_uri',
      'redirect_uri must be an absolute URL, such as http://127.0.0.1:3000/callback.'],
    ['a javascript: redirect_uri', withBase({ redirect_uri: 'javascript:alert(1)' }), 'invalid_request', 'redirect_uri',
      'redirect_uri must use http or https, not javascript:'],
    ['a custom scheme, named in at most 20 characters', withBase({ redirect_uri: 'abcdefghijklmnopqrstuvwxyz://cb' }), 'invalid_request', 'redirect_uri',
      'redirect_uri must use http or https, not abcdefghijklmnopqrst'],
    ['a fragment', withBase({ redirect_uri: `${REDIRECT}#top` }), 'invalid_request', 'redirect_uri', 'redirect_uri must not contain a fragment (#…).'],
    ['an empty fragment', withBase({ redirect_uri: `${REDIRECT}#` }), 'invalid_request', 'redirect_uri', 'redirect_uri must not contain a fragment (#…).'],
    ['a user name', withBase({ redirect_uri: 'https://user@app.example/callback' }), 'invalid_request', 'redirect_uri',
      'redirect_uri must not contain a user name or password.'],
    ['a password alone', withBase({ redirect_uri: 'https://:secret@app.example/callback' }), 'invalid_request', 'redirect_uri',
      'redirect_uri must not contain a user name or password.'],
  ])('%s', (_name, query, error, parameter, message) => {
    expect(check(query)).toStrictEqual({ kind: 'error-page', error, parameter, message });
  });

  it('checks client_id before redirect_uri', () => {
    expect(check('redirect_uri=javascript:x')).toMatchObject({ kind: 'error-page', parameter: 'client_id' });
  });

  it('a client other than the one the mock checks (--client-id) is unauthorized_client; that one passes', () => {
    expect(check(BASE, { clientId: 'other-client' })).toStrictEqual({
      kind: 'error-page',
      error: 'unauthorized_client',
      parameter: 'client_id',
      message: 'client_id is not the client this mock was started for (--client-id).',
    });
    expect(check(BASE, { clientId: 'test-client' }).kind).toBe('ok');
  });

  it('a redirect_uri off the allow-list (--redirect-uri) is unauthorized_client; one on it, compared exactly, passes', () => {
    const policy = { redirectUris: ['https://other.example/cb', REDIRECT] };
    const refused = {
      kind: 'error-page',
      error: 'unauthorized_client',
      parameter: 'redirect_uri',
      message: 'redirect_uri is not one of the allowed redirect URIs this mock was started with (--redirect-uri); they are compared exactly, as in TrueLayer Console.',
    };
    expect(check({ ...BASE, redirect_uri: `${REDIRECT}/` }, policy)).toStrictEqual(refused);
    expect(check(BASE, { redirectUris: [] })).toStrictEqual(refused);
    expect(check(BASE, policy).kind).toBe('ok');
  });

  it('accepts http and https redirect URIs, with their own query', () => {
    for (const uri of ['http://127.0.0.1:3000/callback', 'https://app.example/cb?tenant=a']) {
      expect(check({ ...BASE, redirect_uri: uri })).toMatchObject({ kind: 'ok', request: { redirectUri: uri } });
    }
  });
});

describe('other errors go back to the redirect URI, with the state and the asked response mode', () => {
  const back = (error: string, description: string, to: object = { redirectUri: REDIRECT, responseMode: 'query', state: 'st-1' }) => ({
    kind: 'redirect-error',
    to,
    error,
    description,
  });

  it.each([
    ['an unknown response_mode', { response_mode: 'fragment' }, 'invalid_request', 'response_mode must be query or form_post.'],
    ['no response_type', { response_type: undefined }, 'invalid_request', 'response_type is missing; use response_type=code.'],
    ['an empty response_type', { response_type: '' }, 'invalid_request', 'response_type is missing; use response_type=code.'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type', 'Only response_type=code is supported.'],
    ['no scope', { scope: undefined }, 'invalid_scope', 'scope must include signupplus.'],
    ['a scope without signupplus', { scope: 'info accounts' }, 'invalid_scope', 'scope must include signupplus.'],
    ['signupplus as part of another scope', { scope: 'signupplus:read' }, 'invalid_scope', 'scope must include signupplus.'],
    ['a method without code_challenge', { code_challenge_method: 'S256' }, 'invalid_request', 'code_challenge_method was sent without code_challenge.'],
    ['code_challenge without a method', { code_challenge: 'a'.repeat(43) }, 'invalid_request', 'code_challenge_method must be S256.'],
    ['code_challenge_method=plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request', 'code_challenge_method must be S256.'],
    ['mock_decision=maybe', { mock_decision: 'maybe', providers: 'mock-single-account' }, 'invalid_request', 'mock_decision must be approve or deny.'],
    ['mock_decision=approve with every bank offered', { mock_decision: 'approve' }, 'invalid_request',
      'mock_decision=approve needs one bank: add providers=mock-<scenario> (e.g. mock-single-account).'],
    ['mock_decision=approve with two banks', { mock_decision: 'approve', providers: 'mock-single-account mock-joint-account' }, 'invalid_request',
      'mock_decision=approve needs one bank: add providers=mock-<scenario> (e.g. mock-single-account).'],
  ])('%s', (_name, override, error, description) => {
    expect(check(withBase(override))).toStrictEqual(back(error, description));
  });

  const challengeProblem = 'code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (BASE64URL of a SHA-256).';
  it.each([
    ['42 characters', 'a'.repeat(42)],
    ['129 characters', 'a'.repeat(129)],
    ['a character outside BASE64URL before valid ones', `+${'a'.repeat(43)}`],
    ['a character outside BASE64URL after valid ones', `${'a'.repeat(43)}=`],
    ['a space inside', `${'a'.repeat(21)} ${'a'.repeat(21)}`],
    ['a slash', `${'a'.repeat(42)}/`],
  ])('a code_challenge of %s is refused', (_name, challenge) => {
    expect(check(withBase({ code_challenge: challenge, code_challenge_method: 'S256' }))).toStrictEqual(back('invalid_request', challengeProblem));
  });

  it.each([
    ['43 characters', 'a'.repeat(43)],
    ['128 characters', 'Z'.repeat(128)],
    ['every BASE64URL character and the unreserved ones', 'ABCXYZabcxyz0189-._~'.repeat(3)],
  ])('a code_challenge of %s is kept for the code', (_name, challenge) => {
    expect(check(withBase({ code_challenge: challenge, code_challenge_method: 'S256' }))).toMatchObject({ kind: 'ok', request: { codeChallenge: challenge } });
  });

  it('a repeated parameter is named, cut to 40 characters', () => {
    expect(check(`${withBase({})}&scope=signupplus`)).toStrictEqual(back('invalid_request', 'scope appears more than once.'));
    const long = 'x'.repeat(50);
    expect(check(`${withBase({})}&${long}=1&${long}=2`)).toStrictEqual(back('invalid_request', `${'x'.repeat(40)} appears more than once.`));
  });

  it('form_post errors are answered in form_post; an unknown mode falls back to query; no state, no state key', () => {
    expect(check(withBase({ response_mode: 'form_post', scope: 'info' }))).toStrictEqual(
      back('invalid_scope', 'scope must include signupplus.', { redirectUri: REDIRECT, responseMode: 'form_post', state: 'st-1' }),
    );
    expect(check(withBase({ response_mode: 'query', scope: 'info', state: undefined }))).toStrictEqual(
      back('invalid_scope', 'scope must include signupplus.', { redirectUri: REDIRECT, responseMode: 'query' }),
    );
    expect(check(withBase({ response_mode: 'form_post', state: '', scope: 'info' }))).toStrictEqual(
      back('invalid_scope', 'scope must include signupplus.', { redirectUri: REDIRECT, responseMode: 'form_post', state: '' }),
    );
  });
});

describe('the mock banks a link offers (providers, provider_id)', () => {
  const notAMockBank = (id: string) => `${id} is not a mock bank; use one of ${ALL_BANK_IDS}.`;
  const refused = (description: string) => ({
    kind: 'redirect-error',
    to: { redirectUri: REDIRECT, responseMode: 'query', state: 'st-1' },
    error: 'invalid_request',
    description,
  });
  const banksOf = (override: Record<string, string>) => {
    const result = check(withBase(override));
    if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
    return result.request.banks.map((offered) => offered.id);
  };

  it('an unknown mock bank in providers or provider_id is named (cut to 60 characters) with the list of mock banks', () => {
    expect(check(withBase({ providers: 'uk-ob-all mock-no-such-bank' }))).toStrictEqual(refused(notAMockBank('mock-no-such-bank')));
    expect(check(withBase({ provider_id: 'mock-nope' }))).toStrictEqual(refused(notAMockBank('mock-nope')));
    const long = `mock-${'z'.repeat(70)}`;
    expect(check(withBase({ providers: long }))).toStrictEqual(refused(notAMockBank(long.slice(0, 60))));
    expect(check(withBase({ provider_id: long }))).toStrictEqual(refused(notAMockBank(long.slice(0, 60))));
  });

  it('a provider_id must be among the mock banks providers names (TrueLayer)', () => {
    expect(check(withBase({ providers: 'mock-joint-account', provider_id: 'mock-single-account' }))).toStrictEqual(
      refused('provider_id mock-single-account is not among providers.'),
    );
  });

  it('names the banks offered, in the order given, each once; real providers offer every mock bank', () => {
    expect(banksOf({ providers: 'mock-server-error uk-ob-all mock-joint-account mock-server-error' })).toEqual(['mock-server-error', 'mock-joint-account']);
    expect(banksOf({ providers: 'uk-ob-all  ob-monzo' })).toEqual(MOCK_BANKS.map((offered) => offered.id));
    expect(banksOf({})).toEqual(MOCK_BANKS.map((offered) => offered.id));
    expect(banksOf({ provider_id: 'ob-monzo' })).toEqual(MOCK_BANKS.map((offered) => offered.id));
  });

  it('provider_id picks one bank, alone or among providers', () => {
    expect(banksOf({ provider_id: 'mock-joint-account' })).toEqual(['mock-joint-account']);
    expect(banksOf({ providers: 'mock-single-account mock-joint-account', provider_id: 'mock-joint-account' })).toEqual(['mock-joint-account']);
    expect(banksOf({ providers: 'uk-ob-all', provider_id: 'mock-joint-account' })).toEqual(['mock-joint-account']);
  });

  it('mock_decision=approve with provider_id alone names its one bank', () => {
    expect(check(withBase({ provider_id: 'mock-slow', mock_decision: 'approve' }))).toMatchObject({ kind: 'ok', request: { decision: 'approve' } });
  });
});

describe('a valid link', () => {
  it('is read whole: client, where to return, scopes, PKCE, banks and the decision', () => {
    const challenge = 'c'.repeat(43);
    const query = withBase({
      scope: 'info  signupplus offline_access',
      response_mode: 'form_post',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      providers: 'mock-joint-account',
      mock_decision: 'deny',
      nonce: 'n-1',
    });
    expect(check(query)).toStrictEqual({
      kind: 'ok',
      request: {
        redirectUri: REDIRECT,
        responseMode: 'form_post',
        state: 'st-1',
        clientId: 'test-client',
        scopes: ['info', 'signupplus', 'offline_access'],
        codeChallenge: challenge,
        banks: [bank('mock-joint-account')],
        decision: 'deny',
      },
    });
  });

  it('leaves out what the link did not carry: state, code challenge, decision', () => {
    expect(check(withBase({ state: undefined, response_mode: 'query' }))).toStrictEqual({
      kind: 'ok',
      request: { redirectUri: REDIRECT, responseMode: 'query', clientId: 'test-client', scopes: ['signupplus'], banks: MOCK_BANKS },
    });
  });

  it('mock_decision=approve with one bank is kept', () => {
    expect(check(withBase({ providers: 'mock-single-account', mock_decision: 'approve' }))).toMatchObject({
      kind: 'ok',
      request: { decision: 'approve', banks: [bank('mock-single-account')] },
    });
  });
});
