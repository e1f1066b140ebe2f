// The typed errors themselves: each message says what happened and what to do, toJSON() carries exactly the fields
// that are known (no keys holding undefined), causes are copied to a bounded depth, and fields are read-only.
import { describe, expect, it } from 'vitest';
import {
  AbortedError, ConfigurationError, NetworkError, OAuthError, ProblemError, RateLimitError, ResponseValidationError, SignupPlusError, TimeoutError,
} from '../../src/index.ts';
import type { Problem, ValidationIssue } from '../../src/index.ts';

const TRACE = 'trace-0f9e';
const problem = (extra: Partial<Problem> = {}): Problem =>
  ({ type: 'https://docs.truelayer.com/docs/signup-errors#invalid-parameters', title: 'Invalid parameters', status: 400, trace_id: TRACE, ...extra }) as Problem;
const issue = (pointer: string, message: string, severity: ValidationIssue['severity'] = 'error'): ValidationIssue => ({ pointer, severity, keyword: 'type', message });

describe('error messages', () => {
  it('OAuthError: the code, the description, status and trace id, and the hint for a known code', () => {
    expect(new OAuthError({ error: 'invalid_client', errorDescription: 'bad secret', status: 401, traceId: TRACE }).message).toBe(
      'token request refused: invalid_client (bad secret) (HTTP 401, trace id trace-0f9e); check the client id and client secret of this environment in TrueLayer Console (sent in the body, not as HTTP Basic)',
    );
  });

  it('OAuthError: no description and an unknown code give the bare code', () => {
    expect(new OAuthError({ error: 'made_up' }).message).toBe('token request refused: made_up');
  });

  it('ProblemError: title, detail and each field\'s messages', () => {
    const err = new ProblemError({ problem: problem({ detail: 'account_id is malformed', errors: { account_id: ['too long', 'bad characters'], other: 'one' as unknown as string[] } }), status: 400, traceId: TRACE });
    expect(err.message).toBe('Invalid parameters: account_id is malformed [account_id: too long, bad characters; other: one] (HTTP 400, trace id trace-0f9e)');
  });

  it.each([
    ['no errors', undefined],
    ['errors that are a list', ['a']],
    ['errors that are null', null],
    ['errors that are text', 'text'],
  ])('ProblemError: the title alone when there is no detail and %s', (_name, errors) => {
    expect(new ProblemError({ problem: problem({ trace_id: '', errors: errors as unknown as Record<string, string[]> }) }).message).toBe('Invalid parameters');
  });

  it('names the trace id alone when the status is not known', () => {
    expect(new ProblemError({ problem: problem(), traceId: 'only-trace' }).message).toBe('Invalid parameters (trace id only-trace)');
  });

  it.each([
    ['connect', 'GET /x: no connection within 5 ms; raise timeouts.connectMs or check the server'],
    ['headers', 'GET /x: no response headers within 5 ms; raise timeouts.headersMs or check the server'],
    ['body', 'GET /x: response body not complete within 5 ms; raise timeouts.bodyMs or check the server'],
  ] as const)('TimeoutError of phase %s', (phase, message) => {
    expect(new TimeoutError({ phase, timeoutMs: 5, request: 'GET /x' }).message).toBe(message);
  });

  it('NetworkError with and without a detail', () => {
    expect(new NetworkError({ reason: 'reset', request: 'GET /x', detail: 'ECONNRESET' }).message).toBe('GET /x: network error (reset: ECONNRESET); check the base URL and that the server is up');
    expect(new NetworkError({ reason: 'dns', request: 'GET /x' }).message).toBe('GET /x: network error (dns); check the base URL and that the server is up');
  });

  it('AbortedError', () => {
    expect(new AbortedError({ request: 'POST /connect/token' }).message).toBe('POST /connect/token: aborted by the caller');
  });

  it('ResponseValidationError: the first three errors (not warnings), (root) for the whole body, and how many more', () => {
    const issues = [issue('', 'is not JSON'), issue('/a', 'is odd', 'warning'), issue('/b', 'must be string'), issue('/c', 'is required'), issue('/d', 'is extra'), issue('/e', 'is extra')];
    expect(new ResponseValidationError({ request: 'GET /x', issues, status: 200 }).message).toBe(
      'GET /x: response does not match the spec (HTTP 200): (root) is not JSON; /b must be string; /c is required; and 2 more',
    );
  });

  it('ResponseValidationError: exactly three errors, nothing more to count', () => {
    const issues = [issue('/a', 'x'), issue('/b', 'y'), issue('/c', 'z')];
    expect(new ResponseValidationError({ request: 'GET /x', issues }).message).toBe('GET /x: response does not match the spec: /a x; /b y; /c z');
  });
});

