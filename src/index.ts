// The public surface of the typed Signup+ client: import from here, not from the modules behind it.
export * from './environments.ts';
export * from './errors.ts';
export * from './validation.ts';
export * from './client.ts';
export { buildAuthLink as buildAuthLinkFor, DEFAULT_SCOPES, SIGNUP_PLUS_SCOPE } from './auth-link.ts';
export { createPkcePair, pkceChallenge, type PkcePair } from './pkce.ts';
export { DEFAULT_RETRY, parseRetryAfterMs, parseRetryAfterSeconds, retryDelayMs } from './retry.ts';
export { DEFAULT_TIMEOUTS, MAX_BODY_BYTES } from './transport.ts';
export { DEFAULT_USER_AGENT, HARNESS_VERSION } from './version.ts';
export { redactText, redactValue, redactHeaders, isSecretKey, REDACTED } from './redact.ts';
