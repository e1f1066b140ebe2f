// Prism's answers to every static choice the spec documents, computed by Prism itself when the package is built
// (`npm run build` writes dist/mocks/prism-answers.json) so that the compiled mock starts without loading Prism,
// which is most of its start-up time. The file carries a digest of the spec and its example files: after any edit
// it no longer matches and the mock asks Prism live. A choice the file lacks (--dynamic, an unusual Prefer)
// loads Prism on first use. From the sources (tsx, tests) there is no file next to this module: Prism answers live.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choiceKey, loadLivePrismEngine, type EngineResult, type LivePrismEngine, type PrismEngine } from './prism-engine.ts';

interface PrecomputedFile {
  digest: string;
  answers: Record<string, EngineResult>;
  querySchemas: Record<string, Record<string, Record<string, unknown>>>;
}

/** Where the build writes the answers: next to the compiled module. */
export const PRECOMPUTED_PATH = fileURLToPath(new URL('./prism-answers.json', import.meta.url));

/** sha256 of the spec and of every file in its examples folder (names and bytes), in a stable order. */
export function specDigest(specPath: string): string {
  const hash = createHash('sha256').update(readFileSync(specPath));
  const examplesDir = join(dirname(specPath), 'examples');
  const names = (() => {
    try {
      return readdirSync(examplesDir).sort();
    } catch {
      return [];
    }
  })();
  for (const name of names) hash.update(`\0${name}\0`).update(readFileSync(join(examplesDir, name)));
  return hash.digest('hex');
}

/** Asks Prism for every documented choice and writes the answers with the spec's digest (the build step). */
export async function writePrecomputedAnswers(specPath: string, outPath: string = PRECOMPUTED_PATH): Promise<number> {
  const live = await loadLivePrismEngine(specPath);
  const answers: Record<string, EngineResult> = {};
  for (const { operationId, choice } of live.documentedChoices()) answers[choiceKey(operationId, choice)] = await live.answer(operationId, choice);
  const file: PrecomputedFile = { digest: specDigest(specPath), answers, querySchemas: live.querySchemas() };
  writeFileSync(outPath, `${JSON.stringify(file)}\n`);
  return Object.keys(answers).length;
}

function readPrecomputed(digest: string, answersPath: string): PrecomputedFile | undefined {
  let file: PrecomputedFile;
  try {
    file = JSON.parse(readFileSync(answersPath, 'utf8')) as PrecomputedFile;
  } catch {
    return undefined;
  }
  return file.digest === digest ? file : undefined;
}

/**
 * The live engine of each spec, with the digest it was read at. The mocks one process starts (a test suite's)
 * share Prism's reading of the spec and the answers it gave (~40 ms of CPU a mock); an edit to the spec or an
 * example changes the digest, and the next mock reads the files afresh.
 */
const liveEngines = new Map<string, { digest: string; engine: Promise<LivePrismEngine> }>();

function sharedLiveEngine(specPath: string, digest: string): Promise<LivePrismEngine> {
  const path = resolve(specPath);
  const known = liveEngines.get(path);
  if (known?.digest === digest) return known.engine;
  const engine = loadLivePrismEngine(path);
  liveEngines.set(path, { digest, engine });
  // A failure is not kept: its cause may lie outside the digest (a file the spec references by $ref, a busy
  // machine's EMFILE), and the next mock reads the spec again (at worst, after a newer read, twice).
  engine.catch(() => liveEngines.delete(path));
  return engine;
}

/**
 * Prism's answers for this spec: from the build's file when it matches the spec, Prism live otherwise. Tests name
 * another file (from the sources there is none next to this module).
 */
export async function loadPrismEngine(specPath: string, answersPath: string = PRECOMPUTED_PATH): Promise<PrismEngine> {
  const digest = specDigest(specPath);
  const file = readPrecomputed(digest, answersPath);
  if (!file) return sharedLiveEngine(specPath, digest);
  let live: Promise<PrismEngine> | undefined;
  const fromPrism = (): Promise<PrismEngine> => (live ??= sharedLiveEngine(specPath, digest));
  return {
    answer(operationId, choice) {
      const hit = choice.dynamic ? undefined : file.answers[choiceKey(operationId, choice)];
      return hit ? Promise.resolve(hit) : fromPrism().then((engine) => engine.answer(operationId, choice));
    },
    querySchema(operationId, name) {
      return file.querySchemas[operationId]?.[name];
    },
  };
}
