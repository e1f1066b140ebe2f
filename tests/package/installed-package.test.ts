// The package as a team's app gets it: `npm pack`, then the tarball installed into a fresh app with no tsx and no
// dev dependencies (from the npm cache `npm ci` filled). The bin, the exports, the types and the output folder are
// checked from inside that app, never from this repository's sources.
// Speed: one `npm install` of the tarball, from a copy of an earlier install's dependencies when the manifest is
// the same (team-app-install.ts); every check then runs at once (the suites are concurrent), the ones that
// need Pact in a second app beside the first (see withPact).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir, readdir, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mintToken } from '../../mocks/tokens.ts';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { APP_TSCONFIGS, STRICT_APP_SOURCE } from './strict-app.ts';
import { freePort, killLeftovers, run as runNow, startBin, type Run } from './subprocess.ts';
import { installTarball } from './team-app-install.ts';

/**
 * At most two of this file's commands at a time, on two cores: its suites run at once, and a dozen processes
 * together would finish no sooner but would starve the test files running beside it (their timeouts).
 */
const RUN_SLOTS = 2;
let running = 0;
const waiting: Array<() => void> = [];
async function run(...args: Parameters<typeof runNow>): Promise<Run> {
  if (running >= RUN_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await runNow(...args);
  } finally {
    // The slot goes to the next waiting command, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

interface Workflow {
  jobs: Record<string, { env?: Record<string, string | number>; steps: Array<{ id?: string; name?: string; run?: string; env?: Record<string, string | number> }> }>;
}

/** The app as installed: the tarball and its runtime dependencies, nothing else (no optional peer). */
let app: string;
/** The same app once the team has added the Pact peers to write and verify its consumer tests (see withPact). */
let pactApp: string | undefined;
let packedFiles: string[];
/** Paths inside the package that an app must not reach: only the exports map is public. */
const DEEP_IMPORTS = ['signup-plus-harness/dist/src/client.js', 'signup-plus-harness/mocks/index.ts', 'signup-plus-harness/scripts/cli.ts', 'signup-plus-harness/specs/signup-plus.openapi.yaml'];
const bin = (dir = app): string => join(dir, 'node_modules', '.bin', 'signup-plus-harness');
/** What a team installs next to the harness to write consumer tests and verify them (its optional peers). */
const PACT_PEERS = ['@pact-foundation/pact', '@pact-foundation/pact-core', '@pactflow/openapi-pact-comparator'];

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'team-app-'));
  // dist/ is current (tests/package/global-setup.ts), so the pack skips its prepack build.
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', app], { cwd: ROOT_DIR });
  expect(pack.code, pack.stderr).toBe(0);
  const [manifest] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = manifest!.files.map((file) => file.path);
  await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'team-app', private: true, type: 'module' }, null, 2)}\n`);
  const { run: install, seeded } = await installTarball(run, app, manifest!.filename);
  expect(install.code, install.stderr).toBe(0);
  // From a seed, npm adds the one package the seed lacks (the harness) and finds the rest as the manifest needs it.
  if (seeded) expect(install.stdout).toMatch(/^added 1 package/m);
  // npm 11 warns about install scripts of the tarball; the package has none.
  expect(install.stderr).not.toMatch(/install-scripts/);
}, 180_000);

afterAll(async () => {
  killLeftovers();
  for (const dir of [app, pactApp]) if (dir) await rm(dir, { recursive: true, force: true });
});

let pactAppReady: Promise<string> | undefined;
/**
 * The installed app plus the Pact peers, as after the team's `npm i -D` of them; built once for the suites that
 * need it, beside `app`, so that the checks of the app without peers run at the same time and still see none.
 * Its node_modules is `app`'s, hard-linked (the same files npm installed). The peers are this repository's
 * installed copies, linked in rather than resolved by a second `npm install` (~100 packages, most of this file's
 * time): they are the exact versions the package pins as peers (checked below, which is what npm's peer check
 * would check), and Node resolves a linked package and its dependencies by its real path, so the harness and
 * the app's consumer test load the same Pact modules a real install gives them.
 */
function withPact(): Promise<string> {
  pactAppReady ??= (async () => {
    pactApp = await mkdtemp(join(tmpdir(), 'team-app-with-pact-'));
    const copy = await run('cp', ['-a', '--link', join(app, 'node_modules'), join(pactApp, 'node_modules')], { cwd: app });
    expect(copy.code, copy.stderr).toBe(0);
    const installed = JSON.parse(await readFile(join(app, 'node_modules', 'signup-plus-harness', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    const devDependencies: Record<string, string> = {};
    for (const name of PACT_PEERS) {
      const source = join(ROOT_DIR, 'node_modules', name);
      devDependencies[name] = (JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as { version: string }).version;
      // The peers are ranges (`^16.5.0`) so a team's own newer minor installs beside the harness; the linked
      // copies are the floors, the versions the harness is tested with.
      expect(`^${devDependencies[name]}`, name).toBe(installed.peerDependencies[name]);
      await mkdir(dirname(join(pactApp, 'node_modules', name)), { recursive: true });
      await symlink(source, join(pactApp, 'node_modules', name), 'dir');
    }
    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(pactApp, 'package.json'), `${JSON.stringify({ ...manifest, devDependencies, scripts: { test: 'node consumer.pact.mjs pacts' } }, null, 2)}\n`);
    await writeFile(join(pactApp, 'consumer.pact.mjs'), CONSUMER_TEST);
    return pactApp;
  })();
  return pactAppReady;
}

describe('the packed tarball', { concurrent: true }, () => {
  it('holds the compiled code, its types, the spec and the docs, and no sources, tests or CI files', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'bin/signup-plus-harness.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/mocks/index.js', 'dist/mocks/prism-answers.json', 'dist/pact/index.d.ts', 'specs/signup-plus.openapi.yaml', 'specs/examples/token.success.json', 'docs/smoke.md', 'docs/contracts.md', 'docs/truelayer-facts.md', '.env.example']));
    const outside = packedFiles.filter((path) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|docs\/(smoke|contracts|truelayer-facts)\.md|\.env\.example|bin\/[^/]+\.js|dist\/.+\.(js|d\.ts|json)|specs\/signup-plus\.openapi\.yaml|specs\/examples\/[^/]+\.json)$/.test(path));
    expect(outside).toEqual([]);
    expect(packedFiles.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    // Nothing compiled from a source that is gone (tsc never deletes an output; the build removes them).
    const compiled = packedFiles.filter((path) => /^dist\/.+\.(js|d\.ts)$/.test(path));
    expect(compiled.filter((path) => !existsSync(join(ROOT_DIR, path.replace(/^dist\//, '').replace(/\.(d\.ts|js)$/, '.ts'))))).toEqual([]);
  });

  it('installs with runtime dependencies only: no tsx, TypeScript, vitest or Pact', async () => {
    const installed = await readdir(join(app, 'node_modules'));
    for (const name of ['tsx', 'typescript', 'vitest', '@pact-foundation', 'newman', 'openapi-to-postmanv2']) expect(installed).not.toContain(name);
  });
});

// The bin npm linked; `npx signup-plus-harness` finding it is run by the team workflow's steps below.
describe('the signup-plus-harness bin, from the app folder', { concurrent: true, timeout: 90_000 }, () => {
  it('--help lists the commands a team runs', async () => {
    const help = await run(bin(), ['--help'], { cwd: app });
    expect(help.code, help.stderr).toBe(0);
    for (const command of ['mock', 'smoke', 'auth-link', 'verify', 'postman']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('mock --port 0 answers the token exchange and the accounts call, and stops on SIGTERM with exit 0', async () => {
    const mock = await startBin(bin(), ['mock', '--port', '0'], { cwd: app });
    try {
      const token = await fetch(`${mock.url}/connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'single-account', client_id: 'app', client_secret: 'app-secret', redirect_uri: 'http://127.0.0.1:3000/callback' }),
      });
      expect(token.status).toBe(200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const accounts = await fetch(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(accounts.status).toBe(200);
      expect(await accounts.json()).toMatchObject({ first_name: 'Joe' });
    } finally {
      expect(await mock.stop('SIGTERM')).toBe(0);
    }
    expect(mock.output()).toContain('Signup+ mock stopped (SIGTERM).');
    // Nothing in the banner names a script of the harness's own repository (the app has scripts of its own).
    expect(mock.output()).toMatch(/Try it/);
    expect(mock.output()).not.toMatch(/npm (run|start)|examples\//);
  });

  it('postman without its optional peer says which package to install and exits 2', async () => {
    const postman = await run(bin(), ['postman'], { cwd: app });
    expect(postman.code).toBe(2);
    expect(postman.stderr).toContain('npm i -D openapi-to-postmanv2@6.3.3');
  });

  it('verify without its optional peers says which packages to install and exits 2', async () => {
    const verify = await run(bin(), ['verify', 'pacts'], { cwd: app });
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain('npm i -D @pact-foundation/pact-core@19.2.0 @pactflow/openapi-pact-comparator@1.7.0');
  });

  it('smoke without configuration names the .env template and the doc as paths that exist in the app, and exits 2', async () => {
    const smoke = await run(bin(), ['smoke'], { cwd: app, env: { TRUELAYER_CLIENT_ID: '' } });
    expect(smoke.code).toBe(2);
    const shipped = join('node_modules', 'signup-plus-harness');
    expect(smoke.stderr).toContain(`TRUELAYER_CLIENT_ID is not set; copy it from TrueLayer Console (see ${join(shipped, '.env.example')} and ${join(shipped, 'docs', 'smoke.md')})`);
    for (const file of ['.env.example', 'docs/smoke.md', 'docs/contracts.md']) expect(existsSync(join(app, shipped, file)), file).toBe(true);
  });

  it('contracts, a maintainer command of the harness repo, points an app to verify and exits 2', async () => {
    const contracts = await run(bin(), ['contracts'], { cwd: app });
    expect(contracts.code).toBe(2);
    expect(contracts.stderr).toContain('signup-plus-harness verify');
  });
});

