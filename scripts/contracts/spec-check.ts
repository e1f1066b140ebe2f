// Step 2: every pact interaction checked against the OpenAPI description with PactFlow's
// openapi-pact-comparator, which reads form-urlencoded bodies too. A pact that sends a field the spec does not
// have, or expects a response field or status the spec does not document, fails here.
import * as comparatorModule from '@pactflow/openapi-pact-comparator';
import { loadSpec } from '../lib/spec-document.ts';
import type { JsonObject } from '../lib/spec-document.ts';
import { readPactFiles } from './pact-files.ts';
import type { PactFile, PactInteraction } from './pact-files.ts';

// The package's published types do not resolve under NodeNext (extensionless `export *`), so the part we use
// is typed here from its dist/src/results and compare declarations.
interface Result {
  code: string;
  message: string;
  type: 'error' | 'warning';
  mockDetails?: { location: string; interactionDescription?: string | null };
  specDetails?: { location: string };
}
interface ComparatorInstance {
  compare(pact: unknown): AsyncGenerator<Result>;
}
const { Comparator } = comparatorModule as unknown as { Comparator: new (oas: unknown) => ComparatorInstance };

/**
 * Comparator warnings that we treat as errors: a query parameter the spec does not name is a field the spec
 * does not have, exactly like an extra form field, and a body the comparator could not check proves nothing.
 */
const PROMOTED_WARNINGS = new Set<string>(['request.query.unknown', 'request.body.unknown', 'response.status.default']);

/**
 * The comparator checks a request only when its interaction's response is below 400, since a pact for a 400
 * may send a bad request on purpose. Ours send well-formed requests that fail for other reasons (an expired
 * code, a wrong secret, a revoked token), so their requests are checked as well: the same request, as if it had
 * succeeded, keeping only the request findings. An interaction that sends a malformed request on purpose goes
 * here, by description.
 */
export const REQUESTS_INVALID_ON_PURPOSE: readonly string[] = [];

export interface SpecFinding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** Where in the pact and where in the spec, as the comparator names them. */
  pactLocation?: string;
  specLocation?: string;
}

export interface InteractionSpecResult {
  file: string;
  provider: string;
  index: number;
  interaction: PactInteraction;
  findings: SpecFinding[];
  ok: boolean;
}

export interface SpecCheckResult {
  ok: boolean;
  interactions: InteractionSpecResult[];
  /** Findings that name no single interaction (an unreadable pact, say). */
  general: Array<{ file: string } & SpecFinding>;
}

export interface SpecCheckOptions {
  /** The pacts to check, already read; or */
  pacts?: readonly PactFile[];
  /** the folder whose `*.json` pacts to check. */
  pactDir?: string;
  /** Defaults to the project's spec; the breakage tests pass a broken copy. */
  specPath?: string;
  spec?: JsonObject;
  /**
   * Interactions whose request may break the spec on purpose, so only their answer is checked. Default: those
   * listed in REQUESTS_INVALID_ON_PURPOSE. `verify` passes every interaction answered 400 (a team's pact may
   * send a malformed account_id on purpose).
   */
  requestInvalidOnPurpose?: (interaction: PactInteraction) => boolean;
}

export async function runSpecCheck(options: SpecCheckOptions): Promise<SpecCheckResult> {
  // The comparator does not follow the spec's external example refs, so it gets the spec with them inlined.
  const spec = options.spec ?? (await loadSpec(options.specPath));
  const comparator = new Comparator(spec);
  const result: SpecCheckResult = { ok: true, interactions: [], general: [] };
  const invalidOnPurpose = options.requestInvalidOnPurpose ?? ((interaction: PactInteraction) => REQUESTS_INVALID_ON_PURPOSE.includes(interaction.description));
  const pacts = options.pacts ?? (options.pactDir !== undefined ? await readPactFiles(options.pactDir) : []);
  for (const { file, pact } of pacts) {
    const perInteraction = pact.interactions.map(
      (interaction, index): InteractionSpecResult => ({ file, provider: pact.provider.name, index, interaction, findings: [], ok: true }),
    );
    try {
      for await (const raw of comparator.compare(pact)) {
        const finding = toFinding(raw);
        const index = interactionIndex(raw);
        const target = index === undefined ? undefined : perInteraction[index];
        if (target) target.findings.push(finding);
        else result.general.push({ file, ...finding });
      }
      const errorAnswered = pact.interactions
        .map((interaction, index) => ({ interaction, index }))
        .filter(({ interaction }) => interaction.response.status >= 400 && !invalidOnPurpose(interaction));
      const asIfSucceeded = {
        ...pact,
        interactions: errorAnswered.map(({ interaction }) => ({ ...interaction, response: { status: 200 } })),
      };
      for await (const raw of comparator.compare(asIfSucceeded)) {
        if (!raw.code.startsWith('request.')) continue;
        const shadowIndex = interactionIndex(raw);
        const original = shadowIndex === undefined ? undefined : errorAnswered[shadowIndex];
        const finding = toFinding(raw);
        if (finding.pactLocation && original) finding.pactLocation = finding.pactLocation.replace(/^\[root\]\.interactions\[\d+\]/, `[root].interactions[${original.index}]`);
        if (original) perInteraction[original.index]?.findings.push(finding);
        else result.general.push({ file, ...finding });
      }
    } catch (error) {
      result.general.push({ file, severity: 'error', code: 'pact.unreadable', message: (error as Error).message });
    }
    for (const entry of perInteraction) entry.ok = !entry.findings.some((f) => f.severity === 'error');
    result.interactions.push(...perInteraction);
  }
  result.ok = result.interactions.every((i) => i.ok) && !result.general.some((f) => f.severity === 'error');
  return result;
}

function toFinding(raw: Result): SpecFinding {
  const severity = raw.type === 'error' || PROMOTED_WARNINGS.has(raw.code) ? 'error' : 'warning';
  const finding: SpecFinding = { severity, code: raw.code, message: raw.message };
  if (raw.mockDetails?.location) finding.pactLocation = raw.mockDetails.location;
  if (raw.specDetails?.location) finding.specLocation = raw.specDetails.location;
  return finding;
}

function interactionIndex(raw: Result): number | undefined {
  const match = /^\[root\]\.interactions\[(\d+)\]/.exec(raw.mockDetails?.location ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Human-readable lines for every error (and, with `warnings`, every warning). */
export function describeSpecCheck(result: SpecCheckResult, { warnings = false } = {}): string[] {
  const lines: string[] = [];
  const show = (f: SpecFinding): boolean => f.severity === 'error' || warnings;
  for (const entry of result.interactions) {
    for (const f of entry.findings.filter(show)) {
      lines.push(
        `${f.severity === 'error' ? 'ERROR' : 'warning'} ${entry.provider}: "${entry.interaction.description}": ${f.message} [${f.code}]` +
          (f.pactLocation ? `\n    pact: ${f.pactLocation}` : '') +
          (f.specLocation ? `\n    spec: ${f.specLocation}` : ''),
      );
    }
  }
  for (const f of result.general.filter(show)) lines.push(`${f.severity === 'error' ? 'ERROR' : 'warning'} ${f.file}: ${f.message} [${f.code}]`);
  return lines;
}
