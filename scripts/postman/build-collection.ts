// Builds the Postman collection (format v2.1) from the spec: openapi-to-postmanv2 supplies each operation's
// description, request headers and saved-response templates; the plan (collection-plan.ts) supplies the
// folders, variables and scripts; the spec supplies every schema and expected value.
import { resolveLocal, type JsonObject } from '../lib/spec-document.ts';
import { SPEC_RELATIVE_PATH } from '../lib/project-paths.ts';
import { FLOW_VARIABLES, FOLDERS, PLAN, type RequestPlan } from './collection-plan.ts';
import type { ConvertedRequest } from './convert-spec.ts';
import { toSandboxSchema } from './sandbox-schema.ts';
import {
  SCRIPT_BANNER,
  pickAccountTest,
  responseTests,
  skipUnlessSet,
  storeTokensTest,
  type ResponseExpectation,
} from './sandbox-scripts.ts';
import { componentSchema, findOperation, specExample, specResponse, type OperationId, type SpecOperation } from './spec-facts.ts';
import { stableId } from './stable-id.ts';

export const COLLECTION_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
/** The environment variable that holds each operation's base URL. */
export const HOST_VARIABLE: Record<OperationId, 'auth_url' | 'api_url'> = {
  requestToken: 'auth_url',
  getSignupPlusAccounts: 'api_url',
};
const TRACE_ID_HEADER = 'Tl-Trace-Id';
const MULTIPLE_ACCOUNTS_RESULT = 'multiple_accounts_linked';

export function buildCollection(spec: JsonObject, converted: { collection: JsonObject; requests: ConvertedRequest[] }): JsonObject {
  const operations = new Map<OperationId, SpecOperation>();
  const operation = (id: OperationId): SpecOperation => {
    if (!operations.has(id)) operations.set(id, findOperation(spec, id));
    return operations.get(id) as SpecOperation;
  };
  const convertedItem = (op: SpecOperation): JsonObject => {
    const segments = op.path.split('/').filter(Boolean);
    const match = converted.requests.find((r) => r.method === op.method && r.path.join('/') === segments.join('/'));
    if (!match) throw new Error(`postman: the converter produced no request for ${op.method} ${op.path}`);
    return match.item;
  };

  const folders = Object.values(FOLDERS).map((folder) => ({
    id: stableId('folder', folder),
    name: folder,
    description: FOLDER_DESCRIPTIONS[folder],
    item: PLAN.filter((plan) => plan.folder === folder).map((plan) => {
      const op = operation(plan.operationId);
      return buildItem(spec, plan, op, convertedItem(op));
    }),
  }));

  const info = converted.collection.info as JsonObject;
  const specDescription = String((info.description as JsonObject | undefined)?.content ?? '').trim();
  return {
    info: {
      _postman_id: stableId('collection', String(info.name)),
      name: String(info.name),
      description: [
        `Generated from \`${SPEC_RELATIVE_PATH}\` by \`npx signup-plus-harness postman\`; do not edit by hand.`,
        '',
        'Import it with one of the environments in `postman/` (mock, sandbox, live) and run the whole collection: ' +
          'the folders are the steps of the flow, and each request checks its answer against the spec.',
        '',
        specDescription,
      ].join('\n'),
      schema: COLLECTION_SCHEMA,
    },
    item: folders,
    variable: Object.entries(FLOW_VARIABLES).map(([key, description]) => ({ key, value: '', type: 'string', description })),
  };
}

const FOLDER_DESCRIPTIONS: Record<string, string> = {
  [FOLDERS.exchange]: 'POST {{auth_url}}/connect/token: turn the authorization code into tokens (and refresh them).',
  [FOLDERS.accounts]: 'GET {{api_url}}/signup-plus/accounts with the user access token.',
  [FOLDERS.follow]: 'Only when several accounts are linked: fetch the identity of the first one.',
  [FOLDERS.errors]:
    'Documented errors that the mock answers deterministically. Run after "1. Exchange code" (the malformed account_id ' +
    'request needs a valid access token).',
};

function buildItem(spec: JsonObject, plan: RequestPlan, op: SpecOperation, convertedItem: JsonObject): JsonObject {
  const convertedRequest = convertedItem.request as JsonObject;
  const request = buildRequest(spec, plan, op, convertedRequest);
  const expectation = expectationFor(spec, plan, op);

  const tests = [SCRIPT_BANNER, ...responseTests(expectation)];
  if (plan.after === 'store-tokens') tests.push(...storeTokensTest());
  if (plan.after === 'pick-account') tests.push(...pickAccountTest(FOLDERS.follow, MULTIPLE_ACCOUNTS_RESULT));
  const event: JsonObject[] = [];
  if (plan.skipUnless) {
    event.push(script('prerequest', [SCRIPT_BANNER, ...skipUnlessSet(plan.skipUnless.variable, plan.skipUnless.reason)]));
  }
  event.push(script('test', tests));

  const response = specResponse(op, plan.expect.status);
  const templates = (convertedItem.response ?? []) as JsonObject[];
  const template = templates.find((saved) => saved.code === plan.expect.status);
  if (!template) throw new Error(`postman: the converter produced no ${plan.expect.status} response for ${op.operationId}`);
  const saved = [plan.expect.example, ...(plan.moreExamples ?? [])].map((name) => ({
    id: stableId('response', plan.folder, plan.name, name),
    name: `${plan.expect.status} ${name}`,
    originalRequest: request,
    status: template.status,
    code: plan.expect.status,
    _postman_previewlanguage: 'json',
    header: template.header,
    cookie: [],
    body: JSON.stringify(specExample(response, name), null, 2),
  }));

  const description = String((convertedRequest.description as JsonObject | undefined)?.content ?? '').trim();
  return {
    id: stableId('request', plan.folder, plan.name),
    name: plan.name,
    event,
    request: { ...request, description: `${plan.description}\n\n${op.method} ${op.path}: ${op.summary}. ${description}`.trim() },
    response: saved,
  };
}