describe('imports from plain Node', { concurrent: true, timeout: 90_000 }, () => {
  it('the client, startMock, the spec paths and the pact names, used together', async () => {
    await writeFile(
      join(app, 'flow.mjs'),
      [
        "import { createClient, customEnvironment, SignupPlusError } from 'signup-plus-harness';",
        "import { startMock, SCENARIOS } from 'signup-plus-harness/mock';",
        "import { SPEC_PATH, EXAMPLES_DIR } from 'signup-plus-harness/spec';",
        "import { PROVIDERS, PROVIDER_STATES } from 'signup-plus-harness/pact';",
        "import { createRequire } from 'node:module';",
        "const { version } = createRequire(import.meta.url)('signup-plus-harness/package.json');",
        "const mock = await startMock({ port: 0, quiet: true });",
        'try {',
        '  const client = createClient({ environment: customEnvironment({ authUrl: mock.url, apiUrl: mock.url }), clientId: "app", clientSecret: "app-secret" });',
        '  const tokens = await client.exchangeCode({ code: "multiple-accounts", redirectUri: "http://127.0.0.1:3000/callback" });',
        '  const result = await client.getAccounts({ accessToken: tokens.accessToken });',
        '  console.log(JSON.stringify({ kind: result.kind, errorClass: typeof SignupPlusError, scenarios: SCENARIOS.length, SPEC_PATH, EXAMPLES_DIR, providers: Object.values(PROVIDERS), states: PROVIDER_STATES.length, version }));',
        '} finally { await mock.close(); }',
      ].join('\n'),
    );
    const flow = await run(process.execPath, ['flow.mjs'], { cwd: app });
    expect(flow.code, flow.stderr).toBe(0);
    const installedAt = join(app, 'node_modules', 'signup-plus-harness');
    expect(JSON.parse(flow.stdout)).toMatchObject({
      kind: 'multiple_accounts',
      errorClass: 'function',
      SPEC_PATH: join(installedAt, 'specs', 'signup-plus.openapi.yaml'),
      EXAMPLES_DIR: join(installedAt, 'specs', 'examples'),
      providers: ['truelayer-auth', 'truelayer-signup-plus'],
      version: JSON.parse(await readFile(join(ROOT_DIR, 'package.json'), 'utf8')).version,
    });
  });

  it('require() from CommonJS loads the same entries, and nothing outside the exports map resolves', async () => {
    // Node >= 20.19 loads ES modules from require() when they have no top-level await, as these entries have none.
    await writeFile(
      join(app, 'checks.cjs'),
      [
        "const { createClient } = require('signup-plus-harness');",
        "const { startMock } = require('signup-plus-harness/mock');",
        "const { SPEC_PATH } = require('signup-plus-harness/spec');",
        "const { PROVIDERS } = require('signup-plus-harness/pact');",
        `const deep = ${JSON.stringify(DEEP_IMPORTS)}.map((specifier) => { try { require.resolve(specifier); return 'resolved'; } catch (error) { return error.code; } });`,
        'console.log(JSON.stringify({ types: [typeof createClient, typeof startMock, typeof SPEC_PATH, typeof PROVIDERS], deep }));',
      ].join('\n'),
    );
    const checks = await run(process.execPath, ['checks.cjs'], { cwd: app });
    expect(checks.stderr).toBe('');
    expect(JSON.parse(checks.stdout)).toEqual({ types: ['function', 'function', 'string', 'object'], deep: DEEP_IMPORTS.map(() => 'ERR_PACKAGE_PATH_NOT_EXPORTED') });
  });
});

