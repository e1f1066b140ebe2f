// What a route handler gets (the request, read and bounded) and gives back (an answer, or a fault to act out).
import type { IncomingMessage } from 'node:http';
import type { AuthCodeStore } from './auth-codes.ts';
import type { IdentityGenerator } from './dynamic-identity.ts';
import type { AnswerChoice, EngineResult, OperationId, PrismAnswer, PrismEngine } from './prism-engine.ts';
import type { FaultName } from './scenarios.ts';

export interface MockSettings {
  clientId?: string;
  clientSecret?: string;
  /** Set with --dynamic: generates identities instead of serving the fixed examples. */
  identities?: IdentityGenerator;
  /** Enables POST /_harness/provider-states (Pact verification). */
  providerStates: boolean;
  /** Codes minted by the auth dialog, spent by the token endpoint. */
  codes: AuthCodeStore;
}

export interface Exchange {
  req: IncomingMessage;
  url: URL;
  body: Buffer;
  traceId: string;
  engine: PrismEngine;
  settings: MockSettings;
  /** Values from this request that must never reach the log (secrets, tokens, codes). */
  secrets: string[];
  /** The scenario, once known, for the request log. */
  scenario?: string;
}

export interface Outcome {
  answer: PrismAnswer;
  headers?: Record<string, string>;
  fault?: FaultName;
}

/** An answer the scenario table names, which startup has already checked exists. */
export async function named(exchange: Exchange, operationId: OperationId, choice: AnswerChoice): Promise<PrismAnswer> {
  const result: EngineResult = await exchange.engine.answer(operationId, choice);
  if (!result.ok) throw new Error(`Prism has no answer for ${operationId} ${JSON.stringify(choice)}: ${result.reason}`);
  return result.answer;
}

/** The same answer with a different body (minted tokens, generated identity, a precise error message). */
export function withBody(answer: PrismAnswer, body: unknown): PrismAnswer {
  return { ...answer, body };
}
