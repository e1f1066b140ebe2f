// `npm run generate` writes the files derived from the spec into src/generated/ and docs/truelayer-facts.md;
// `npm run generate -- --check` writes nothing and exits 1 when the committed files are stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadSpec, resolveLocal, specOperationEntries, type JsonObject } from './lib/spec-document.ts';
import { GENERATED_DIR, ROOT_DIR, SPEC_PATH, SPEC_RELATIVE_PATH } from './lib/project-paths.ts';
import { collectAssumptions, type AssumptionEntry } from './lib/assumption-ledger.ts';
import { renderFactsPage } from './lib/facts-page.ts';
import { OBSERVERS } from './smoke/assumption-observers.ts';

const BANNER = `// Do not edit: generated from ${SPEC_RELATIVE_PATH} by \`npm run generate\`.\n`;

/** Every generated file, by absolute path, as it should be on disk. */
export async function renderGeneratedFiles(): Promise<Map<string, string>> {
  const types = astToString(await openapiTS(new URL(`file://${SPEC_PATH}`)));
  const spec = await loadSpec();
  const ledger = collectAssumptions(spec);
  return new Map([
    [join(GENERATED_DIR, 'signup-plus.ts'), `${BANNER}\n${types}`],
    [join(GENERATED_DIR, 'spec-schemas.ts'), renderSchemaModule(spec)],
    [join(GENERATED_DIR, 'assumption-ledger.ts'), renderLedgerModule(ledger)],
    [FACTS_PAGE, renderFactsPage(ledger, { banner: MARKDOWN_BANNER, observed: observedIds(ledger) })],
  ]);
}

const FACTS_PAGE = join(ROOT_DIR, 'docs', 'truelayer-facts.md');
const MARKDOWN_BANNER = `<!-- Do not edit: generated from ${SPEC_RELATIVE_PATH} by \`npm run generate\`. -->`;

/** The ids the smoke run observes, and how; an observer of an id the spec does not have is a mistake to fix now. */
function observedIds(ledger: AssumptionEntry[]): Map<string, string> {
  const known = new Set(ledger.map((entry) => entry.id));
  const unknown = OBSERVERS.map((observer) => observer.id).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`scripts/smoke/assumption-observers.ts observes ${unknown.join(', ')}, which the spec has no x-assumption for; use the spec's ids`);
  }
  return new Map(OBSERVERS.map((observer) => [observer.id, observer.probeOnly ? 'with `--probe-errors`' : 'yes']));
}

/** The ledger as data for the smoke run, which reports a verdict for every entry. */
function renderLedgerModule(ledger: AssumptionEntry[]): string {
  return (
    `${BANNER}// Every x-assumption of the spec with the fact it qualifies, for the smoke run's verdicts.\n\n` +
    `export interface LedgerEntry {\n  id: string;\n  assumes: string;\n  source: string;\n  status: 'sourced' | 'unconfirmed' | 'invention';\n  fact: string;\n  specPath: string;\n}\n\n` +
    `export const assumptionLedger: readonly LedgerEntry[] = ${JSON.stringify(ledger, null, 2)};\n`
  );
}

/**
 * The spec's schemas as data for Ajv in the client: every component schema, and for each operation the
 * schema and the documented headers (required or not, with their schemas) of each documented response. Internal refs point into this one
 * document.
 */
function renderSchemaModule(spec: JsonObject): string {
  const components = spec.components as JsonObject;
  const operations: JsonObject = {};
  for (const { path, method, operation } of specOperationEntries(spec)) {
    const responses: JsonObject = {};
    for (const [status, raw] of Object.entries(operation.responses as JsonObject)) {
      const response = resolveLocal(spec, raw) as JsonObject;
      const content = Object.fromEntries(
        Object.entries((response.content ?? {}) as JsonObject).map(([type, media]) => [type, (media as JsonObject).schema]),
      );
      const documented = Object.entries((response.headers ?? {}) as JsonObject).map(([name, raw]) => [name, resolveLocal(spec, raw) as JsonObject] as const);
      // Every documented header by lower-cased name (HTTP names are case-insensitive), with the spec's spelling
      // for messages, whether it is required, and its schema, when it has one, for the client's header check.
      const headers = Object.fromEntries(
        documented.map(([name, header]) => [
          name.toLowerCase(),
          { name, required: header.required === true, ...(header.schema !== undefined ? { schema: header.schema } : {}) },
        ]),
      );
      responses[status] = { content, headers };
    }
    operations[operation.operationId as string] = { method: method.toUpperCase(), path, responses };
  }
  const document = { $id: 'urn:signup-plus:spec-schemas', components: { schemas: components.schemas }, operations };
  return (
    `${BANNER}// The spec's schemas as one JSON Schema document (draft 2020-12) for response validation.\n\n` +
    `export const specSchemas = ${JSON.stringify(document, null, 2)} as const;\n`
  );
}

/** The generated files whose committed content differs from a fresh generation. */
export async function staleGeneratedFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, content] of await renderGeneratedFiles()) {
    const onDisk = await readFile(path, 'utf8').catch(() => undefined);
    if (onDisk !== content) stale.push(relative(ROOT_DIR, path));
  }
  return stale;
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const stale = await staleGeneratedFiles();
    if (stale.length > 0) {
      console.error(`generate: stale generated files: ${stale.join(', ')}. Run \`npm run generate\` and commit the result.`);
      process.exit(1);
    }
    console.log('generate: src/generated/ and docs/truelayer-facts.md are up to date with the spec.');
    return;
  }
  const files = await renderGeneratedFiles();
  for (const [path, content] of files) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  console.log(`generate: wrote ${[...files.keys()].map((p) => relative(ROOT_DIR, p)).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