/**
 * The compilers an app type-checks the harness with: TypeScript 5.9, for apps not yet on 7, and 7, what
 * `npm i -D typescript` installs today (and what builds the harness's .d.ts). Each of the two module resolutions
 * an app picks runs under one of them: node16 (Node apps) under 5.9, bundler (Vite and friends) under 7.
 */
const COMPILERS = {
  node16: { version: /^5\.9\./, folder: join(ROOT_DIR, 'node_modules', 'typescript') },
  bundler: { version: /^7\./, folder: join(ROOT_DIR, 'node_modules', 'typescript-7') },
} as const;

describe('types, under a strict app tsconfig with skipLibCheck off', { concurrent: true, timeout: 120_000 }, () => {
  let written: Promise<unknown> | undefined;

  it.each(Object.entries(COMPILERS))('type-check with moduleResolution %s', async (resolution, compiler) => {
    expect(Object.keys(COMPILERS)).toEqual(Object.keys(APP_TSCONFIGS));
    written ??= mkdir(join(app, 'src'), { recursive: true }).then(() => writeFile(join(app, 'src', 'uses-harness.ts'), STRICT_APP_SOURCE));
    await written;
    const config = join(app, `tsconfig.${resolution}.json`);
    await writeFile(config, JSON.stringify(APP_TSCONFIGS[resolution], null, 2));
    expect((JSON.parse(await readFile(join(compiler.folder, 'package.json'), 'utf8')) as { version: string }).version).toMatch(compiler.version);
    // --listFiles: every file of the program, each of them checked (skipLibCheck off); any diagnostic makes the
    // exit code non-zero.
    const tsc = await run(process.execPath, [join(compiler.folder, 'bin', 'tsc'), '-p', config, '--listFiles', '--pretty', 'false'], { cwd: app });
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
    const checked = tsc.stdout.trimEnd().split('\n');
    // The app's code, the types of every entry of the harness (and the .d.ts they import), undici's (a runtime
    // dependency its types use), and the app's own @types/node and TypeScript's lib, which the harness's
    // declarations must not clash with.
    const installed = join(app, 'node_modules');
    const { exports } = JSON.parse(await readFile(join(installed, 'signup-plus-harness', 'package.json'), 'utf8')) as { exports: Record<string, { types?: string }> };
    const entryTypes = Object.values(exports).flatMap((entry) => (entry.types ? [join(installed, 'signup-plus-harness', entry.types)] : []));
    expect(entryTypes).toHaveLength(4);
    expect(checked).toContain(join(app, 'src', 'uses-harness.ts'));
    expect(checked).toEqual(expect.arrayContaining(entryTypes));
    expect(checked).toContain(join(installed, 'undici', 'types', 'index.d.ts'));
    expect(checked.filter((file) => file.includes('/@types/node/'))).not.toEqual([]);
    expect(checked.filter((file) => /\/lib\.es2022\.d\.ts$/.test(file))).toHaveLength(1);
  });
});

