// The reference integration: an onboarding app in plain Node `http` using the project's client. "Connect your
// bank" → auth link (state + PKCE) → callback (state checked) → token → accounts (one identity, or a choice
// between several accounts) → a clear page for every error. `startApp({ port: 0, mockUrl })` for tests.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  createPkcePair,
  customEnvironment,
  OAuthError,
  ProblemError,
  RateLimitError,
  SignupPlusError,
  type SignupPlusClient,
} from 'signup-plus-harness';
import { chooseAccountPage, errorPage, homePage, identityPage, type Explanation } from './pages.ts';
import { createSessions, type Session } from './sessions.ts';

export interface AppOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The mock (or any server with TrueLayer's auth and API paths), e.g. http://127.0.0.1:4010. */
  mockUrl: string;
  /** Default sandbox-client-id / sandbox-client-secret (the mock accepts any unless started with --client-id). */
  clientId?: string;
  clientSecret?: string;
  /** `providers` for the auth link; default: all the mock's banks. */
  providers?: string[];
}

export interface RunningApp {
  url: string;
  redirectUri: string;
  close(): Promise<void>;
}

/** What each failure means for the person signing up, and what they can do. */
export function explain(error: unknown): Explanation {
  if (error instanceof OAuthError && (error.error === 'invalid_authorization_code' || error.error === 'invalid_grant')) {
    return {
      status: 400,
      kind: 'code-used',
      title: 'This bank connection has already been used',
      message: 'The link back from your bank works once and for a few minutes only (reloading this page uses it again). Connect your bank again.',
    };
  }
  if (error instanceof OAuthError) {
    const later = (error.status ?? 400) >= 500;
    return {
      status: 502,
      kind: later ? 'unavailable' : 'auth-error',
      title: 'Your bank could not be connected',
      message: later ? 'The service is having trouble. Please try again later.' : `The bank connection was refused (${error.error}). Please connect your bank again.`,
    };
  }
  if (error instanceof RateLimitError) {
    return { status: 503, kind: 'rate-limited', title: 'Too many requests right now', message: `Please try again${error.retryAfter ? ` in ${error.retryAfter} seconds` : ' in a moment'}.` };
  }
  if (error instanceof ProblemError) {
    const byTitle: Record<string, Omit<Explanation, 'status'>> = {
      'User Data Not Found': { kind: 'user-data-not-found', title: 'Your bank did not share your details', message: 'Your bank returned no identity details for this account. Fill in the form by hand, or try another bank.' },
      'Joint Accounts Not Supported': { kind: 'joint-account', title: 'Joint accounts cannot be used', message: 'Connect an account in your sole name, or fill in the form by hand.' },
      'Provider not supported': { kind: 'provider-not-supported', title: 'Your bank cannot share your details', message: 'This bank does not offer this service yet. Try another bank, or fill in the form by hand.' },
      Forbidden: { kind: 'reconnect', title: 'Please reconnect your bank', message: 'Your bank access has expired or was withdrawn. Connect your bank again.' },
      Unauthorized: { kind: 'reconnect', title: 'Please reconnect your bank', message: 'Your session with the bank has ended. Connect your bank again.' },
    };
    const known = byTitle[error.title];
    if (known) return { status: 422, ...known };
    if ((error.status ?? 500) >= 500) return { status: 502, kind: 'unavailable', title: 'Your bank details are unavailable', message: 'The service is having trouble. Please try again later.' };
    return { status: 502, kind: 'problem', title: 'We could not read your bank details', message: `${error.title}. Please try again.` };
  }
  if (error instanceof SignupPlusError) {
    return { status: 502, kind: 'unavailable', title: 'Your bank details are unavailable', message: `We could not reach the service (${error.code}). Please try again later.` };
  }
  return { status: 500, kind: 'bug', title: 'Something went wrong', message: 'An unexpected error happened on our side.' };
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const host = options.host ?? '127.0.0.1';
  const sessions = createSessions();
  let redirectUri = '';
  let client: SignupPlusClient | undefined;

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', ...headers });
    res.end(body);
  };
  const redirect = (res: ServerResponse, location: string, headers: Record<string, string> = {}): void => {
    res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', ...headers });
    res.end();
  };
  const fail = (res: ServerResponse, explanation: Explanation): void => send(res, explanation.status, errorPage(explanation));

  async function connect(res: ServerResponse): Promise<void> {
    const { session, cookie } = sessions.start();
    const pkce = createPkcePair();
    session.codeVerifier = pkce.codeVerifier;
    const { url, state } = (client as SignupPlusClient).buildAuthLink({
      redirectUri,
      scopes: ['info', 'accounts', 'signupplus', 'offline_access'],
      state: randomBytes(16).toString('base64url'),
      codeChallenge: pkce.codeChallenge,
      ...(options.providers ? { providers: options.providers } : {}),
    });
    session.state = state;
    redirect(res, url, { 'Set-Cookie': cookie });
  }

  async function callback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const session = sessions.find(req);
    // CSRF: the callback must come back with the state this browser's session sent out.
    if (!session?.state || query.get('state') !== session.state) {
      return fail(res, { status: 400, kind: 'state-mismatch', title: 'We could not confirm this came from you', message: 'This link back from the bank does not belong to this browser session. Start again from our site.' });
    }
    const error = query.get('error');
    if (error === 'access_denied') {
      return fail(res, { status: 400, kind: 'cancelled', title: 'You cancelled connecting your bank', message: 'Nothing was shared. You can connect your bank again, or fill in the form by hand.' });
    }
    if (error) return fail(res, { status: 400, kind: 'auth-error', title: 'Your bank could not be connected', message: `The bank connection failed (${error}).` });
    const code = query.get('code');
    if (!code) return fail(res, { status: 400, kind: 'auth-error', title: 'Your bank could not be connected', message: 'The link back from the bank carried no code.' });
    try {
      const tokens = await (client as SignupPlusClient).exchangeCode({ code, redirectUri, ...(session.codeVerifier ? { codeVerifier: session.codeVerifier } : {}) });
      session.accessToken = tokens.accessToken;
    } catch (caught) {
      return fail(res, explain(caught));
    }
    // Post/Redirect/Get: reloading the next page never sends the single-use code again.
    redirect(res, '/accounts');
  }

  async function accounts(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const session: Session | undefined = sessions.find(req);
    if (!session?.accessToken) return redirect(res, '/');
    const accountId = query.get('account_id') ?? undefined;
    try {
      const result = await (client as SignupPlusClient).getAccounts({ accessToken: session.accessToken, ...(accountId ? { accountId } : {}) });
      if (result.kind === 'multiple_accounts') return send(res, 200, chooseAccountPage(result.accounts));
      return send(res, 200, identityPage(result.identity));
    } catch (caught) {
      return fail(res, explain(caught));
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    const route = `${req.method} ${url.pathname}`;
    const handled =
      route === 'GET /' ? Promise.resolve(send(res, 200, homePage()))
      : route === 'GET /connect' ? connect(res)
      : route === 'GET /callback' ? callback(req, res, url.searchParams)
      : route === 'GET /accounts' ? accounts(req, res, url.searchParams)
      : Promise.resolve(send(res, 404, errorPage({ status: 404, kind: 'not-found', title: 'Page not found', message: 'There is no such page.' })));
    handled.catch((error: unknown) => {
      if (!res.headersSent) fail(res, explain(error));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  redirectUri = `${url}/callback`;
  client = createClient({
    environment: customEnvironment({ authUrl: options.mockUrl, apiUrl: options.mockUrl }),
    clientId: options.clientId ?? 'sandbox-client-id',
    clientSecret: options.clientSecret ?? 'sandbox-client-secret',
    // An onboarding page should answer quickly: one retry at most, never a long Retry-After wait.
    retry: { maxAttempts: 2, maxDelayMs: 1_000 },
  });
  return {
    url,
    redirectUri,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
