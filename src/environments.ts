// Where the client sends requests: TrueLayer's sandbox or live hosts, or custom base URLs (the mock, a hostile
// test server). A plain value passed in, so nothing here reads the process environment.
export interface Environment {
  name: 'sandbox' | 'live' | 'custom';
  /** Auth server: the auth link and POST /connect/token. */
  authUrl: string;
  /** API host: GET /signup-plus/accounts. */
  apiUrl: string;
}

export const SANDBOX: Environment = Object.freeze({
  name: 'sandbox',
  authUrl: 'https://auth.truelayer-sandbox.com',
  apiUrl: 'https://api.truelayer-sandbox.com',
});

export const LIVE: Environment = Object.freeze({
  name: 'live',
  authUrl: 'https://auth.truelayer.com',
  apiUrl: 'https://api.truelayer.com',
});

/** A custom environment; both URLs must be absolute http(s) URLs. A trailing slash is dropped. */
export function customEnvironment(urls: { authUrl: string; apiUrl: string }): Environment {
  return Object.freeze({ name: 'custom', authUrl: baseUrl(urls.authUrl, 'authUrl'), apiUrl: baseUrl(urls.apiUrl, 'apiUrl') });
}

function baseUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${field} must be an absolute URL such as http://127.0.0.1:4010 (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${field} must use http or https (got ${url.protocol})`);
  }
  if (url.search || url.hash) throw new TypeError(`${field} must not carry a query or fragment`);
  return url.href.replace(/\/+$/, '');
}
