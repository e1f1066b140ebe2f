// One line per request (method, path, scenario, status, time), passed through the project's one redaction
// helper with every secret the request carried, so codes, tokens and client secrets never reach the log.
import { redactText } from '../src/redact.ts';

export type LogSink = (line: string) => void;

export interface RequestLogEntry {
  method: string;
  /** Path and query as received. */
  target: string;
  scenario?: string;
  /** 0 when the connection was dropped on purpose (connection-reset). */
  status: number;
  ms: number;
  secrets: string[];
}

/** Control characters and overlong targets from odd clients must not break the log's one-line format. */
function printable(text: string, max = 200): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function formatRequestLog(entry: RequestLogEntry): string {
  const status = entry.status === 0 ? 'reset' : String(entry.status);
  // Redact before shortening: a secret cut in half would no longer be recognised.
  const method = printable(redactText(entry.method, entry.secrets), 16);
  const target = printable(redactText(entry.target, entry.secrets), 300);
  return `${method} ${target} scenario=${entry.scenario ?? '-'} ${status} ${entry.ms.toFixed(1)}ms`;
}
