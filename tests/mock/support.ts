// Shared by the mock's tests: raw HTTP calls (undici) and the project's client pointed at a running mock.
import { request } from 'undici';
import { createClient, customEnvironment, type SignupPlusClient } from '../../src/index.ts';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export async function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const res = await request(url, { method: (init.method ?? 'GET') as 'GET', ...(init.headers ? { headers: init.headers } : {}), body: init.body ?? null });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export function codeGrant(code: string, extra: Record<string, string> = {}): Record<string, string> {
  return { grant_type: 'authorization_code', client_id: 'test-client', client_secret: 'test-secret', redirect_uri: 'https://app.example/callback', code, ...extra };
}

/** Exchanges a code over raw HTTP and returns the token answer's JSON. */
export async function exchange(base: string, code: string): Promise<{ access_token: string; refresh_token: string }> {
  const answer = await raw(`${base}/connect/token`, { method: 'POST', headers: FORM, body: form(codeGrant(code)) });
  if (answer.status !== 200) throw new Error(`token exchange answered ${answer.status}`);
  return answer.json;
}

export function clientFor(url: string, extra: Partial<Parameters<typeof createClient>[0]> = {}): SignupPlusClient {
  return createClient({
    environment: customEnvironment({ authUrl: url, apiUrl: url }),
    clientId: 'test-client',
    clientSecret: 'test-secret',
    retry: { maxAttempts: 1 },
    ...extra,
  });
}
