// Prism's own engine (`@stoplight/prism-http`), in process: it reads the spec and its named examples and
// produces each answer (status, headers, body). The mock asks it for one (operation, status, example) at a time
// and keeps the answer, so a request costs a map lookup, not a Prism run; the mocks of one process share one
// engine until the spec or an example changes. The compiled mock first looks for Prism's answers computed at
// build time (both in mocks/precomputed-answers.ts).
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IHttpConfig, IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';

export type OperationId = 'requestToken' | 'getSignupPlusAccounts';

export interface PrismAnswer {
  status: number;
  /** Prism's response headers (from the spec's header objects), names as Prism spells them. */
  headers: Record<string, string>;
  body: unknown;
}

export interface AnswerChoice {
  status?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
}

export type EngineResult = { ok: true; answer: PrismAnswer } | { ok: false; reason: string };

export interface PrismEngine {
  /** The answer Prism gives for this choice; cached unless dynamic. */
  answer(operationId: OperationId, choice: AnswerChoice): Promise<EngineResult>;
  /** The JSON Schema of one query parameter, as the spec declares it. */
  querySchema(operationId: OperationId, name: string): Record<string, unknown> | undefined;
}

/** The engine straight from Prism, with what the build needs to precompute its answers. */
export interface LivePrismEngine extends PrismEngine {
  /** Every static choice the spec documents: each status of each operation, with and without each example. */
  documentedChoices(): Array<{ operationId: OperationId; choice: AnswerChoice }>;
  /** Every query parameter's schema, by operation and name. */
  querySchemas(): Record<string, Record<string, Record<string, unknown>>>;
}

/** The cache key of a static choice. */
export const choiceKey = (operationId: OperationId, choice: AnswerChoice): string => `${operationId} ${choice.status ?? ''} ${choice.example ?? ''}`;

export const OPERATION_IDS = ['requestToken', 'getSignupPlusAccounts'] as const satisfies readonly OperationId[];

/** A well-formed request per operation; the mock has checked the caller's request itself before asking. */
const PRISM_INPUT: Record<OperationId, IHttpRequest> = {
  requestToken: {
    method: 'post',
    url: { path: '/connect/token' },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  },
  getSignupPlusAccounts: {
    method: 'get',
    url: { path: '/signup-plus/accounts', query: {} },
    headers: { authorization: 'Bearer mock' },
  },
};

const require = createRequire(import.meta.url);

/**
 * Prism's schema faker imports `@faker-js/faker`, whose main entry builds a Faker with every locale: 1.1 s of
 * a 1.7 s import, for a default (English) instance that is the same as the English-only entry point. Serving
 * the English-only instance for that one module id keeps the mock's cold start under its 1.5 s target and
 * changes nothing Prism generates (Prism never switches locale).
 */
function preloadEnglishOnlyFaker(): void {
  try {
    const prismRequire = createRequire(require.resolve('@stoplight/prism-http'));
    const mainPath = prismRequire.resolve('@faker-js/faker');
    if (require.cache[mainPath]) return;
    const dir = dirname(mainPath);
    const english = prismRequire('@faker-js/faker/locale/en') as object;
    const fakerModule = new Module(mainPath);
    fakerModule.filename = mainPath;
    fakerModule.loaded = true;
    fakerModule.exports = {
      __esModule: true,
      default: english,
      faker: english,
      Faker: (require(join(dir, 'faker.js')) as { Faker: unknown }).Faker,
      FakerError: (require(join(dir, 'errors', 'faker-error.js')) as { FakerError: unknown }).FakerError,
      Gender: (require(join(dir, 'name.js')) as { Gender: unknown }).Gender,
    };
    require.cache[mainPath] = fakerModule;
  } catch {
    // A different faker layout only costs start-up time; Prism then loads the full package itself.
  }
}

export async function loadLivePrismEngine(specPath: string): Promise<LivePrismEngine> {
  preloadEnglishOnlyFaker();
  const [{ createInstance, getHttpOperationsFromSpec }, { createLogger }] = await Promise.all([
    import('@stoplight/prism-http'),
    import('@stoplight/prism-core'),
  ]);
  const operations: IHttpOperation[] = await getHttpOperationsFromSpec(specPath);
  const served = {} as Record<OperationId, IHttpOperation>;
  for (const id of OPERATION_IDS) {
    const operation = operations.find((candidate) => candidate.iid === id);
    if (!operation) throw new Error(`The spec has no operation ${id}.`);
    served[id] = operation;
  }
  // Prism's reader (@stoplight/http-spec) always builds the query list; `?? []` only satisfies its types.
  const schemas: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const operation of operations) {
    for (const parameter of operation.request?.query ?? []) {
      if (parameter.schema) (schemas[operation.iid ?? operation.id] ??= {})[parameter.name] = parameter.schema as Record<string, unknown>;
    }
  }
  // Prism logs every step; the mock writes its own (redacted) request log instead.
  const logger = createLogger('signup-plus-mock', { level: 'silent' });
  const baseConfig: IHttpConfig = {
    checkSecurity: false,
    validateRequest: false,
    validateResponse: false,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: false },
  };
  const prism = createInstance(baseConfig, { logger });
  const cache = new Map<string, Promise<EngineResult>>();

  const ask = async (operationId: OperationId, choice: AnswerChoice): Promise<EngineResult> => {
    const config: IHttpConfig = {
      ...baseConfig,
      mock: {
        dynamic: choice.dynamic ?? false,
        ...(choice.status !== undefined ? { code: choice.status } : {}),
        ...(choice.example !== undefined ? { exampleKey: choice.example } : {}),
        ...(choice.seed !== undefined ? { seed: choice.seed } : {}),
      },
    };
    const result = await prism.request(PRISM_INPUT[operationId], operations, config)();
    if (result._tag === 'Left') {
      // Prism's own wording (its error type URLs) never reaches a caller: the reason is ours.
      const what = [choice.status && `status ${choice.status}`, choice.example && `example "${choice.example}"`].filter(Boolean).join(' with ');
      return { ok: false, reason: `${operationId} documents no answer for ${what || 'this request'}.` };
    }
    const { output } = result.right;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(output.headers ?? {})) headers[name] = String(value);
    return { ok: true, answer: { status: output.statusCode, headers, body: output.body } };
  };

  return {
    documentedChoices() {
      const choices: Array<{ operationId: OperationId; choice: AnswerChoice }> = [];
      for (const operationId of OPERATION_IDS) {
        choices.push({ operationId, choice: {} });
        for (const response of served[operationId].responses) {
          const status = Number(response.code);
          if (!Number.isInteger(status)) continue;
          choices.push({ operationId, choice: { status } });
          const examples = new Set((response.contents ?? []).flatMap((content) => (content.examples ?? []).map((example) => example.key)));
          for (const example of examples) choices.push({ operationId, choice: { status, example } }, { operationId, choice: { example } });
        }
      }
      return choices;
    },
    querySchemas() {
      return schemas;
    },
    querySchema(operationId, name) {
      return schemas[operationId]?.[name];
    },
    answer(operationId, choice) {
      if (choice.dynamic) return ask(operationId, choice);
      const key = choiceKey(operationId, choice);
      let hit = cache.get(key);
      if (!hit) {
        hit = ask(operationId, choice);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}
