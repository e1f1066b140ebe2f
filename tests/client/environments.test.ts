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

  it.each([
    ['a relative URL', '/auth'],
    ['a non-http scheme', 'ftp://127.0.0.1'],
    ['a query string', 'http://127.0.0.1:4010/?x=1'],
  ])('refuses %s', (_name, authUrl) => {
    expect(() => customEnvironment({ authUrl, apiUrl: 'http://127.0.0.1:4010' })).toThrow(TypeError);
  });
});
