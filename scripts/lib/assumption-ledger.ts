// The assumption ledger: every `x-assumption` of the spec with the fact it qualifies, named the way a reader
// meets it ("GET /signup-plus/accounts · 200 · address.country_code"), for docs/truelayer-facts.md and the smoke run.
import { resolveLocal, specOperationEntries, type JsonObject } from './spec-document.ts';

export type AssumptionStatus = 'sourced' | 'unconfirmed' | 'invention';

export interface AssumptionEntry {
  id: string;
  assumes: string;
  /** A public https URL, or exactly `none found`. */
  source: string;
  status: AssumptionStatus;
  /** Where it lives, in the project's words: operation · statuses · field, header or parameter. */
  fact: string;
  /** Where the note sits in the spec, as a dotted path (`components.schemas.Address.properties.country_code`). */
  specPath: string;
}

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A place where a spec node is used: one operation, one part of it (statuses or request), one field or header. */
interface Usage {
  operation: string;
  part: string;
  what: string;
}

/**
 * For every spec node (by dotted path) reachable from an operation, where it is used. Component refs are
 * followed, so a property of a shared schema is found under each answer that carries it.
 */
function usagesByNode(spec: JsonObject): Map<string, Usage[]> {
  const usages = new Map<string, Usage[]>();
  const add = (node: string, usage: Usage) => {
    const list = usages.get(node) ?? [];
    if (!list.some((u) => u.operation === usage.operation && u.part === usage.part && u.what === usage.what)) list.push(usage);
    usages.set(node, list);
  };
  /** Walks a schema (following local refs) and records each node with the body field it describes. */
  const walkSchema = (raw: unknown, at: string, field: string, usage: Omit<Usage, 'what'>, seen: Set<string>): void => {
    const ref = isObject(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
    if (ref && !ref.startsWith('#/')) return;
    const node = ref ? refPath(ref) : at;
    // A `$ref` with siblings (an x-assumption beside it) is a node of its own, as well as the component it names.
    add(at, { ...usage, what: field || 'body' });
    if (ref) {
      add(node, { ...usage, what: field || 'body' });
      if (seen.has(node)) return;
      seen = new Set(seen).add(node);
    }
    const schema = resolveLocal(spec, raw);
    if (!isObject(schema)) return;
    for (const [name, child] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
      walkSchema(child, `${node}.properties.${name}`, field ? `${field}.${name}` : name, usage, seen);
    }
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches)) branches.forEach((branch, i) => walkSchema(branch, `${node}.${key}.${i}`, field, usage, seen));
    }
    if (schema.items !== undefined) walkSchema(schema.items, `${node}.items`, `${field}[]`, usage, seen);
    if (isObject(schema.additionalProperties)) walkSchema(schema.additionalProperties, `${node}.additionalProperties`, `${field}.*`, usage, seen);
  };

  for (const { path, method, operation } of specOperationEntries(spec)) {
    const name = `${method.toUpperCase()} ${path}`;
    const opPath = `paths.${path}.${method}`;
    add(opPath, { operation: name, part: '', what: '' });
    (Array.isArray(operation.parameters) ? operation.parameters : []).forEach((raw, i) => {
      const parameter = resolveLocal(spec, raw) as JsonObject;
      add(isObject(raw) && typeof raw.$ref === 'string' ? refPath(raw.$ref) : `${opPath}.parameters.${i}`, { operation: name, part: '', what: `${parameter.in} ${parameter.name}` });
    });
    const body = resolveLocal(spec, operation.requestBody) as JsonObject | undefined;
    for (const [type, media] of Object.entries(isObject(body?.content) ? body.content : {})) {
      walkSchema((media as JsonObject).schema, `${opPath}.requestBody.content.${type}.schema`, '', { operation: name, part: 'request' }, new Set());
    }
    for (const [status, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
      const responsePath = isObject(raw) && typeof raw.$ref === 'string' ? refPath(raw.$ref) : `${opPath}.responses.${status}`;
      const response = resolveLocal(spec, raw) as JsonObject;
      add(responsePath, { operation: name, part: status, what: '' });
      for (const [header, rawHeader] of Object.entries(isObject(response.headers) ? response.headers : {})) {
        const headerPath = isObject(rawHeader) && typeof rawHeader.$ref === 'string' ? refPath(rawHeader.$ref) : `${responsePath}.headers.${header}`;
        add(headerPath, { operation: name, part: status, what: `header ${header}` });
      }
      for (const [type, media] of Object.entries(isObject(response.content) ? response.content : {})) {
        add(`${responsePath}.content.${type}`, { operation: name, part: status, what: type });
        walkSchema((media as JsonObject).schema, `${responsePath}.content.${type}.schema`, '', { operation: name, part: status }, new Set());
      }
    }
  }
  return usages;
}

