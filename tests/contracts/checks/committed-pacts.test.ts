// The committed pacts: the interactions the issue asks for, under the right names, and nothing in them that
// looks like a secret. (That they are not stale is checked by `npm run contracts`, which regenerates them.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS_DIR } from '../../../scripts/lib/project-paths.ts';
import { CONSUMER, PACT_FILES, PROVIDERS } from '../../../scripts/contracts/pact-names.ts';
import { comparePactDirs, describeStale, readPactFiles, stateNames } from '../../../scripts/contracts/pact-files.ts';
import type { PactDocument } from '../../../scripts/contracts/pact-files.ts';
import { scanPactsForSecrets } from '../../../scripts/contracts/secret-scan.ts';

const pacts = await readPactFiles(CONTRACTS_DIR);

/** The code exchange's fields, the same in the form and the JSON interaction (EXAMPLE_CREDENTIALS). */
const TOKEN_REQUEST_FIELDS = {
  client_id: 'example-client-id',
  client_secret: 'example-client-secret',
  code: 'example-authorization-code',
  grant_type: 'authorization_code',
  redirect_uri: 'https://example.com/callback',
};
const pactFor = (provider: string): PactDocument => {
  const found = pacts.find((p) => p.pact.provider.name === provider);
  if (!found) throw new Error(`no committed pact for ${provider}`);
  return structuredClone(found.pact);
};

