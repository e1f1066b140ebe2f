// Environments are plain values: TrueLayer's two, or custom base URLs checked up front.
import { describe, expect, it } from 'vitest';
import { LIVE, SANDBOX, customEnvironment } from '../../src/index.ts';

describe('environments', () => {
  it('names TrueLayer sandbox and live hosts', () => {
    expect(SANDBOX).toEqual({ name: 'sandbox', authUrl: 'https://auth.truelayer-sandbox.com', apiUrl: 'https://api.truelayer-sandbox.com' });
    expect(LIVE).toEqual({ name: 'live', authUrl: 'https://auth.truelayer.com', apiUrl: 'https://api.truelayer.com' });
  });

  it('builds a custom environment and drops trailing slashes', () => {
    expect(customEnvironment({ authUrl: 'http://127.0.0.1:4010/', apiUrl: 'http://127.0.0.1:4010/base/' })).toEqual({
      name: 'custom', authUrl: 'http://127.0.0.1:4010', apiUrl: 'http://127.0.0.1:4010/base',
    });
  });

  it('accepts https and drops every trailing slash', () => {
    expect(customEnvironment({ authUrl: 'https://auth.example.test//', apiUrl: 'https://api.example.test/base//' })).toEqual({
      name: 'custom', authUrl: 'https://auth.example.test', apiUrl: 'https://api.example.test/base',
    });
  });

  it('returns a frozen value', () => {
    expect(Object.isFrozen(customEnvironment({ authUrl: 'http://127.0.0.1:4010', apiUrl: 'http://127.0.0.1:4010' }))).toBe(true);
  });

  it.each([
    ['a relative URL', '/auth', 'authUrl must be an absolute URL such as http://127.0.0.1:4010 (got "/auth")'],
    ['a non-http scheme', 'ftp://127.0.0.1', 'authUrl must use http or https (got ftp:)'],
    ['a query string', 'http://127.0.0.1:4010/?x=1', 'authUrl must not carry a query or fragment'],
    ['a fragment', 'http://127.0.0.1:4010/#x', 'authUrl must not carry a query or fragment'],
  ])('refuses %s as authUrl, naming the field and what to pass', (_name, authUrl, message) => {
    expect(() => customEnvironment({ authUrl, apiUrl: 'http://127.0.0.1:4010' })).toThrow(TypeError);
    expect(() => customEnvironment({ authUrl, apiUrl: 'http://127.0.0.1:4010' })).toThrow(message);
  });

  it('checks apiUrl too, naming it', () => {
    expect(() => customEnvironment({ authUrl: 'http://127.0.0.1:4010', apiUrl: 'api.example.test' })).toThrow(
      'apiUrl must be an absolute URL such as http://127.0.0.1:4010 (got "api.example.test")',
    );
  });
});