function script(listen: 'prerequest' | 'test', exec: string[]): JsonObject {
  return { listen, script: { type: 'text/javascript', exec } };
}

function buildRequest(spec: JsonObject, plan: RequestPlan, op: SpecOperation, convertedRequest: JsonObject): JsonObject {
  const host = `{{${HOST_VARIABLE[op.operationId]}}}`;
  const path = op.path.split('/').filter(Boolean);
  const query = Object.entries(plan.query ?? {}).map(([key, value]) => {
    const documented = ((convertedRequest.url as JsonObject).query as JsonObject[] | undefined)?.find((q) => q.key === key);
    const description = (documented?.description as JsonObject | undefined)?.content;
    return { key, value, ...(description ? { description: String(description) } : {}) };
  });
  const raw = `${host}/${path.join('/')}${query.length ? `?${query.map((q) => `${q.key}=${q.value}`).join('&')}` : ''}`;

  // Accept every media type the operation documents (Problem answers may be application/problem+json).
  const accept = [...new Set([...op.responses.values()].flatMap((r) => r.mediaTypes))].join(', ');
  const header = ((convertedRequest.header ?? []) as JsonObject[])
    .filter((h) => String(h.key).toLowerCase() !== 'accept')
    .map((h) => ({ key: String(h.key), value: String(h.value) }));
  header.push({ key: 'Accept', value: accept });

  const request: JsonObject = {
    method: op.method,
    header,
    url: { raw, host: [host], path, ...(query.length ? { query } : {}) },
    auth: plan.bearer ? { type: 'bearer', bearer: [{ key: 'token', value: plan.bearer, type: 'string' }] } : { type: 'noauth' },
  };
  if (plan.form) request.body = { mode: 'urlencoded', urlencoded: formBody(spec, plan.form) };
  return request;
}

function formBody(spec: JsonObject, form: NonNullable<RequestPlan['form']>): JsonObject[] {
  if ('fields' in form) return Object.entries(form.fields).map(([key, value]) => ({ key, value, type: 'text' }));
  const schema = resolveLocal(spec, componentSchema(spec, form.schema)) as JsonObject;
  const required = new Set((schema.required ?? []) as string[]);
  // Optional fields (the PKCE code_verifier) only when the plan gives a value: an unset variable would be sent as text.
  return Object.entries(schema.properties as JsonObject)
    .filter(([key]) => !(form.omit ?? []).includes(key) && (required.has(key) || form.values?.[key] !== undefined))
    .map(([key, raw]) => {
      const property = resolveLocal(spec, raw) as JsonObject;
      const value = form.values?.[key] ?? (typeof property.const === 'string' ? property.const : `{{${key}}}`);
      const description = [required.has(key) ? '(Required)' : '', String(property.description ?? '')].join(' ').trim();
      return { key, value, type: 'text', ...(description ? { description } : {}) };
    });
}

function expectationFor(spec: JsonObject, plan: RequestPlan, op: SpecOperation): ResponseExpectation {
  const response = specResponse(op, plan.expect.status);
  const example = specExample(response, plan.expect.example);
  const schema = plan.expect.schema ? { $ref: `#/components/schemas/${plan.expect.schema}` } : response.schema;
  const fields = Object.fromEntries(
    (plan.expect.fields ?? []).map((field) => {
      if (!(field in example)) throw new Error(`postman: example "${plan.expect.example}" has no field "${field}"`);
      return [field, example[field]];
    }),
  );
  const repeatsTraceId = 'trace_id' in example && response.headers.includes(TRACE_ID_HEADER);
  return {
    status: plan.expect.status,
    mediaTypes: response.mediaTypes,
    requiredHeaders: response.requiredHeaders,
    schema: toSandboxSchema(spec, schema),
    schemaLabel: schemaLabel(schema),
    fields,
    ...(repeatsTraceId ? { traceIdHeader: TRACE_ID_HEADER } : {}),
  };
}

/** `TokenResponse`, or `Identity | MultipleAccountsLinked` for a oneOf of refs. */
function schemaLabel(schema: unknown): string {
  const name = (node: unknown): string => String((node as JsonObject).$ref ?? 'inline').split('/').pop() as string;
  const oneOf = (schema as JsonObject).oneOf;
  return Array.isArray(oneOf) ? oneOf.map(name).join(' | ') : name(schema);
}
