// The JavaScript that runs inside Postman's sandbox (and newman's), rendered as `exec` lines. Every value a
// test compares against (status, media type, headers, schema, example fields) is passed in from the spec.
import { SPEC_RELATIVE_PATH } from '../lib/project-paths.ts';

export const SCRIPT_BANNER = `// Generated from ${SPEC_RELATIVE_PATH} by \`npx signup-plus-harness postman\`: change the spec and regenerate, do not edit here.`;

export interface ResponseExpectation {
  status: number;
  /** Any of these is right (a problem answer may be application/json or application/problem+json). */
  mediaTypes: string[];
  requiredHeaders: string[];
  /** Draft-07 schema for the sandbox's Ajv 6 (see sandbox-schema.ts). */
  schema: unknown;
  /** Shown in the test name, e.g. `TokenResponse`. */
  schemaLabel: string;
  /** Body fields that must equal these values (taken from a named example of the spec). */
  fields: Record<string, unknown>;
  /** Problem answers: the body's trace_id must repeat the trace-id header, when the header is sent (it is optional). */
  traceIdHeader?: string;
}

const js = (value: unknown): string => JSON.stringify(value);

/** Status, media type, required headers, schema and example fields: one `pm.test` each. */
export function responseTests(expect: ResponseExpectation): string[] {
  const lines = [
    `const schema = ${js(expect.schema)};`,
    `pm.test(${js(`status is ${expect.status}`)}, function () {`,
    `  pm.response.to.have.status(${expect.status});`,
    '});',
    `pm.test(${js(`Content-Type is ${expect.mediaTypes.join(' or ')}`)}, function () {`,
    `  const mediaType = (pm.response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();`,
    `  pm.expect(${js(expect.mediaTypes)}).to.include(mediaType);`,
    '});',
  ];
  for (const header of expect.requiredHeaders) {
    lines.push(
      `pm.test(${js(`${header} header is present`)}, function () {`,
      `  pm.response.to.have.header(${js(header)});`,
      '});',
    );
  }
  lines.push(
    `pm.test(${js(`body matches the spec's ${expect.schemaLabel} schema`)}, function () {`,
    '  pm.response.to.have.jsonSchema(schema);',
    '});',
  );
  for (const [field, value] of Object.entries(expect.fields)) {
    lines.push(
      `pm.test(${js(`body.${field} is ${js(value)}`)}, function () {`,
      `  pm.expect(pm.response.json()[${js(field)}]).to.eql(${js(value)});`,
      '});',
    );
  }
  if (expect.traceIdHeader) {
    lines.push(
      `pm.test(${js(`trace_id repeats the ${expect.traceIdHeader} header when it is sent`)}, function () {`,
      `  const header = pm.response.headers.get(${js(expect.traceIdHeader)});`,
      `  if (header !== undefined) pm.expect(pm.response.json().trace_id).to.equal(header);`,
      '});',
    );
  }
  return lines;
}

/**
 * Stores a flow value for the next requests. Collection variables carry the flow; an environment that
 * defines the same name would shadow them (environment beats collection), so it is updated too.
 */
const REMEMBER = [
  'function remember(name, value) {',
  '  pm.collectionVariables.set(name, value);',
  '  if (pm.environment.has(name)) pm.environment.set(name, value);',
  '}',
];

export function storeTokensTest(): string[] {
  return [
    ...REMEMBER,
    `pm.test('stores access_token and refresh_token for the next requests', function () {`,
    '  const body = pm.response.json();',
    `  pm.expect(body.access_token, 'access_token').to.be.a('string').that.is.not.empty;`,
    `  remember('access_token', body.access_token);`,
    '  // Without offline_access there is no refresh token; clear any old one so the refresh request skips.',
    `  remember('refresh_token', typeof body.refresh_token === 'string' ? body.refresh_token : '');`,
    '});',
  ];
}

/** Picks the first linked account for "3. Follow account_id", or clears it for a single identity. */
export function pickAccountTest(followFolder: string, multipleResult: string): string[] {
  return [
    ...REMEMBER,
    'let answer = null;',
    'try {',
    '  answer = pm.response.json();',
    '} catch (error) {',
    '  // Not JSON: the schema test above already fails with the reason.',
    '}',
    `if (answer && answer.result === ${js(multipleResult)}) {`,
    `  pm.test(${js(`several accounts linked: "${followFolder}" follows the first account_id`)}, function () {`,
    `    pm.expect(answer.accounts, 'accounts').to.be.an('array').that.is.not.empty;`,
    `    remember('account_id', answer.accounts[0].account_id);`,
    '  });',
    '} else {',
    `  pm.test(${js(`single identity: nothing to follow, "${followFolder}" is skipped`)}, function () {`,
    `    remember('account_id', '');`,
    '    pm.response.to.have.status(200);',
    `    pm.expect(answer, 'identity').to.be.an('object').that.does.not.have.property('result');`,
    '  });',
    '}',
  ];
}

/** A pre-request script that skips its request when a flow variable is empty. */
export function skipUnlessSet(variable: string, reason: string): string[] {
  return [
    `if (!pm.variables.get(${js(variable)})) {`,
    `  console.info(${js(`skipped: ${reason}`)});`,
    '  pm.execution.skipRequest();',
    '}',
  ];
}
