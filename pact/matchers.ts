// Pact's V3 matchers, loaded on first use: `@pact-foundation/pact` is an optional peer of the harness, so that
// importing `signup-plus-harness/pact` for the provider names and state sentences works without it, and a
// matcher call without it says what to install instead of failing at import.
import { createRequire } from 'node:module';

/** Pact's matcher object (the same shape as `Matcher<T>` in @pact-foundation/pact, declared here so that these
 * types do not need Pact installed). */
export interface Matcher<T> {
  'pact:matcher:type': string;
  'pact:generator:type'?: string;
  value?: T | Record<string, T>;
}

/** The part of Pact's `MatchersV3` this module uses. */
export interface PactMatchers {
  like<T>(template: T): Matcher<T>;
  eachLike<T>(template: T, min?: number): Matcher<T[]>;
  eachKeyLike<T>(keyTemplate: string, template: T): Matcher<T>;
  regex(pattern: string, example: string): Matcher<string>;
  integer(example?: number): Matcher<number>;
  decimal(example?: number): Matcher<number>;
  boolean(example?: boolean): Matcher<boolean>;
  nullValue(): Matcher<null>;
  fromProviderState<V>(expression: string, example: V): Matcher<V>;
}

export const PACT_PACKAGE = '@pact-foundation/pact';
/** The version the harness is tested with. */
export const PACT_VERSION = '16.5.0';

let loaded: PactMatchers | undefined;

export function pactMatchers(): PactMatchers {
  if (loaded) return loaded;
  let pact: { MatchersV3?: PactMatchers };
  try {
    pact = createRequire(import.meta.url)(PACT_PACKAGE) as { MatchersV3?: PactMatchers };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `signup-plus-harness/pact: the matchers need ${PACT_PACKAGE} (an optional peer dependency). Install it: npm i -D ${PACT_PACKAGE}@${PACT_VERSION}`,
    );
  }
  if (!pact.MatchersV3) throw new Error(`signup-plus-harness/pact: ${PACT_PACKAGE} has no MatchersV3; install ${PACT_PACKAGE}@${PACT_VERSION}.`);
  loaded = pact.MatchersV3;
  return loaded;
}