/**
 * The app's consumer test, standing in for its own test runner (`npm test` of the app runs it): a fetch-based
 * client's calls described with signup-plus-harness/pact, written to `pacts/` (or the folder given). With
 * `--broken`, one more interaction the app wrongly relies on: a `nickname` TrueLayer does not send.
 */
const CONSUMER_TEST = `
import { rmSync } from 'node:fs';
import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { accountsRequest, codeExchangeRequest, EXAMPLE_CREDENTIALS as C, example, identityResponse, PROVIDERS, shapeOf, tokenResponse } from 'signup-plus-harness/pact';

const [dir = 'pacts', mode] = process.argv.slice(2);
rmSync(dir, { recursive: true, force: true });
const pact = (provider) => new PactV3({ consumer: 'team-app', provider, dir, logLevel: 'error' });
const json = async (response, status) => {
  if (response.status !== status) throw new Error('expected ' + status + ', got ' + response.status);
  return response.json();
};
const identity = (url) => fetch(url + '/signup-plus/accounts', { headers: { Authorization: 'Bearer ' + C.accessToken } });

await pact(PROVIDERS.auth)
  .given('an authorization code for a user with one account was issued')
  .uponReceiving('a code exchange')
  .withRequest(codeExchangeRequest())
  .willRespondWith(tokenResponse())
  .executeTest(async (server) => {
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: C.clientId, client_secret: C.clientSecret, redirect_uri: C.redirectUri, code: C.authorizationCode });
    const tokens = await json(await fetch(server.url + '/connect/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body }), 200);
    if (tokens.token_type !== 'Bearer') throw new Error('no bearer token');
  });

await pact(PROVIDERS.signupPlus)
  .given('a user with one account has authorised the app')
  .uponReceiving('an identity request')
  .withRequest(accountsRequest())
  .willRespondWith(identityResponse())
  .executeTest(async (server) => {
    if ((await json(await identity(server.url), 200)).first_name !== 'Joe') throw new Error('no first name');
  });

if (mode === '--broken') {
  await pact(PROVIDERS.signupPlus)
    .given('a user with one account has authorised the app')
    .uponReceiving('an identity request expecting a nickname')
    .withRequest(accountsRequest())
    .willRespondWith({ ...identityResponse(), body: { ...shapeOf(example('signup-plus-accounts.single-account')), nickname: MatchersV3.like('Jo') } })
    .executeTest(async (server) => {
      if ((await json(await identity(server.url), 200)).nickname !== 'Jo') throw new Error('no nickname');
    });
}
`;

