// The request journal (WireMock's "request log" for tests): the mock keeps the last requests it answered, with
// every credential redacted by src/redact.ts, so that an app's test can assert what its app sent
// (`GET /_harness/requests?method=POST&path=/connect/token`) and start clean (`DELETE /_harness/requests`).
import { isSecretKey, redactHeaders, redactText, redactValue } from '../src/redact.ts';

export const REQUESTS_PATH = '/_harness/requests';
/** Requests kept before the oldest is dropped. */
export const DEFAULT_JOURNAL_SIZE = 500;
/** A body longer than this is kept cut short (and flagged), so a big upload cannot fill the memory. */
const BODY_LIMIT = 8 * 1024;

export interface JournalEntry {
  /** 1, 2, 3... in arrival order; not reset by a clear, so an id names one request for the mock's life. */
  id: number;
  receivedAt: string;
  method: string;
  path: string;
  /** Query parameters; a repeated one as an array. Credentials redacted. */
  query: Record<string, string | string[]>;
  /** Lower-cased names; credential headers redacted. */
  headers: Record<string, string>;
  /** A form or JSON body as an object (credential fields redacted), other text as a string, no body as null. */
  body: unknown;
  bodyTruncated?: true;
  /** The mock's answer: 0 when the connection was dropped on purpose (a fault). */
  status: number;
  scenario?: string;
  traceId: string;
  durationMs: number;
}

export interface JournalFilter {
  method?: string | undefined;
  path?: string | undefined;
}

export interface RecordInput {
  method: string;
  target: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
  status: number;
  scenario?: string;
  traceId: string;
  durationMs: number;
  /** Credentials the request carried (codes, tokens, client secret), redacted wherever they occur. */
  secrets: readonly string[];
}

export interface RequestJournal {
  record(input: RecordInput): void;
  list(filter?: JournalFilter): JournalEntry[];
  clear(): void;
}

export function createRequestJournal(size = DEFAULT_JOURNAL_SIZE, now: () => Date = () => new Date()): RequestJournal {
  let entries: JournalEntry[] = [];
  let nextId = 1;
  return {
    record(input) {
      const url = new URL(input.target, 'http://mock.invalid');
      const text = input.body && input.body.length > 0 ? input.body.toString('utf8') : undefined;
      const parsed = text === undefined ? undefined : parseBody(text, String(input.headers['content-type'] ?? ''));
      // A credential the endpoint refused before reading it (a JSON body, say) is still one: every value under a
      // credential name joins the request's known secrets, so a copy of it elsewhere is redacted too.
      const secrets = [...input.secrets, ...credentialValues(queryObject(url.searchParams)), ...credentialValues(parsed)];
      const entry: JournalEntry = {
        id: nextId++,
        receivedAt: now().toISOString(),
        method: input.method,
        path: redactText(url.pathname, secrets),
        query: redactValue(queryObject(url.searchParams), secrets),
        headers: redactHeaders(input.headers, secrets),
        body: null,
        status: input.status,
        ...(input.scenario ? { scenario: input.scenario } : {}),
        traceId: input.traceId,
        durationMs: Math.round(input.durationMs * 10) / 10,
      };
      if (text !== undefined) {
        if (text.length > BODY_LIMIT) {
          // Redacted whole, then cut: a secret cut in half would no longer be recognised.
          entry.body = redactText(text, secrets).slice(0, BODY_LIMIT);
          entry.bodyTruncated = true;
        } else entry.body = parsed === undefined ? redactText(text, secrets) : redactValue(parsed, secrets);
      }
      // One in, at most one out (a size of 0 keeps none).
      entries.push(entry);
      if (entries.length > size) entries.shift();
    },
    list(filter = {}) {
      const method = filter.method?.toUpperCase();
      return entries.filter((e) => (method === undefined || e.method === method) && (filter.path === undefined || e.path === filter.path));
    },
    clear() {
      entries = [];
    },
  };
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/** A form or JSON body as data; undefined for anything else (kept as redacted text). */
function parseBody(text: string, contentType: string): unknown {
  const type = contentType.toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return queryObject(new URLSearchParams(text));
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: kept as text, like any other body.
    }
  }
  return undefined;
}

/** Every string under a credential name (client_secret, code, ...), at any depth, in lists too. */
function* credentialValues(node: unknown, key?: string): Generator<string> {
  if (typeof node === 'string') {
    if (key !== undefined && isSecretKey(key)) yield node;
  } else if (Array.isArray(node)) {
    for (const item of node) yield* credentialValues(item, key);
  } else if (node && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) yield* credentialValues(value, name);
  }
}
