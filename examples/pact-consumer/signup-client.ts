// A small Signup+ client written with plain fetch, the way an app might have its own: exchange the code from the
// auth redirect for tokens, then read the user's identity (or the accounts to choose from). The consumer test
// next to it (signup-client.pact.test.ts) pins what it sends and relies on, with signup-plus-harness/pact.
export interface SignupPlusConfig {
  /** https://auth.truelayer-sandbox.com, or the harness's mock. */
  authUrl: string;
  /** https://api.truelayer-sandbox.com, or the harness's mock. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number;
}

export type IdentityResult =
  | { kind: 'identity'; firstName: string; lastName: string; dateOfBirth: string; postcode: string | undefined }
  | { kind: 'choose-account'; accountIds: string[] };

/** TrueLayer refused: `reason` is the OAuth `error` or the problem `title`, what the app branches on. */
export class SignupPlusError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`Signup+ answered ${status}: ${reason}`);
    this.name = 'SignupPlusError';
  }
}

export async function exchangeCode(config: SignupPlusConfig, code: string): Promise<Tokens> {
  const response = await fetch(`${config.authUrl}/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      redirect_uri: config.redirectUri,
      code,
    }),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string; expires_in?: number; error?: string };
  if (!response.ok) throw new SignupPlusError(response.status, body.error ?? 'unknown');
  return { accessToken: String(body.access_token), refreshToken: body.refresh_token, expiresIn: Number(body.expires_in) };
}

export async function getIdentity(config: SignupPlusConfig, accessToken: string, accountId?: string): Promise<IdentityResult> {
  const query = accountId === undefined ? '' : `?account_id=${encodeURIComponent(accountId)}`;
  const response = await fetch(`${config.apiUrl}/signup-plus/accounts${query}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new SignupPlusError(response.status, String(body.title ?? 'unknown'));
  if (body.result === 'multiple_accounts_linked') {
    return { kind: 'choose-account', accountIds: (body.accounts as Array<{ account_id: string }>).map((account) => account.account_id) };
  }
  const address = body.address as { zip?: string } | undefined;
  return { kind: 'identity', firstName: String(body.first_name), lastName: String(body.last_name), dateOfBirth: String(body.date_of_birth), postcode: address?.zip };
}