describe('verify, from the app folder, on pacts its own consumer test wrote', { concurrent: true, timeout: 120_000 }, () => {
  beforeAll(() => withPact(), 120_000);

  it('exits 1 naming the one broken interaction, and passes the others', async () => {
    const dir = await withPact();
    const consumer = await run(process.execPath, ['consumer.pact.mjs', 'pacts-broken', '--broken'], { cwd: dir });
    expect(consumer.code, consumer.stderr).toBe(0);
    // The bin itself (the workflow below runs `npx signup-plus-harness verify`).
    const verify = await run(bin(dir), ['verify', 'pacts-broken'], { cwd: dir });
    expect(verify.code, verify.stdout + verify.stderr).toBe(1);
    const summary = verify.stdout.trimEnd().split('\n').at(-1);
    expect(summary).toMatch(/^verify: FAILED: 3 interactions in 2 pacts; .*; failed: truelayer-signup-plus: "an identity request expecting a nickname" \(\d+\.\d s\)$/);
    expect(verify.stdout).toContain('ERROR truelayer-signup-plus: "an identity request expecting a nickname": Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - nickname');
    expect(verify.stdout).toMatch(/^POST \/connect\/token +200 +1 interaction +pass +pass +ok$/m);
  });
});

describe('the team workflow (docs/examples/team-workflow.yml), its steps run in the app', { concurrent: true, timeout: 120_000 }, () => {
  beforeAll(() => withPact(), 120_000);

  // Steps not run here, and why; every other `run:` step is run, so a new step is tested or listed here.
  const NOT_RUN: Record<string, string> = {
    install: 'npm ci of the app: the install above is the same tarball through npm (the Pact peers: see withPact)',
    'install-for-smoke': 'the same as install',
  };

  it('starts the mock, runs the app tests (its consumer test above) and verify, the nightly smoke against the mock (secrets replaced by mock values), stops the mock', async () => {
    const dir = await withPact();
    const workflow = parse(await readFile(join(ROOT_DIR, 'docs', 'examples', 'team-workflow.yml'), 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.run !== undefined).map((step) => ({ job, step })));
    const ids = steps.map(({ step }) => step.id ?? step.name ?? '?');
    expect(ids).toEqual(['install', 'start-mock', 'app-tests', 'verify', 'stop-mock', 'install-for-smoke', 'smoke']);

    const port = await freePort();
    const temp = await mkdtemp(join(tmpdir(), 'runner-temp-'));
    const githubEnv = join(temp, 'github-env');
    await writeFile(githubEnv, '');
    const secrets: Record<string, string> = {
      TRUELAYER_CLIENT_ID: 'app-client-id',
      TRUELAYER_CLIENT_SECRET: randomBytes(18).toString('base64url'),
      TRUELAYER_REFRESH_TOKEN: mintToken('single-account', 'refresh', 3600),
    };
    const expand = (value: string | number): string =>
      String(value)
        .replaceAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g, (_, name: string) => secrets[name] ?? '')
        .replaceAll(/\$\{\{\s*runner\.temp\s*\}\}/g, temp);
    const runStep = async (id: string, extra: Record<string, string> = {}): Promise<Run> => {
      const { job, step } = steps.find(({ step: candidate }) => candidate.id === id)!;
      const fromGithubEnv = Object.fromEntries((await readFile(githubEnv, 'utf8')).split('\n').filter(Boolean).map((line) => line.split('=', 2) as [string, string]));
      const env = { ...Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([name, value]) => [name, expand(value)])), PORT: String(port), GITHUB_ENV: githubEnv, ...fromGithubEnv, ...extra };
      return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: dir, env });
    };
    try {
      const started = await runStep('start-mock');
      expect(started.code, started.stderr).toBe(0);
      // The app's `npm test` writes pacts/ (the good interactions of the consumer test above); verify passes them.
      const appTests = await runStep('app-tests');
      expect(appTests.code, appTests.stderr).toBe(0);
      const verify = await runStep('verify');
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/^verify: ok: 2 interactions in 2 pacts; /m);
      const mockUrl = `http://127.0.0.1:${port}`;
      const smoke = await runStep('smoke', { TRUELAYER_AUTH_URL: mockUrl, TRUELAYER_API_URL: mockUrl });
      expect(smoke.code, smoke.stdout + smoke.stderr).toBe(0);
      // Reports and the rotated refresh token land in the app's folder and the runner's temp, never in node_modules.
      expect(JSON.parse(await readFile(join(dir, 'reports', 'smoke', 'report.json'), 'utf8'))).toMatchObject({ result: { exitCode: 0 } });
      expect((await stat(join(temp, 'truelayer-refresh-token'))).mode & 0o777).toBe(0o600);
      await expect(readdir(join(dir, 'node_modules', 'signup-plus-harness'))).resolves.not.toContain('reports');
      for (const secret of Object.values(secrets)) expect(smoke.stdout + smoke.stderr).not.toContain(secret);
    } finally {
      const stopped = await runStep('stop-mock');
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(stopped.stdout).toContain('Signup+ mock stopped (SIGTERM).');
      await rm(temp, { recursive: true, force: true });
    }
    await expect(fetch(`http://127.0.0.1:${port}/signup-plus/accounts`)).rejects.toThrow(TypeError);
    expect(ids.filter((id) => !['start-mock', 'app-tests', 'verify', 'smoke', 'stop-mock'].includes(id))).toEqual(Object.keys(NOT_RUN));
  });
});
