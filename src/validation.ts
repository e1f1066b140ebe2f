// Response validation against the spec's own schemas (src/generated/spec-schemas.ts), with Ajv 2020 + formats
// compiled once, lazily, per response schema. No hand-written checks: every finding comes from Ajv and is turned
// into a ValidationIssue with a JSON pointer. Extra fields (additionalProperties) are warnings, never errors.
// Documented response headers are checked the same way (presence of required ones, then each header's schema),
// with pointers under `/headers/<lower-cased name>`.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { specSchemas } from './generated/spec-schemas.ts';
import type { ValidationIssue } from './errors.ts';

export type { ValidationIssue } from './errors.ts';
export type OperationId = keyof typeof specSchemas.operations;

const SPEC_ID = specSchemas.$id;
type ResponseSpec = { content: Record<string, unknown>; headers: Record<string, { name: string; required: boolean; schema?: unknown }> };

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** OpenAPI annotations and the document's own top-level keys: known to Ajv so strict mode accepts them. */
function annotationKeywords(): string[] {
  const found = new Set<string>(['components', 'operations', 'discriminator', 'example', 'xml', 'externalDocs']);
  // Arrays too: their entries' keys are indexes, never `x-`.
  const walk = (node: unknown): void => {
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.add(key);
        walk(value);
      }
    }
  };
  walk(specSchemas);
  return [...found];
}

function getAjv(): Ajv2020 {
  if (!ajv) {
    // allErrors: report every problem at once. strict: unknown keywords refused, and a number that is not finite
    // (a header's `1e999`) is no number. The spec's only union types are `[type, "null"]`, which strict mode allows.
    ajv = new Ajv2020({ strict: true, allErrors: true });
    const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (a: Ajv2020) => void;
    addFormats(ajv);
    ajv.addVocabulary(annotationKeywords());
    ajv.addSchema(specSchemas as unknown as Record<string, unknown>);
  }
  return ajv;
}

function validatorFor(componentName: string): ValidateFunction {
  let validate = validators.get(componentName);
  if (!validate) {
    validate = getAjv().compile({ $ref: `${SPEC_ID}#/components/schemas/${componentName}` });
    validators.set(componentName, validate);
  }
  return validate;
}

/** Compile every response schema now (e.g. before a benchmark); otherwise each compiles on first use. */
export function precompileValidators(): void {
  for (const [id, op] of Object.entries(specSchemas.operations) as Array<[OperationId, { responses: Record<string, ResponseSpec> }]>) {
    for (const [status, response] of Object.entries(op.responses)) {
      for (const schema of Object.values(response.content)) for (const name of componentNames(schema)) validatorFor(name);
      headerPlanFor(id, Number(status));
    }
  }
}

function componentNames(schema: unknown): string[] {
  const s = schema as { $ref?: string; oneOf?: Array<{ $ref?: string }> };
  const refs = s.$ref ? [s.$ref] : (s.oneOf ?? []).map((b) => b.$ref ?? '');
  return refs.map((ref) => ref.replace('#/components/schemas/', '')).filter(Boolean);
}

/** Media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === 'application/json' || contentType === 'application/problem+json') return contentType;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

interface ResponsePlan {
  mediaTypes: string[];
  /** One component, or two for the accounts 200 `oneOf` (Identity, MultipleAccountsLinked). */
  components: string[];
}

const statusCache = new Map<OperationId, ReadonlySet<number>>();
let plans: Record<OperationId, Map<number, ResponsePlan>> | undefined;

/** What the spec says about one (operation, status), worked out once for all of them. */
function planFor(operationId: OperationId, status: number): ResponsePlan | undefined {
  if (!plans) {
    const built = {} as Record<OperationId, Map<number, ResponsePlan>>;
    for (const [id, op] of Object.entries(specSchemas.operations) as Array<[OperationId, { responses: Record<string, ResponseSpec> }]>) {
      built[id] = new Map(
        Object.entries(op.responses).map(([code, response]) => [
          Number(code),
          { mediaTypes: Object.keys(response.content), components: componentNames(Object.values(response.content)[0]) },
        ]),
      );
    }
    plans = built;
  }
  return plans[operationId].get(status);
}

/** The documented statuses of an operation. */
export function documentedStatuses(operationId: OperationId): ReadonlySet<number> {
  let statuses = statusCache.get(operationId);
  if (!statuses) {
    statuses = new Set(Object.keys(specSchemas.operations[operationId].responses).map(Number));
    statusCache.set(operationId, statuses);
  }
  return statuses;
}