describe('committed pacts', () => {
  it('are one pact per TrueLayer host, from the one consumer', () => {
    expect(pacts.map((p) => p.file)).toEqual([...PACT_FILES].sort());
    expect(pacts.map((p) => [p.pact.consumer.name, p.pact.provider.name])).toEqual([
      [CONSUMER, PROVIDERS.auth],
      [CONSUMER, PROVIDERS.signupPlus],
    ]);
  });

  it.each([
    [
      PROVIDERS.auth,
      [
        ['POST /connect/token', 200, 'an authorization code for a user with one account was issued', 'a JSON request to exchange an authorization code for tokens'],
        ['POST /connect/token', 400, 'an authorization code for a user with one account was issued', 'a request to exchange a code with a client secret the server does not know'],
        ['POST /connect/token', 200, 'an authorization code for a user with one account was issued', 'a request to exchange an authorization code for tokens'],
        ['POST /connect/token', 200, 'an authorization code for a user with one account was issued', 'a request to exchange an authorization code with a PKCE code_verifier'],
        ['POST /connect/token', 400, 'the authorization code has expired', 'a request to exchange an expired authorization code'],
        ['POST /connect/token', 200, 'a refresh token for a user with one account was issued', 'a request to refresh an access token'],
      ],
    ],
    [
      PROVIDERS.signupPlus,
      [
        ['GET /signup-plus/accounts', 422, 'the bank returned no identity data for the user', 'a request for an identity the bank did not return'],
        ['GET /signup-plus/accounts', 403, "the user's bank consent has expired", 'a request for the identity after the bank consent expired'],
        ['GET /signup-plus/accounts', 200, 'a user with several linked accounts has authorised the app', 'a request for the identity behind one account_id'],
        ['GET /signup-plus/accounts', 400, "the user's bank does not support Signup+", 'a request for the identity of a user whose bank does not support Signup+'],
        ['GET /signup-plus/accounts', 200, 'a user with one account has authorised the app', 'a request for the identity of a user with one account'],
        ['GET /signup-plus/accounts', 200, 'a user with several linked accounts has authorised the app', 'a request for the identity of a user with several linked accounts'],
        ['GET /signup-plus/accounts', 429, 'the user is rate limited', 'a request while the user is rate limited'],
        ['GET /signup-plus/accounts', 401, 'no user has authorised the app', 'a request with an access token the API does not accept'],
      ],
    ],
  ])('%s holds exactly the listed interactions, each with one provider state sentence', (provider, expected) => {
    const interactions = pactFor(provider).interactions.map((i) => [`${i.request.method} ${i.request.path}`, i.response.status, ...stateNames(i), i.description]);
    expect(interactions).toEqual(expected);
  });

  it('sends the token request as a form body and matches its fields by type, not by order or value', () => {
    const exchange = pactFor(PROVIDERS.auth).interactions.find((i) => i.description === 'a request to exchange an authorization code for tokens');
    expect(exchange?.request.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(exchange?.request.body)))).toEqual(TOKEN_REQUEST_FIELDS);
    const rules = (exchange?.request.matchingRules as { body: Record<string, unknown> }).body;
    expect(Object.keys(rules).sort()).toEqual(['$.client_id', '$.client_secret', '$.code', '$.redirect_uri']);
    expect(exchange?.request.generators).toEqual({ body: { '$.code': { expression: '${code}', type: 'ProviderState' } } });
  });

  it('also sends the same token request fields as a JSON object, matched the same way', () => {
    const exchange = pactFor(PROVIDERS.auth).interactions.find((i) => i.description === 'a JSON request to exchange an authorization code for tokens');
    expect(exchange?.request.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(exchange?.request.body).toEqual(TOKEN_REQUEST_FIELDS);
    const rules = (exchange?.request.matchingRules as { body: Record<string, unknown> }).body;
    expect(Object.keys(rules).sort()).toEqual(['$.client_id', '$.client_secret', '$.code', '$.redirect_uri']);
  });

  it('states the identity by shape: regexes for the date, sort code, account number, country and IBAN', () => {
    const identity = pactFor(PROVIDERS.signupPlus).interactions.find((i) => i.description === 'a request for the identity of a user with one account');
    const rules = (identity?.response.matchingRules as { body: Record<string, { matchers: Array<{ match: string; regex?: string }> }> }).body;
    expect(rules['$.date_of_birth']?.matchers).toEqual([{ match: 'regex', regex: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }]);
    expect(rules['$.account_details.sort_code']?.matchers).toEqual([{ match: 'regex', regex: '^[0-9]{2}-[0-9]{2}-[0-9]{2}$' }]);
    expect(rules['$.account_details.account_number']?.matchers).toEqual([{ match: 'regex', regex: '^[0-9]{8}$' }]);
    expect(rules['$.address.country_code']?.matchers).toEqual([{ match: 'regex', regex: '^[A-Z]{2}$' }]);
    expect(rules['$.account_details.iban']?.matchers).toEqual([{ match: 'regex', regex: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$' }]);
    expect(rules['$.first_name']?.matchers).toEqual([{ match: 'type' }]);
  });
});

describe('secret scan of the pact files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signup-plus-secret-scan-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds no secret-looking value in the committed pacts', async () => {
    expect(await scanPactsForSecrets(CONTRACTS_DIR)).toEqual([]);
  });

  const auth = (): PactDocument => pactFor(PROVIDERS.auth);
  const accounts = (): PactDocument => pactFor(PROVIDERS.signupPlus);
  it.each<[string, () => PactDocument, string]>([
    [
      'a real-looking client secret in a form body',
      () => {
        const pact = auth();
        const wrongSecret = pact.interactions[1]!;
        wrongSecret.request.body = String(wrongSecret.request.body).replace('client_secret=example-wrong-client-secret', 'client_secret=s3cr3t-9f8e7d6c');
        return pact;
      },
      'Value at "interactions.1.request.body.client_secret" looks like a real credential; use an obvious fake such as "example-client-secret".',
    ],
    [
      'a long random bearer token',
      () => {
        const pact = accounts();
        pact.interactions[0]!.request.headers = { Authorization: 'Bearer 8f14e45fceea167a5a36dedd4bea2543aa0b1f9c' };
        return pact;
      },
      'Value at "interactions.0.request.credentials.access_token" looks like a real credential; use an obvious fake such as "example-access-token".',
    ],
    [
      'a JWT in a token answer',
      () => {
        const pact = auth();
        (pact.interactions[2]!.response.body as Record<string, unknown>).access_token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';
        return pact;
      },
      'Value at "interactions.2.response.body.access_token" looks like a real credential; use an obvious fake such as "example-access-token".',
    ],
  ])('flags %s', async (_name, broken, message) => {
    await writeFile(join(dir, 'broken.json'), JSON.stringify(broken()));
    expect(await scanPactsForSecrets(dir)).toEqual([{ file: 'broken.json', message }]);
  });
});

describe('stale pact detection', () => {
  it('names a changed, a missing and an orphaned pact file', async () => {
    const [fresh, committed] = await Promise.all([mkdtemp(join(tmpdir(), 'fresh-')), mkdtemp(join(tmpdir(), 'committed-'))]);
    try {
      await writeFile(join(fresh, 'same.json'), '{"a":1}\n');
      await writeFile(join(committed, 'same.json'), '{"a":1}\n');
      await writeFile(join(fresh, 'changed.json'), '{"a":2}');
      await writeFile(join(committed, 'changed.json'), '{"a":1}');
      await writeFile(join(fresh, 'new.json'), '{}');
      await writeFile(join(committed, 'gone.json'), '{}');
      const report = await comparePactDirs(fresh, committed);
      expect(report).toEqual({ changed: ['changed.json'], missing: ['new.json'], orphaned: ['gone.json'] });
      expect(describeStale(report)).toEqual([
        'contracts/changed.json differs from what the consumer tests generate now',
        'contracts/new.json is not committed, but the consumer tests generate it',
        'contracts/gone.json is committed, but no consumer test generates it any more',
      ]);
    } finally {
      await Promise.all([rm(fresh, { recursive: true }), rm(committed, { recursive: true })]);
    }
  });
});