describe('error fields and toJSON()', () => {
  it('hold no key for what is not known', () => {
    const errors: SignupPlusError[] = [
      new AbortedError({ request: 'GET /x' }),
      new ConfigurationError('clientSecret is missing'),
      new OAuthError({ error: 'invalid_grant' }),
      new ProblemError({ problem: problem({ trace_id: undefined as unknown as string }) }),
      new RateLimitError({ problem: problem({ trace_id: undefined as unknown as string }) }),
    ];
    for (const err of errors) {
      expect(Object.hasOwn(err, 'cause'), err.name).toBe(false);
      for (const key of Object.keys(err)) expect((err as unknown as Record<string, unknown>)[key], `${err.name}.${key}`).not.toBeUndefined();
      const json = err.toJSON();
      for (const key of ['status', 'traceId', 'cause']) expect(Object.hasOwn(json, key), `${err.name} toJSON ${key}`).toBe(false);
    }
    expect(Object.keys(new OAuthError({ error: 'invalid_grant' }))).toEqual(['code', 'error', 'issues']);
    expect(new OAuthError({ error: 'invalid_grant' }).issues).toEqual([]);
    expect(new ProblemError({ problem: problem() }).issues).toEqual([]);
    expect(Object.keys(new RateLimitError({ problem: problem() })).sort()).toEqual(['code', 'issues', 'problem', 'title', 'traceId']);
    expect(Object.keys(new RateLimitError({ problem: problem({ detail: 'd', errors: {} }), retryAfter: 1 })).sort()).toEqual(['code', 'detail', 'errors', 'issues', 'problem', 'retryAfter', 'title', 'traceId']);
  });

  it('carry each class\'s own fields in toJSON()', () => {
    expect(new TimeoutError({ phase: 'body', timeoutMs: 7, request: 'GET /x', status: 200 }).toJSON()).toMatchObject({ code: 'TL_TIMEOUT', status: 200, phase: 'body', timeoutMs: 7 });
    expect(new NetworkError({ reason: 'tls', request: 'GET /x' }).toJSON()).toMatchObject({ code: 'TL_NETWORK', reason: 'tls' });
    const issues = [issue('/a', 'x')];
    expect(new ResponseValidationError({ request: 'GET /x', issues, contentType: 'text/html', body: '<html>' }).toJSON()).toMatchObject({
      code: 'TL_RESPONSE_INVALID', issues, contentType: 'text/html', bodyExcerpt: '<html>',
    });
    expect(new RateLimitError({ problem: problem(), retryAfter: 3 }).toJSON()).toMatchObject({ code: 'TL_RATE_LIMITED', retryAfter: 3, title: 'Invalid parameters' });
  });

  it('are enumerable and read-only', () => {
    const err = new NetworkError({ reason: 'reset', request: 'GET /x', status: 502 });
    for (const key of ['code', 'status', 'reason']) {
      expect(Object.getOwnPropertyDescriptor(err, key), key).toMatchObject({ enumerable: true, writable: false, configurable: true });
    }
    expect(() => {
      (err as unknown as { code: string }).code = 'TL_OTHER';
    }).toThrow(TypeError);
  });
});

describe('causes', () => {
  it('keep one of the client\'s own errors as it is, and serialise it whole', () => {
    const inner = new TimeoutError({ phase: 'headers', timeoutMs: 9, request: 'GET /x' });
    const err = new AbortedError({ request: 'GET /x', cause: inner });
    expect(err.cause).toBe(inner);
    expect(err.toJSON().cause).toEqual(inner.toJSON());
  });

  it('keep a cause that is not an error as a value', () => {
    const err = new AbortedError({ request: 'GET /x', cause: 'user left' });
    expect(err.cause).toBe('user left');
    expect(err.toJSON().cause).toBe('user left');
  });

  it('copy an error cause with its stack frames, and no code key when it had none', () => {
    const cause = new RangeError('out of range');
    const err = new NetworkError({ reason: 'other', request: 'GET /x', cause });
    const copy = err.cause as Error;
    expect(copy).not.toBe(cause);
    expect(copy.stack).toBe(cause.stack);
    expect(copy.stack).toContain('\n    at ');
    expect(Object.hasOwn(copy, 'code')).toBe(false);
    expect(Object.getOwnPropertyDescriptor(copy, 'name')).toEqual({ value: 'RangeError', writable: true, configurable: true, enumerable: false });
    expect(err.toJSON().cause).toStrictEqual({ name: 'RangeError', message: 'out of range' });
  });

  it('give a cause without a stack one made of its name and message', () => {
    const cause = new TypeError('no stack here');
    delete (cause as { stack?: string }).stack;
    expect((new NetworkError({ reason: 'other', request: 'GET /x', cause }).cause as Error).stack).toBe('TypeError: no stack here');
  });

  it('copy a chain of causes four deep, and no further', () => {
    let cause: Error | undefined;
    for (let i = 5; i >= 1; i--) cause = new Error(`level ${i}`, cause ? { cause } : undefined);
    const err = new NetworkError({ reason: 'other', request: 'GET /x', cause });
    const levels: string[] = [];
    let at: unknown = err.cause;
    let last: object = err;
    while (at instanceof Error) {
      levels.push(at.message);
      last = at;
      at = (at as { cause?: unknown }).cause;
    }
    expect(levels).toEqual(['level 1', 'level 2', 'level 3', 'level 4']);
    expect(Object.hasOwn(last, 'cause')).toBe(false);
  });

  it('leave the last copied cause without a cause key', () => {
    const err = new NetworkError({ reason: 'other', request: 'GET /x', cause: new Error('outer', { cause: new Error('inner') }) });
    const inner = (err.cause as { cause: Error }).cause;
    expect(inner.message).toBe('inner');
    expect(Object.hasOwn(inner, 'cause')).toBe(false);
  });
});