/**
 * Which component a body is validated against. For the accounts 200 `oneOf`, the branch is picked by the
 * presence of `result` (as the spec says), so pointers name the real problem instead of "matches no branch".
 */
function responseComponent(plan: ResponsePlan, body: unknown): string | undefined {
  const names = plan.components;
  if (names.length <= 1) return names[0];
  // A JSON array has no `result` key, so `in` tells the list from everything else that is an object.
  const isList = body !== null && typeof body === 'object' && 'result' in body;
  return isList ? 'MultipleAccountsLinked' : 'Identity';
}

/**
 * Every finding about one response: undocumented status, wrong media type, missing or unparseable body
 * (`body === undefined`), then each schema finding. Severity `warning` only for extra fields.
 */
export function validateResponse(operationId: OperationId, status: number, contentType: string | undefined, body: unknown): ValidationIssue[] {
  const plan = planFor(operationId, status);
  if (!plan) {
    return [{
      pointer: '',
      severity: 'error',
      keyword: 'status',
      message: `HTTP ${status} is not a documented answer of ${operationId}`,
      expected: [...documentedStatuses(operationId)].join('|'),
      actual: String(status),
    }];
  }
  const issues: ValidationIssue[] = [];
  const actualType = mediaType(contentType);
  if (!actualType || !plan.mediaTypes.includes(actualType)) {
    issues.push({
      pointer: '',
      severity: 'error',
      keyword: 'contentType',
      message: `content type must be ${plan.mediaTypes.join(' or ')}`,
      expected: plan.mediaTypes.join('|'),
      actual: actualType ?? 'none',
    });
  }
  if (body === undefined) {
    issues.push({ pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: actualType ?? 'none' });
    return issues;
  }
  const component = responseComponent(plan, body);
  if (component) {
    const validate = validatorFor(component);
    if (!validate(body)) issues.push(...toIssues(validate.errors ?? [], body));
  }
  return issues;
}

/** Response headers as undici and node:http give them: lower-cased names, repeated headers as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

interface HeaderPlan {
  /** Lower-cased name, as in the pointer. */
  key: string;
  /** The spec's spelling, for messages. */
  name: string;
  required: boolean;
  schema?: { type?: unknown };
  validate?: ValidateFunction;
}

const headerPlans = new Map<string, HeaderPlan[]>();

function headerPlanFor(operationId: OperationId, status: number): HeaderPlan[] | undefined {
  const id = `${operationId} ${status}`;
  let plan = headerPlans.get(id);
  if (!plan) {
    const responses = specSchemas.operations[operationId].responses as Record<string, ResponseSpec>;
    const response = responses[String(status)];
    if (!response) return undefined;
    plan = Object.entries(response.headers).map(([key, header]) => {
      const entry: HeaderPlan = { key, name: header.name, required: header.required };
      if (header.schema !== undefined) {
        entry.schema = header.schema as NonNullable<HeaderPlan['schema']>;
        // Compiled by reference into the one document, so a header schema may use the components' $refs too.
        const at = ['operations', operationId, 'responses', String(status), 'headers', key, 'schema'].map(escapePointer).join('/');
        entry.validate = getAjv().compile({ $ref: `${SPEC_ID}#/${at}` });
      }
      return entry;
    });
    headerPlans.set(id, plan);
  }
  return plan;
}

/**
 * Findings about the documented headers of one response: a required header that is missing, or a header whose
 * value fails its schema (pointer `/headers/<name>`, severity `error`). Undocumented statuses and undocumented
 * headers give none (the status is validateResponse's finding). `actual` names a type, never the value.
 */
export function validateHeaders(operationId: OperationId, status: number, headers: ResponseHeaders): ValidationIssue[] {
  const plan = headerPlanFor(operationId, status);
  if (!plan) return [];
  let issues: ValidationIssue[] | undefined;
  for (const header of plan) {
    const raw = headerText(headers, header.key);
    const pointer = `/headers/${escapePointer(header.key)}`;
    if (raw === undefined) {
      if (header.required) {
        (issues ??= []).push({ pointer, severity: 'error', keyword: 'required', message: `response header ${header.name} is required but missing`, expected: 'present', actual: 'missing' });
      }
      continue;
    }
    if (!header.validate) continue;
    const value = decodeHeader(raw, header.schema);
    if (header.validate(value)) continue;
    for (const issue of toIssues(header.validate.errors ?? [], value)) {
      // A header is never a mere extra field: any schema finding about it is drift.
      (issues ??= []).push({ ...issue, pointer: `${pointer}${issue.pointer}`, severity: 'error', message: `response header ${header.name} ${issue.message}` });
    }
  }
  return issues ?? [];
}