/** `#/components/schemas/Address` → `components.schemas.Address` (JSON pointer escapes undone). */
function refPath(ref: string): string {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/**
 * "POST /connect/token · 400, 401 · error": usages grouped by operation and field with their statuses joined,
 * then fields that share an operation and statuses joined.
 */
function describeUsages(usages: Usage[]): string {
  const byField = new Map<string, { operation: string; what: string; parts: string[] }>();
  for (const usage of usages) {
    const key = `${usage.operation}\u0000${usage.what}`;
    const group = byField.get(key) ?? { operation: usage.operation, what: usage.what, parts: [] };
    if (usage.part && !group.parts.includes(usage.part)) group.parts.push(usage.part);
    byField.set(key, group);
  }
  const byStatuses = new Map<string, { head: string; whats: string[] }>();
  for (const { operation, what, parts } of byField.values()) {
    const head = [operation, parts.join(', ')].filter(Boolean).join(' · ');
    const group = byStatuses.get(head) ?? { head, whats: [] };
    if (what) group.whats.push(what);
    byStatuses.set(head, group);
  }
  return [...byStatuses.values()].map((g) => [g.head, g.whats.join(', ')].filter(Boolean).join(' · ')).join('; ');
}

/** Every spec node of the document that is an `x-assumption`, with the dotted path of its owner. */
function* assumptionNodes(node: unknown, path: string[]): Generator<[unknown, string[]]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* assumptionNodes(item, [...path, String(i)]);
  } else if (isObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key === 'x-assumption') yield [child, path];
      else yield* assumptionNodes(child, [...path, key]);
    }
  }
}

/**
 * The ledger in document order. Throws on an entry that is not a ledger object: Spectral's
 * signup-assumption-ledger rule says why, in detail; this only refuses to publish a broken ledger.
 */
export function collectAssumptions(spec: JsonObject): AssumptionEntry[] {
  const usages = usagesByNode(spec);
  const entries: AssumptionEntry[] = [];
  for (const [note, owner] of assumptionNodes(spec, [])) {
    const specPath = owner.join('.');
    if (!isObject(note) || typeof note.id !== 'string' || typeof note.assumes !== 'string' || typeof note.source !== 'string' || typeof note.status !== 'string') {
      throw new Error(`spec: the x-assumption at ${specPath} is not a ledger entry (id, assumes, source, status); run \`npm run lint:spec\` for details`);
    }
    const used = usages.get(specPath);
    entries.push({
      id: note.id,
      assumes: note.assumes.trim(),
      source: note.source,
      status: note.status as AssumptionStatus,
      fact: used?.length ? describeUsages(used) : fallbackFact(owner),
      specPath,
    });
  }
  return entries;
}

/** For a note on a node no operation uses: the component's kind and name. */
function fallbackFact(owner: string[]): string {
  if (owner[0] === 'components' && owner.length >= 3) {
    const rest = owner.slice(3).filter((key) => key !== 'properties');
    return [`${owner[1]?.replace(/s$/, '')} ${owner[2]}`, rest.join('.')].filter(Boolean).join(' · ');
  }
  return owner.join(' · ') || 'the whole API';
}
