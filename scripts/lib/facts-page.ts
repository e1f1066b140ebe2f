// Renders docs/truelayer-facts.md, the one table of everything the spec assumes about TrueLayer, from the ledger
// (scripts/lib/assumption-ledger.ts); `npm run generate` writes it and `--check` fails when it is stale.
import type { AssumptionEntry, AssumptionStatus } from './assumption-ledger.ts';

const STATUS_MEANING: Record<AssumptionStatus, string> = {
  sourced: 'a public TrueLayer source says so; not yet seen in a live answer',
  unconfirmed: 'our inference; the source, when there is one, is what it was inferred from',
  invention: "the harness's own choice where TrueLayer says nothing; expect to change it",
};

/** Text safe inside a markdown table cell. */
const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** `https://docs.truelayer.com/docs/signup-errors` → `[docs.truelayer.com/docs/signup-errors](…)`. */
function sourceLink(source: string): string {
  if (source === 'none found') return 'none found';
  const url = new URL(source);
  const label = `${url.host}${url.pathname.replace(/\/$/, '')}${url.hash}`;
  return `[${cell(label).replace(/[[\]]/g, '\\$&')}](${source.replace(/[()\s]/g, encodeURIComponent)})`;
}

export interface FactsPageOptions {
  banner: string;
  /** Ids the smoke run has an observer for, with how it observes them (`yes`, `with --probe-errors`). */
  observed: ReadonlyMap<string, string>;
}

export function renderFactsPage(entries: readonly AssumptionEntry[], { banner, observed }: FactsPageOptions): string {
  const count = (status: AssumptionStatus) => entries.filter((e) => e.status === status).length;
  const checked = entries.filter((e) => observed.has(e.id)).length;
  const rows = entries.map((e) =>
    `| \`${e.id}\` | ${cell(e.fact)} | ${cell(e.assumes)} | ${sourceLink(e.source)} | ${e.status} | ${observed.get(e.id) ?? '—'} |`,
  );
  return [
    banner,
    '',
    '# TrueLayer facts: what the harness assumes',
    '',
    'The spec (`specs/signup-plus.openapi.yaml`) states each fact about TrueLayer from its public documentation,',
    'its own OpenAPI files or its official SDKs. Where none of them settles a fact, the spec still has to pick an',
    'answer (the mock must answer something); that choice carries an `x-assumption` note with a stable id, what we',
    'assume, the best public source (or "none found") and a status. This page lists every one of them.',
    '',
    `${entries.length} assumptions: ${count('sourced')} sourced, ${count('unconfirmed')} unconfirmed, ${count('invention')} invention;`,
    `the smoke run checks ${checked} of them against the live answers.`,
    '',
    'Status:',
    '',
    ...(['sourced', 'unconfirmed', 'invention'] as const).map((status) => `- **${status}**: ${STATUS_MEANING[status]}.`),
    '',
    'The "smoke" column says whether `npm run smoke` observes the assumption (some only with `--probe-errors`,',
    'which asks for an error on purpose). Each run reports every id as **confirmed**, **refuted** or',
    '**not exercised**; a refuted one is listed first, with what to change in the spec. See',
    '[smoke.md](smoke.md#assumption-verdicts).',
    '',
    '| id | fact | we assume | source | status | smoke |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
