// `verify` on a team's pact files: exit 2 before anything runs when there is nothing usable to verify, and one run
// over a folder with a pact for another provider (skipped), a spec break, a status the mock does not answer and a
// provider state it does not know (exit 1, each named, the state failure listing the known states).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectsInvalidClient, invalidClientHint, runVerify, type VerifyRunResult } from '../../scripts/contracts/verify-run.ts';
import { PROVIDER_STATES } from '../../mocks/provider-states.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';
import { interactionOf, OTHER_PROVIDER_PACT, pactFolder, teamPact } from './fixtures.ts';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

async function verify(files: Record<string, unknown>, sources: (dir: string) => string[] = (dir) => [dir]): Promise<VerifyRunResult & { lines: string[] }> {
  const dir = await pactFolder(files);
  folders.push(dir);
  const lines: string[] = [];
  const result = await runVerify({ sources: sources(dir), cwd: dir, log: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { ...result, lines };
}

const httpless = { ...teamPact('truelayer-auth'), interactions: [{ type: 'Asynchronous/Messages', description: 'an event', contents: {} }] };

describe('verify: nothing usable to verify exits 2 with the reason, before starting the mock', () => {
  it.each<[string, Record<string, unknown>, (dir: string) => string[], string]>([
    ['no argument', {}, () => [], 'signup-plus-harness verify: no pact files or folders given.'],
    ['a missing file', {}, () => ['nope.json'], 'signup-plus-harness verify: nope.json: no such file or folder.'],
    ['an empty folder', {}, (dir) => [dir], 'the folder holds no *.json pact file.'],
    ['a file that is not JSON', { 'a.json': '{"consumer":' }, (dir) => [join(dir, 'a.json')], 'a.json: not valid JSON'],
    ['JSON that is not a pact', { 'a.json': { name: 'package' } }, (dir) => [join(dir, 'a.json')], 'a.json: not a pact file (it needs consumer.name, provider.name and interactions).'],
    ['a message pact', { 'a.json': httpless }, (dir) => [join(dir, 'a.json')], 'a.json: interaction 0 ("an event") is not an HTTP request and response'],
    [
      'a pact named on its own for another provider',
      { 'billing.json': OTHER_PROVIDER_PACT },
      (dir) => [join(dir, 'billing.json')],
      'billing.json: provider "billing-service" is not one this harness stands in for (truelayer-auth, truelayer-signup-plus).',
    ],
    ['a folder with only other providers', { 'billing.json': OTHER_PROVIDER_PACT }, (dir) => [dir], 'none of the pacts given is for truelayer-auth or truelayer-signup-plus (skipped: billing.json'],
  ])('%s', async (_name, files, sources, message) => {
    const result = await verify(files, sources);
    expect(result.exitCode).toBe(2);
    expect(result.steps).toEqual([]);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toContain(message);
  });
});

// The verifier runs in a child process: on a loaded machine that takes long (tests/subprocess.ts).
describe('verify: a folder of a team\'s pacts with three broken interactions', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  const signupPlus = teamPact('truelayer-signup-plus');
  // A field TrueLayer does not send: the spec check fails it (and the mock does not send it either).
  const identity = interactionOf(signupPlus, 'a request for the identity of a user with one account');
  (identity.response.body as Record<string, unknown>).nickname = 'Jo';
  // A documented status the mock does not answer in that state: only the verification fails it.
  interactionOf(signupPlus, 'a request for the identity after the bank consent expired').response.status = 422;
  // A state the mock cannot set up.
  const savings = structuredClone(interactionOf(signupPlus, 'a request for the identity of a user with several linked accounts'));
  savings.description = 'a request for the identity of a user with a savings account';
  savings.providerStates = [{ name: 'a user with a savings account has authorised the app' }];
  signupPlus.interactions.push(savings);

  let result: VerifyRunResult & { lines: string[] };
  it('runs both steps and exits 1', async () => {
    const auth = teamPact('truelayer-auth');
    // Without --client-id the mock accepts any client, so an invalid_client interaction is not for this run.
    auth.interactions = auth.interactions.filter((i) => i.description !== 'a request to exchange a code with a client secret the server does not know');
    result = await verify({ 'billing.json': OTHER_PROVIDER_PACT, 'team-app-truelayer-auth.json': auth, 'team-app-truelayer-signup-plus.json': signupPlus });
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['spec check', false],
      ['verification', false],
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('names exactly the broken interactions, in the summary too', () => {
    // In pact order (Pact sorts interactions by description; the savings one was appended).
    const broken = [
      'truelayer-signup-plus: "a request for the identity after the bank consent expired"',
      'truelayer-signup-plus: "a request for the identity of a user with one account"',
      'truelayer-signup-plus: "a request for the identity of a user with a savings account"',
    ];
    expect(result.failedInteractions).toEqual(broken);
    expect(result.lines.at(-1)).toMatch(/^verify: FAILED: 14 interactions in 2 pacts; 7 of 11 operation statuses exercised; failed: /);
    for (const name of broken) expect(result.lines.at(-1)).toContain(name);
    // None of them is about the client: no --client-id hint.
    expect(result.lines.filter((line) => line.includes('--client-id'))).toEqual([]);
  });

  it('skips the pact for another provider found in the folder, and says so', () => {
    expect(result.lines).toContain('verify: skipped billing.json: provider "billing-service" is not one this harness stands in for (truelayer-auth, truelayer-signup-plus)');
    expect(result.pacts.map((p) => p.file)).toEqual(['team-app-truelayer-auth.json', 'team-app-truelayer-signup-plus.json']);
  });

  it('gives the comparator\'s reason for the spec break and the verifier\'s for the wrong status', () => {
    expect(result.lines).toContain(
      '  ERROR truelayer-signup-plus: "a request for the identity of a user with one account": Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - nickname [response.body.incompatible]',
    );
    expect(result.lines).toContain('      status: expected 422 but was 403');
  });

  it('fails an unknown provider state with the list of the states the mock knows', () => {
    const line = result.lines.find((l) => l.includes('unknown provider state "a user with a savings account has authorised the app"'));
    expect(line).toBeDefined();
    for (const { state } of PROVIDER_STATES) expect(line).toContain(`"${state}"`);
  });

  it('prints the matrix with the failing rows and the statuses no pact exercises', () => {
    const text = result.lines.join('\n');
    expect(text).toMatch(/^GET \/signup-plus\/accounts +200 +4 interactions +FAIL +FAIL +FAIL$/m);
    expect(text).toMatch(/^GET \/signup-plus\/accounts +422 +2 interactions +pass +FAIL +FAIL$/m);
    expect(text).toMatch(/^POST \/connect\/token +500 +none +- +- +-$/m);
    expect(text).toMatch(/^POST \/connect\/token +200 +4 interactions +pass +pass +ok$/m);
  });
});

describe('verify: a pact expecting invalid_client, run without --client-id', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('fails that interaction and says to pass the client the pacts send', async () => {
    const description = 'a request to exchange a code with a client secret the server does not know';
    const result = await verify({ 'team-app-truelayer-auth.json': teamPact('truelayer-auth') });
    expect(result.exitCode).toBe(1);
    expect(result.failedInteractions).toEqual([`truelayer-auth: "${description}"`]);
    expect(result.lines.at(-2)).toBe(
      `verify: "${description}" expects invalid_client, but without --client-id the mock accepts any client: pass the client your pacts send as the right one, --client-id <id> --client-secret <secret> (clientId and clientSecret for verifyPacts()), the fake values in your pacts, never real credentials.`,
    );
  });
});

describe('the invalid_client hint', () => {
  it('names the flag the mock lacks, and is silent when it has both or nothing failed on the client', () => {
    expect(invalidClientHint(['"a"', '"b"'], {})).toMatch(/^verify: "a", "b" expect invalid_client, but without --client-id the mock accepts any client: /);
    expect(invalidClientHint(['"a"'], { clientSecret: 's' })).toMatch(/^verify: "a" expects invalid_client, but without --client-id the mock accepts any client: /);
    expect(invalidClientHint(['"a"'], { clientId: 'id' })).toMatch(/^verify: "a" expects invalid_client, but without --client-secret the mock accepts any secret: /);
    expect(invalidClientHint(['"a"'], { clientId: 'id', clientSecret: 's' })).toBeUndefined();
    expect(invalidClientHint([], {})).toBeUndefined();
  });

  it('recognises an interaction expecting invalid_client in a V3 body and in a V4 one (under content)', () => {
    const answering = (body: unknown) => ({ description: 'd', request: { method: 'POST', path: '/connect/token' }, response: { status: 400, body } });
    expect(expectsInvalidClient(answering({ error: 'invalid_client' }))).toBe(true);
    expect(expectsInvalidClient(answering({ content: { error: 'invalid_client' }, contentType: 'application/json', encoded: false }))).toBe(true);
    expect(expectsInvalidClient(answering({ error: 'invalid_grant' }))).toBe(false);
    expect(expectsInvalidClient(answering(undefined))).toBe(false);
    expect(expectsInvalidClient(answering('invalid_client'))).toBe(false);
  });
});
