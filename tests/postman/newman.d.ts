// The part of newman's programmatic API the Postman tests use (newman ships no type declarations).
declare module 'newman' {
  import type { EventEmitter } from 'node:events';

  export interface RunStat {
    total: number;
    pending: number;
    failed: number;
  }
  /** Where in the run: `iteration` counts from 0. */
  export interface RunCursor {
    iteration: number;
  }
  export interface RunFailure {
    error: { name: string; message: string; test?: string };
    cursor?: RunCursor;
    source?: { name?: string };
    at?: string;
  }
  export interface RunExecution {
    item: { name: string };
    cursor: RunCursor;
    /** The request as sent, variables resolved (a postman-collection Request). */
    request: { url: { query: { get(key: string): string | undefined } } };
    response?: { code: number };
    assertions?: Array<{ assertion: string; skipped?: boolean; error?: { message: string } }>;
  }
  export interface RunSummary {
    run: {
      stats: Record<'iterations' | 'items' | 'scripts' | 'prerequests' | 'requests' | 'tests' | 'assertions' | 'testScripts' | 'prerequestScripts', RunStat>;
      failures: RunFailure[];
      executions: RunExecution[];
      error?: Error;
    };
  }
  export interface RunOptions {
    collection: unknown;
    environment?: unknown;
    reporters?: string | string[];
    reporter?: Record<string, unknown>;
    timeoutRequest?: number;
    iterationCount?: number;
    bail?: boolean;
  }
  export function run(options: RunOptions, callback: (error: Error | null, summary: RunSummary) => void): EventEmitter;
}
