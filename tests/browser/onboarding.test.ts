// A real browser (Debian's headless Chromium via playwright-core) drives the example app (examples/node-app) through
// the mock's auth dialog: one account and a reloaded callback (reused code), a choice between several, cancel (on a
// phone-sized tab, which also checks the dialog fits it), the error page, and a cross-origin call as a browser app makes it. One browser, context and tab for the file (a new
// context costs a second or more on a busy 2-core box); each test starts with no cookies and a desktop-sized tab.
// (Each error scenario's page is checked over HTTP, faster, in tests/examples.)
// UPDATE_SCREENSHOTS=1 rewrites the dialog's screenshots in docs/screenshots/ (the README shows them).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startApp, type RunningApp } from '../../examples/node-app/app.ts';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';

// Debian's chromium-headless-shell (Chromium's headless shell, the build Playwright itself runs headless: this file
// costs ~40% less CPU in it than in the full browser), else Debian's chromium. CHROMIUM_PATH: another Chromium
// build (or a missing one, to check the skip and the CI failure).
const INSTALLED = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
const CHROMIUM = process.env.CHROMIUM_PATH || INSTALLED.find((path) => existsSync(path)) || INSTALLED[0]!;
const SHOTS = join(ROOT_DIR, 'docs', 'screenshots');
const updateShots = process.env.UPDATE_SCREENSHOTS === '1';
const haveBrowser = existsSync(CHROMIUM);
const MISSING = [
  '',
  '!'.repeat(100),
  `!! tests/browser/onboarding.test.ts SKIPPED: no Chromium at ${process.env.CHROMIUM_PATH || INSTALLED.join(' or ')}.`,
  '!! Not run: the example app through the mock\'s auth dialog in a real browser (one account, several accounts,',
  '!! cancel, reused code, the error page, CORS). Install the browser (Debian, as root; or the package chromium):',
  '!!   apt-get update && apt-get install -y chromium-headless-shell',
  '!! With CI=true a missing browser fails the run instead.',
  '!'.repeat(100),
  '',
].join('\n');

if (!haveBrowser) {
  if (process.env.CI === 'true') {
    describe('browser onboarding', () => {
      it('has a Chromium to run in (CI=true)', () => {
        throw new Error(MISSING);
      });
    });
  } else {
    process.stderr.write(MISSING);
  }
}

describe.runIf(haveBrowser)('onboarding in a real browser: example app → mock auth dialog → token → accounts', () => {
  let mock: RunningMock;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [mock, browser] = await Promise.all([
      startMock({ port: 0, quiet: true }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
    ]);
    app = await startApp({ port: 0, mockUrl: mock.url });
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    if (updateShots) mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.close(), mock?.close()]);
  });

  /** The tab as a new visitor sees it: no session cookie (the example app's or any other). */
  async function fresh(viewport = { width: 960, height: 760 }): Promise<Page> {
    await page.context().clearCookies();
    await page.setViewportSize(viewport);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (updateShots) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** From the app's start page to the mock's bank list. */
  async function startConnecting(page: Page): Promise<void> {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Connect your bank' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${mock.url}/?response_type=code`));
    await page.getByRole('heading', { name: 'Choose your bank' }).waitFor();
  }

  /** Bank list → consent → login → back to the app. */
  async function throughDialog(page: Page, bank: string, shots = false): Promise<void> {
    if (shots) await shot(page, 'dialog-1-choose-bank');
    await page.getByLabel(bank).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /Share your data with/ }).waitFor();
    if (shots) await shot(page, 'dialog-2-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByLabel('User name').waitFor();
    if (shots) await shot(page, 'dialog-3-bank-login');
    // Keyboard only: Enter in the password field submits with the form's first button ("Log in", not Cancel).
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL((url) => url.href.startsWith(`${app.url}/`));
  }

  it('one account: the identity is shown; reloading the callback reuses the single-use code and shows the invalid-code page', async () => {
    await fresh();
    let callback = '';
    const onRequest = (request: { url(): string }): void => {
      if (request.url().startsWith(app.redirectUri)) callback = request.url();
    };
    page.on('request', onRequest);
    onTestFinished(() => void page.off('request', onRequest));
    await startConnecting(page);
    await throughDialog(page, 'Mock Bank: Single account', true);
    await page.getByRole('heading', { name: 'Welcome, Joe Blogs' }).waitFor();
    expect(page.url()).toBe(`${app.url}/accounts`);
    expect(await page.locator('#account-number').textContent()).toBe('41921234');
    expect(callback).toMatch(/[?&]code=mock-code\./);
    await page.goto(callback);
    await page.getByRole('heading', { name: 'This bank connection has already been used' }).waitFor();
    expect(await page.locator('[data-error]').getAttribute('data-error')).toBe('code-used');
  });

  it('several accounts: the user chooses the second one, and its identity is shown', async () => {
    await fresh();
    await startConnecting(page);
    await throughDialog(page, 'Mock Bank: Multiple accounts');
    await page.getByRole('heading', { name: 'Which account should we use?' }).waitFor();
    await shot(page, 'app-choose-account');
    await page.getByLabel(/TRANSACTION ACCOUNT 2/).check();
    await page.getByRole('button', { name: 'Use this account' }).click();
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
    expect(await page.locator('#account-number').textContent()).toBe('30000000');
  });

  it('cancel in the dialog on a phone: the dialog fits the screen, the app says the user cancelled, nothing was shared', async () => {
    await fresh({ width: 390, height: 844 });
    await startConnecting(page);
    // Readable on a phone: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'dialog-1-choose-bank-phone');
    await page.getByLabel('Mock Bank: Single account').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'You cancelled connecting your bank' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/callback');
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
  });

  it('a bad redirect_uri gets the error page, and the browser stays on the mock', async () => {
    await fresh({ width: 390, height: 844 });
    const link = `${mock.url}/?response_type=code&client_id=my-app&scope=signupplus&redirect_uri=${encodeURIComponent('javascript:alert(1)')}`;
    await page.goto(link);
    await page.getByRole('heading', { name: 'This auth link cannot be used' }).waitFor();
    expect(page.url()).toBe(link);
    await shot(page, 'dialog-error-bad-redirect-uri');
  });

  it('form_post: the page posts code and state to the redirect URI by itself (its inline script passes the CSP)', async () => {
    await fresh();
    const target = 'https://app.example/form-post-callback';
    await page.route(target, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'received' }));
    onTestFinished(() => page.unroute(target));
    const posted = page.waitForRequest((request) => request.url() === target && request.method() === 'POST');
    const query = new URLSearchParams({ response_type: 'code', client_id: 'my-app', scope: 'signupplus', redirect_uri: target, state: 's-1', response_mode: 'form_post', providers: 'mock-single-account', mock_decision: 'approve' });
    await page.goto(`${mock.url}/?${query.toString()}`);
    const body = new URLSearchParams((await posted).postData() ?? '');
    expect(body.get('code')).toMatch(/^mock-code\./);
    expect(body.get('state')).toBe('s-1');
  });

  it('CORS: a page on the app\'s origin calls the mock directly (preflight and answer)', async () => {
    await fresh();
    await page.goto(app.url);
    const answer = await page.evaluate(async (url) => {
      const response = await fetch(`${url}/signup-plus/accounts`, { headers: { Authorization: 'Bearer not-a-token' } });
      return { status: response.status, trace: response.headers.get('tl-trace-id'), title: ((await response.json()) as { title: string }).title };
    }, mock.url);
    expect(answer).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(answer.trace).toMatch(/^[0-9a-f-]{36}$/);
  });
});