function headerText(headers: ResponseHeaders, key: string): string | undefined {
  let value = headers[key];
  if (value === undefined) {
    // Names from undici and node:http are lower-cased already; anything else is looked up case-insensitively.
    for (const [name, v] of Object.entries(headers)) if (name.toLowerCase() === key) value = v;
  }
  if (value === undefined) return undefined;
  // RFC 9110 §5.3: a repeated field is the comma-joined list of its values.
  return typeof value === 'string' ? value : value.join(', ');
}

/**
 * A header's text as the value its schema describes, per OpenAPI's `simple` style: a number for an integer or
 * number schema (the spec's only non-string header types). Text that does not parse stays text, so the schema
 * check reports it as the wrong type.
 */
function decodeHeader(raw: string, schema: HeaderPlan['schema']): unknown {
  const types = ([] as unknown[]).concat(schema?.type ?? []);
  const text = raw.trim();
  if ((types.includes('integer') || types.includes('number')) && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)) return Number(text);
  return raw;
}

function toIssues(errors: ErrorObject[], body: unknown): ValidationIssue[] {
  // A failed `oneOf` reports each branch plus itself. Keep the branch errors that say what is wrong
  // (e.g. the pattern, or a field inside a nullable object), fold the `null` branch into `expected`, and drop the
  // summary. A summary or `null` branch with nothing more precise at or below it is kept.
  const below = (path: string, e: ErrorObject) => e.instancePath === path || e.instancePath.startsWith(`${path}/`);
  const isCombiner = (e: ErrorObject) => e.keyword === 'oneOf' || e.keyword === 'anyOf';
  const isNullBranch = (e: ErrorObject) => e.keyword === 'type' && e.params.type === 'null';
  const folded = (e: ErrorObject) => isCombiner(e) || isNullBranch(e);
  const kept = errors.filter((e) => !folded(e) || !errors.some((o) => !folded(o) && below(e.instancePath, o)));
  const nullable = new Set(errors.filter(isNullBranch).map((e) => e.instancePath));
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const e of kept) {
    const issue = toIssue(e, body, nullable.has(e.instancePath));
    const key = `${issue.pointer}\u0000${issue.keyword}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function toIssue(e: ErrorObject, body: unknown, nullable: boolean): ValidationIssue {
  const params = e.params as Record<string, unknown>;
  const at = (pointer: string) => jsonType(valueAt(body, pointer));
  // Ajv words every error (its `messages` option is on); the fallback only keeps the type honest.
  const message = e.message ?? `fails ${e.keyword}`;
  switch (e.keyword) {
    case 'required': {
      const pointer = `${e.instancePath}/${escapePointer(String(params.missingProperty))}`;
      return { pointer, severity: 'error', keyword: 'required', message: 'is required but missing', expected: 'present', actual: 'missing' };
    }
    case 'additionalProperties': {
      const pointer = `${e.instancePath}/${escapePointer(String(params.additionalProperty))}`;
      return { pointer, severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: at(pointer) };
    }
    case 'type': {
      const types = ([] as unknown[]).concat(params.type).map(String);
      if (nullable && !types.includes('null')) types.push('null');
      return { pointer: e.instancePath, severity: 'error', keyword: 'type', message: `must be ${types.join(' or ')}`, expected: types.join('|'), actual: at(e.instancePath) };
    }
    case 'format':
      return { pointer: e.instancePath, severity: 'error', keyword: 'format', message, expected: String(params.format), actual: at(e.instancePath) };
    case 'pattern':
      return { pointer: e.instancePath, severity: 'error', keyword: 'pattern', message, expected: String(params.pattern), actual: at(e.instancePath) };
    case 'const':
      return { pointer: e.instancePath, severity: 'error', keyword: 'const', message, expected: JSON.stringify(params.allowedValue), actual: at(e.instancePath) };
    default:
      return { pointer: e.instancePath, severity: 'error', keyword: e.keyword, message, actual: at(e.instancePath) };
  }
}

/** One JSON pointer reference token (RFC 6901 §4). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === '') return body;
  let node: unknown = body;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** The JSON type name of a value ('integer' for whole numbers, 'missing' for none), never the value itself. */
export function jsonType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
