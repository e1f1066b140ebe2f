// The three Postman environments. Hosts come from the spec's `servers` (sandbox, live) and the mock's
// default address; credentials are empty (sandbox, live: the user fills them in Postman) or the spec's own
// `example-...` fakes (mock), so no file here can ever hold a real-looking secret.
import type { JsonObject } from '../lib/spec-document.ts';
import { HOST_VARIABLE } from './build-collection.ts';
import { findOperation, pickExample, type OperationId } from './spec-facts.ts';
import { stableId } from './stable-id.ts';

export const MOCK_URL = 'http://127.0.0.1:4010';
/** The mock scenario the mock environment starts with (see the mock's scenario table). */
export const MOCK_DEFAULT_CODE = 'single-account';
export const ENVIRONMENT_NAMES = ['mock', 'sandbox', 'live'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Values that grant access: Postman masks `secret` variables on screen. */
const SECRET_KEYS = new Set(['client_secret', 'code', 'access_token', 'refresh_token']);
const CREDENTIAL_KEYS = ['client_id', 'client_secret', 'redirect_uri', 'code', 'access_token', 'refresh_token'] as const;

export function buildEnvironments(spec: JsonObject): Map<EnvironmentName, JsonObject> {
  const hosts = (server: string): Record<'auth_url' | 'api_url', string> => {
    const out: Partial<Record<'auth_url' | 'api_url', string>> = {};
    for (const [operationId, variable] of Object.entries(HOST_VARIABLE) as Array<[OperationId, 'auth_url' | 'api_url']>) {
      const url = findOperation(spec, operationId).servers[server];
      if (!url) throw new Error(`postman: the spec lists no "${server}" server for ${operationId}`);
      out[variable] = url;
    }
    return out as Record<'auth_url' | 'api_url', string>;
  };
  // The mock takes any client by default; the spec's example form supplies obvious fakes for it.
  const exampleForm = authorizationCodeExample(spec);
  const values: Record<EnvironmentName, Record<string, string>> = {
    mock: {
      auth_url: MOCK_URL,
      api_url: MOCK_URL,
      client_id: exampleForm.client_id,
      client_secret: exampleForm.client_secret,
      redirect_uri: exampleForm.redirect_uri,
      code: MOCK_DEFAULT_CODE,
      access_token: '',
      refresh_token: '',
    },
    sandbox: { ...hosts('sandbox'), ...emptyCredentials() },
    live: { ...hosts('live'), ...emptyCredentials() },
  };
  return new Map(
    ENVIRONMENT_NAMES.map((name) => [
      name,
      {
        id: stableId('environment', name),
        name: `Signup+ ${name}`,
        values: Object.entries(values[name]).map(([key, value]) => ({
          key,
          value,
          type: SECRET_KEYS.has(key) ? 'secret' : 'default',
          enabled: true,
        })),
        _postman_variable_scope: 'environment',
      },
    ]),
  );
}

function emptyCredentials(): Record<string, string> {
  return Object.fromEntries(CREDENTIAL_KEYS.map((key) => [key, '']));
}

function authorizationCodeExample(spec: JsonObject): Record<'client_id' | 'client_secret' | 'redirect_uri', string> {
  const operation = findOperation(spec, 'requestToken');
  const example = pickExample(operation.requestExamples, 'authorization-code', 'the token request');
  const pick = (key: string): string => {
    const value = example[key];
    if (typeof value !== 'string') throw new Error(`postman: the authorization-code request example has no ${key}`);
    return value;
  };
  return { client_id: pick('client_id'), client_secret: pick('client_secret'), redirect_uri: pick('redirect_uri') };
}
