// Runs the committed collection with newman (Postman's own runtime and sandbox) against the mock, once per
// path of the flow, and against a deliberately wrong server to show the collection's checks do fail.
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import newman, { type RunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { REPORTS_DIR } from '../../scripts/lib/project-paths.ts';
import { COLLECTION_PATH, environmentPath } from '../../scripts/postman/render.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

type Json = Record<string, any>;
const NEWMAN_REPORTS = join(REPORTS_DIR, 'newman');

let collection: Json;
let mockEnvironment: Json;

/** The mock environment with both hosts pointed at `url` and, optionally, another scenario code. */
function environmentFor(url: string, code?: string): Json {
  const environment = structuredClone(mockEnvironment);
  for (const variable of environment.values as Json[]) {
    if (variable.key === 'auth_url' || variable.key === 'api_url') variable.value = url;
    if (variable.key === 'code' && code !== undefined) variable.value = code;
  }
  return environment;
}

function runCollection(options: { collection: Json; environment: Json; junit?: string; iterationCount?: number }): Promise<RunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: options.collection,
        environment: options.environment,
        iterationCount: options.iterationCount ?? 1,
        reporters: options.junit ? ['junit'] : [],
        reporter: options.junit ? { junit: { export: options.junit } } : {},
        timeoutRequest: 5_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

const failuresOf = (summary: RunSummary) => summary.run.failures.map((f) => `${f.source?.name}: ${f.error.test ?? f.error.message}`);
const executedRequests = (summary: RunSummary) => summary.run.executions.map((e) => `${e.item.name} → ${e.response?.code}`);

beforeAll(async () => {
  collection = JSON.parse(await readFile(COLLECTION_PATH, 'utf8'));
  mockEnvironment = JSON.parse(await readFile(environmentPath('mock'), 'utf8'));
  await mkdir(NEWMAN_REPORTS, { recursive: true });
});

// newman runs every script in its own sandbox VM: seconds of CPU per run, many more on a loaded machine.
describe('newman runs the collection against the mock', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, quiet: true });
  });
  afterAll(async () => {
    await mock?.close();
  });

  const errors = [
    'Expired code is refused with invalid_authorization_code → 400',
    'Unknown grant_type is refused with unsupported_grant_type → 400',
    'Missing code is refused with invalid_request → 400',
    'Accounts without an Authorization header answer 401 Unauthorized → 401',
    'Accounts with a token the server did not issue answer 401 Unauthorized → 401',
    'Malformed account_id answers 400 Invalid Parameters → 400',
  ];

  it.each([
    {
      code: 'single-account',
      requests: ['Exchange the code for tokens → 200', 'Refresh the access token → 200', 'Get the identity or the linked accounts → 200', ...errors],
      assertions: 45,
      followed: undefined,
    },
    {
      code: 'multiple-accounts',
      requests: [
        'Exchange the code for tokens → 200',
        'Refresh the access token → 200',
        'Get the identity or the linked accounts → 200',
        'Get the identity of the first linked account → 200',
        ...errors,
      ],
      assertions: 48,
      // The first of the mock's three linked accounts (README: "picks the first account_id").
      followed: 'acc-aa360adff0f1574e1',
    },
  ])('code $code: $assertions assertions over every request pass', async ({ code, requests, assertions, followed }) => {
    const junit = join(NEWMAN_REPORTS, `mock-${code}.xml`);
    const summary = await runCollection({ collection, environment: environmentFor(mock.url, code), junit });

    expect(failuresOf(summary)).toEqual([]);
    expect(executedRequests(summary)).toEqual(requests);
    const { stats } = summary.run;
    expect([stats.requests.total, stats.requests.failed]).toEqual([requests.length, 0]);
    expect([stats.assertions.total, stats.assertions.failed]).toEqual([assertions, 0]);
    expect([stats.testScripts.failed, stats.prerequestScripts.failed]).toEqual([0, 0]);
    const follow = summary.run.executions.find((e) => e.item.name === 'Get the identity of the first linked account');
    expect(follow?.request.url.query.get('account_id')).toBe(followed);

    const report = await readFile(junit, 'utf8');
    expect(report).toContain(`<testsuites name="TrueLayer Signup+ (data flow)" tests="${requests.length}"`);
    expect(report.match(/<testcase /g)).toHaveLength(assertions);
    expect(report).not.toContain('<failure');
    // The report names checks, never the tokens the run handled.
    const issued = [...(summary.run.executions[0]?.response as Json).stream.toString().matchAll(/"(?:access|refresh)_token":"([^"]+)"/g)].map((m) => m[1]);
    expect(issued).toHaveLength(2);
    const secrets = [...issued, environmentFor(mock.url).values.find((v: Json) => v.key === 'client_secret').value];
    expect(secrets.filter((secret) => report.includes(secret))).toEqual([]);
  });
});

