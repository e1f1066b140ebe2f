// The committed Postman files: up to date with the spec, laid out per step of the flow, parseable by the
// Postman Collection SDK that newman and Postman use, and free of anything that looks like a real secret.
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Collection } from 'postman-collection';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_PATH, comparePostmanFiles, environmentPath, renderPostmanFiles } from '../../scripts/postman/render.ts';

type Json = Record<string, any>;

let collection: Json;
const environments: Record<string, Record<string, { value: string; type: string }>> = {};

beforeAll(async () => {
  collection = JSON.parse(await readFile(COLLECTION_PATH, 'utf8'));
  for (const name of ['mock', 'sandbox', 'live']) {
    const file = JSON.parse(await readFile(environmentPath(name), 'utf8')) as Json;
    environments[name] = Object.fromEntries((file.values as Json[]).map((v) => [v.key, { value: v.value, type: v.type }]));
  }
});

const folder = (name: string): Json => collection.item.find((f: Json) => f.name === name);
const formOf = (item: Json): Record<string, string> =>
  Object.fromEntries((item.request.body.urlencoded as Json[]).map((field) => [field.key, field.value]));

describe('postman/ is generated from the spec', () => {
  it('matches a fresh `npm run postman` (run it and commit when this fails)', async () => {
    expect(await comparePostmanFiles(await renderPostmanFiles())).toEqual({ stale: [], unexpected: [] });
  });

  it('renders byte-identical files on every run (no random ids or faked values)', async () => {
    const [first, second] = [await renderPostmanFiles(), await renderPostmanFiles()];
    expect([...second.entries()]).toEqual([...first.entries()]);
  });
});

