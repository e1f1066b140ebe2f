// What `npm start` prints, line by line: the modes it runs in, the scenario table in one aligned column, the auth
// link and the curl pair a developer copies (that the pair runs as printed is tests/mock/cli.test.ts's job).
import { describe, expect, it } from 'vitest';
import { authLink, curlPair, EXAMPLE_REDIRECT_URI, renderBanner, type BannerInput } from '../../mocks/banner.ts';
import { SCENARIOS } from '../../mocks/scenarios.ts';

const URL_ = 'http://127.0.0.1:4010';
const PLAIN: BannerInput = { url: URL_, checksClient: false, dynamic: false, latencyMs: 0, providerStates: false };

const lines = (input: BannerInput): string[] => renderBanner(input).split('\n');
/** The line that says how the mock runs (the third). */
const modes = (input: Partial<BannerInput>): string | undefined => lines({ ...PLAIN, ...input })[2];

describe('the banner', () => {
  it('prints, by default, where the mock listens, how it runs, the auth link and the curl pair, in this order', () => {
    const printed = lines({ ...PLAIN, exampleApp: true });
    const scenarios = printed.slice(5, 5 + SCENARIOS.length);
    expect([...printed.slice(0, 5), ...printed.slice(5 + SCENARIOS.length)]).toEqual([
      'Signup+ mock (a local TrueLayer sandbox) listening on http://127.0.0.1:4010',
      '  Point the client at it: customEnvironment({ authUrl: "http://127.0.0.1:4010", apiUrl: "http://127.0.0.1:4010" })',
      '  answers are the spec examples, served by Prism; any client id and secret accepted; CORS on. Ctrl-C stops it.',
      '',
      'Scenarios: the authorization code you exchange picks what GET /signup-plus/accounts answers',
      '  (Prism\'s "Prefer: code=..., example=..." header picks any documented answer.)',
      '',
      'Auth link: open it in a browser, pick a bank (each is a scenario), consent, log in; you land on the',
      'redirect URI (in the address bar) with a single-use code; exchange it within 5 minutes with the same',
      'client_id and redirect_uri:',
      '  http://127.0.0.1:4010/?response_type=code&client_id=sandbox-client-id&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcallback&scope=signupplus%20offline_access&state=try-it-state',
      '  Without a browser: add providers=mock-single-account (any bank id) and mock_decision=approve, and follow the redirect.',
      '  A whole app on this flow: `npm run example`, then open http://127.0.0.1:3000 (examples/node-app).',
      '',
      'For tests and process managers: GET http://127.0.0.1:4010/_harness/health; what your app sent: GET (or DELETE to clear) http://127.0.0.1:4010/_harness/requests',
      '',
      'Try it (bash or zsh):',
      ...curlPair(URL_, false).split('\n'),
      '',
    ]);
    // One row per scenario, in the table's order, every summary starting in the same column: two spaces after
    // the longest code.
    const column = 2 + Math.max(...SCENARIOS.map((s) => s.code.length)) + 2;
    expect(scenarios).toEqual(SCENARIOS.map((s) => `  ${s.code}${' '.repeat(column - 2 - s.code.length)}${s.summary}`));
    expect(scenarios[0]).toBe(`  single-account${' '.repeat(column - 2 - 'single-account'.length)}200 single-account identity (also any code not listed)`);
  });

  it('points to the example app only where it is (a clone of the harness), and names no other npm script', () => {
    const example = '  A whole app on this flow: `npm run example`, then open http://127.0.0.1:3000 (examples/node-app).';
    expect(lines({ ...PLAIN, exampleApp: true })).toContain(example);
    const installed = lines(PLAIN);
    expect(installed).toEqual(lines({ ...PLAIN, exampleApp: true }).filter((line) => line !== example));
    expect(installed.join('\n')).not.toMatch(/npm (run|start)/);
  });

  it('names every mode it was started in, in a fixed order', () => {
    expect(modes({ dynamic: true, latencyMs: 200, checksClient: true, providerStates: true, cors: false })).toBe(
      '  identities generated from the schema (--dynamic); latency 200 ms + jitter; client id and secret checked; ' +
        'Pact provider states on POST /_harness/provider-states; CORS off. Ctrl-C stops it.',
    );
    expect(modes({ latencyMs: 1, cors: true })).toBe('  answers are the spec examples, served by Prism; latency 1 ms + jitter; any client id and secret accepted; CORS on. Ctrl-C stops it.');
  });

  it('with client checks, tells the developer to export the credentials the curl pair reads', () => {
    const printed = lines({ ...PLAIN, checksClient: true });
    const at = printed.indexOf('Try it (bash or zsh); export CLIENT_ID and CLIENT_SECRET first:');
    expect(at).toBeGreaterThan(0);
    expect(printed.slice(at + 1)).toEqual([...curlPair(URL_, true).split('\n'), '']);
  });

  it('links the auth dialog with the checked client id and the allowed redirect URI', () => {
    const printed = lines({ ...PLAIN, clientId: 'my-app', redirectUri: 'https://app.example/cb' });
    expect(printed).toContain(
      '  http://127.0.0.1:4010/?response_type=code&client_id=my-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=signupplus%20offline_access&state=try-it-state',
    );
  });
});

describe('the auth link', () => {
  it('defaults to the sandbox client id and the example app, spaces as %20 like TrueLayer\'s own links', () => {
    expect(EXAMPLE_REDIRECT_URI).toBe('http://127.0.0.1:3000/callback');
    expect(authLink('http://[::1]:9')).toBe(
      'http://[::1]:9/?response_type=code&client_id=sandbox-client-id&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcallback&scope=signupplus%20offline_access&state=try-it-state',
    );
    expect(authLink(URL_, { clientId: 'a+b c' })).toContain('&client_id=a%2Bb%20c&');
  });
});

describe('the curl pair', () => {
  it('exchanges the single-account code with the sandbox credentials, then calls the accounts endpoint with the token', () => {
    expect(curlPair(URL_, false)).toBe(
      [
        'ACCESS_TOKEN="$(curl -sS -X POST "http://127.0.0.1:4010/connect/token" \\',
        '  --data-urlencode "grant_type=authorization_code" \\',
        '  --data-urlencode "client_id=sandbox-client-id" \\',
        '  --data-urlencode "client_secret=sandbox-client-secret" \\',
        '  --data-urlencode "redirect_uri=http://127.0.0.1:3000/callback" \\',
        '  --data-urlencode "code=single-account" \\',
        '  | node -p "JSON.parse(require(\'fs\').readFileSync(0, \'utf8\')).access_token")"',
        'curl -sS "http://127.0.0.1:4010/signup-plus/accounts" -H "Authorization: Bearer ${ACCESS_TOKEN}"',
      ].join('\n'),
    );
  });

  it('with client checks, reads the credentials from the shell (double quotes, so the shell expands them)', () => {
    const pair = curlPair(URL_, true, 'multiple-accounts').split('\n');
    expect(pair.slice(2, 4)).toEqual(['  --data-urlencode "client_id=${CLIENT_ID}" \\', '  --data-urlencode "client_secret=${CLIENT_SECRET}" \\']);
    expect(pair[5]).toBe('  --data-urlencode "code=multiple-accounts" \\');
  });
});