describe("the collection's checks fail an answer that breaks the spec", { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  const good = { access_token: 'example-access-token', expires_in: 3600, token_type: 'Bearer' };
  const json: Record<string, string> = { 'content-type': 'application/json', 'x-tl-correlation-id': 'example-trace', 'cache-control': 'no-store' };
  const without = (...names: string[]): Record<string, string> => Object.fromEntries(Object.entries(json).filter(([key]) => !names.includes(key)));

  const cases: Array<{ name: string; answer: { status: number; headers: Record<string, string>; body: string }; failed: string[] }> = [
    {
      name: 'a lower-case token_type',
      answer: { status: 200, headers: json, body: JSON.stringify({ ...good, token_type: 'bearer' }) },
      failed: ["body matches the spec's TokenResponse schema"],
    },
    {
      name: 'an undocumented field',
      answer: { status: 200, headers: json, body: JSON.stringify({ ...good, id_token: 'x' }) },
      failed: ["body matches the spec's TokenResponse schema"],
    },
    {
      // Neither is documented by TrueLayer for the token answer, so neither is checked for presence.
      name: 'no trace header and no Cache-Control header',
      answer: { status: 200, headers: without('x-tl-correlation-id', 'cache-control'), body: JSON.stringify(good) },
      failed: [],
    },
    {
      name: 'a token answer sent as problem+json',
      answer: { status: 200, headers: { ...json, 'content-type': 'application/problem+json' }, body: JSON.stringify(good) },
      failed: ['Content-Type is application/json'],
    },
    {
      name: "a proxy's HTML 502 page",
      answer: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' },
      failed: [
        'status is 200',
        'Content-Type is application/json',
        "body matches the spec's TokenResponse schema",
        'stores access_token and refresh_token for the next requests',
      ],
    },
  ];

  let server: Server;
  let served = 0;
  let summary: RunSummary;

  // One newman run with one iteration per broken answer (the n-th request gets the n-th answer): newman boots its
  // script sandbox once per run, which costs more CPU than the checks themselves.
  beforeAll(async () => {
    server = createServer((_request, response) => {
      const { answer } = cases[Math.min(served++, cases.length - 1)]!;
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const exchangeOnly = { ...collection, item: [{ ...collection.item[0], item: [collection.item[0].item[0]] }] };
    summary = await runCollection({ collection: exchangeOnly, environment: environmentFor(url), iterationCount: cases.length });
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it.each(cases.map((c, iteration) => ({ ...c, iteration })))('fails exactly the checks that $name breaks', ({ iteration, failed }) => {
    expect(served).toBe(cases.length);
    const executions = summary.run.executions.filter((e) => e.cursor.iteration === iteration);
    expect(executions.map((e) => e.item.name)).toEqual(['Exchange the code for tokens']);
    expect(summary.run.failures.filter((f) => f.cursor?.iteration === iteration).map((f) => f.error.test)).toEqual(failed);
    expect(executions[0]?.assertions).toHaveLength(4);
  });
});