describe('the collection', () => {
  it('is a Postman v2.1 collection with one folder per step of the flow, then Errors', () => {
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(collection.item.map((f: Json) => [f.name, f.item.map((i: Json) => i.name)])).toEqual([
      ['1. Exchange code', ['Exchange the code for tokens', 'Refresh the access token']],
      ['2. Get accounts', ['Get the identity or the linked accounts']],
      ['3. Follow account_id', ['Get the identity of the first linked account']],
      [
        'Errors',
        [
          'Expired code is refused with invalid_authorization_code',
          'Unknown grant_type is refused with unsupported_grant_type',
          'Missing code is refused with invalid_request',
          'Accounts without an Authorization header answer 401 Unauthorized',
          'Accounts with a token the server did not issue answer 401 Unauthorized',
          'Malformed account_id answers 400 Invalid Parameters',
        ],
      ],
    ]);
    expect(collection.variable.map((v: Json) => [v.key, v.value])).toEqual([
      ['access_token', ''],
      ['refresh_token', ''],
      ['account_id', ''],
    ]);
  });

  it('exchanges {{code}} at {{auth_url}} with a form body made of variables', () => {
    const exchange = folder('1. Exchange code').item[0];
    expect(exchange.request.method).toBe('POST');
    expect(exchange.request.url.raw).toBe('{{auth_url}}/connect/token');
    expect(exchange.request.body.mode).toBe('urlencoded');
    expect(formOf(exchange)).toEqual({
      grant_type: 'authorization_code',
      client_id: '{{client_id}}',
      client_secret: '{{client_secret}}',
      redirect_uri: '{{redirect_uri}}',
      code: '{{code}}',
    });
    expect(formOf(folder('1. Exchange code').item[1])).toEqual({
      grant_type: 'refresh_token',
      client_id: '{{client_id}}',
      client_secret: '{{client_secret}}',
      refresh_token: '{{refresh_token}}',
    });
  });

  it('calls the accounts endpoint at {{api_url}} with Bearer {{access_token}}', () => {
    const accounts = folder('2. Get accounts').item[0];
    const follow = folder('3. Follow account_id').item[0];
    expect([accounts.request.url.raw, follow.request.url.raw]).toEqual([
      '{{api_url}}/signup-plus/accounts',
      '{{api_url}}/signup-plus/accounts?account_id={{account_id}}',
    ]);
    for (const item of [accounts, follow]) {
      expect(item.request.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{access_token}}', type: 'string' }] });
    }
  });

  it('parses with the Postman Collection SDK into the same folders, requests, scripts and examples', () => {
    const sdk = new Collection(collection);
    const shape = sdk.items.map((group) => [
      group.name,
      group.items.map((item) => [
        `${item.request.method} ${item.request.url.toString()}`,
        item.request.auth?.type,
        item.events.map((event) => event.listen),
        item.responses.count(),
      ]),
    ]);
    expect(shape).toEqual([
      [
        '1. Exchange code',
        [
          ['POST {{auth_url}}/connect/token', 'noauth', ['test'], 1],
          ['POST {{auth_url}}/connect/token', 'noauth', ['prerequest', 'test'], 1],
        ],
      ],
      ['2. Get accounts', [['GET {{api_url}}/signup-plus/accounts', 'bearer', ['test'], 2]]],
      ['3. Follow account_id', [['GET {{api_url}}/signup-plus/accounts?account_id={{account_id}}', 'bearer', ['prerequest', 'test'], 1]]],
      [
        'Errors',
        [
          ['POST {{auth_url}}/connect/token', 'noauth', ['test'], 1],
          ['POST {{auth_url}}/connect/token', 'noauth', ['test'], 1],
          ['POST {{auth_url}}/connect/token', 'noauth', ['test'], 1],
          ['GET {{api_url}}/signup-plus/accounts', 'noauth', ['test'], 1],
          ['GET {{api_url}}/signup-plus/accounts', 'bearer', ['test'], 1],
          ['GET {{api_url}}/signup-plus/accounts?account_id=acc.not-valid', 'bearer', ['test'], 1],
        ],
      ],
    ]);
  });

  it('embeds draft-07 schemas that accept every saved example response (the spec examples)', () => {
    // Postman's sandbox validates with Ajv 6 (draft-07); Ajv 8's default class is draft-07 as well.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const checked: string[] = [];
    for (const group of collection.item as Json[]) {
      for (const item of group.item as Json[]) {
        const exec: string[] = item.event.find((e: Json) => e.listen === 'test').script.exec;
        const line = exec.find((l) => l.startsWith('const schema = '));
        expect(line, `${item.name} has an embedded schema`).toBeDefined();
        const validate = ajv.compile(JSON.parse((line as string).slice('const schema = '.length, -1)));
        for (const saved of item.response as Json[]) {
          expect(validate(JSON.parse(saved.body)), `${item.name} / ${saved.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          checked.push(saved.name);
        }
      }
    }
    expect(checked).toHaveLength(11);
  });
});

describe('the environments', () => {
  it.each([
    ['mock', 'http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['sandbox', 'https://auth.truelayer-sandbox.com', 'https://api.truelayer-sandbox.com'],
    ['live', 'https://auth.truelayer.com', 'https://api.truelayer.com'],
  ])('%s points auth_url at %s and api_url at %s', (name, authUrl, apiUrl) => {
    expect(environments[name]?.auth_url?.value).toBe(authUrl);
    expect(environments[name]?.api_url?.value).toBe(apiUrl);
  });

  it('mock starts with the single-account scenario code and the spec example client', () => {
    expect(Object.fromEntries(Object.entries(environments.mock ?? {}).map(([k, v]) => [k, v.value]))).toEqual({
      auth_url: 'http://127.0.0.1:4010',
      api_url: 'http://127.0.0.1:4010',
      client_id: 'example-client-id',
      client_secret: 'example-client-secret',
      redirect_uri: 'https://example.com/callback',
      code: 'single-account',
      access_token: '',
      refresh_token: '',
    });
  });

  it.each(['sandbox', 'live'])('%s leaves every credential empty for the user to fill in', (name) => {
    const credentials = ['client_id', 'client_secret', 'redirect_uri', 'code', 'access_token', 'refresh_token'];
    expect(credentials.map((key) => environments[name]?.[key]?.value)).toEqual(credentials.map(() => ''));
  });

  it.each(['mock', 'sandbox', 'live'])('%s marks secrets as secret and holds nothing that looks like a real credential', (name) => {
    const env = environments[name] ?? {};
    expect(['client_secret', 'code', 'access_token', 'refresh_token'].map((key) => env[key]?.type)).toEqual(['secret', 'secret', 'secret', 'secret']);
    // The same shapes the spec's no-real-secrets lint rule rejects: JWTs and long random tokens.
    const realLooking = Object.values(env)
      .map((v) => v.value)
      .filter((value) => /^eyJ/.test(value) || /^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_\-+/=.]{32,}$/.test(value));
    expect(realLooking).toEqual([]);
  });
});
