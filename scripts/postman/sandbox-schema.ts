// Turns a spec schema (JSON Schema 2020-12 inside OAS 3.1) into a self-contained draft-07 schema, because
// `pm.response.to.have.jsonSchema` in the Postman/newman sandbox runs Ajv 6, which knows draft-07 only.
// The keywords the spec uses (const, type arrays, oneOf, patterns) mean the same in both drafts; a keyword
// that would change meaning or be silently ignored fails the generation instead.
import { resolveLocal, type JsonObject } from '../lib/spec-document.ts';

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set(['additionalProperties', 'items', 'not', 'propertyNames', 'contains', 'if', 'then', 'else']);
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAY_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);
/** Validation keywords with the same meaning in draft-07 and 2020-12, copied as they are. */
const PLAIN_KEYWORDS = new Set([
  'type', 'enum', 'const', 'required', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties',
]);
/** Annotations (no effect on validation) and OpenAPI extras, dropped to keep the scripts short. */
const DROPPED_KEYWORDS = new Set([
  'description', 'title', 'examples', 'example', 'default', 'deprecated', 'readOnly', 'writeOnly',
  'discriminator', 'externalDocs', 'xml', '$comment', 'contentMediaType', 'contentEncoding',
]);
/** Formats Ajv 6 checks; OpenAPI's own formats (int32, binary...) are hints and are dropped. */
const AJV6_FORMATS = new Set([
  'date', 'time', 'date-time', 'uri', 'uri-reference', 'uri-template', 'url', 'email', 'hostname',
  'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'relative-json-pointer',
]);
const OPENAPI_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']);

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

/**
 * A draft-07 schema for `schema` with every component schema it reaches under `definitions`.
 * Throws, naming the place, for anything Ajv 6 would read differently from the spec.
 */
export function toSandboxSchema(spec: JsonObject, schema: unknown): JsonObject {
  const definitions: JsonObject = {};
  const pending: string[] = [];

  const convert = (node: unknown, at: string): JsonObject => {
    if (node === true || node === false) return node ? {} : { not: {} };
    if (!node || typeof node !== 'object' || Array.isArray(node)) throw new Error(`postman: schema at ${at} is not an object`);
    const out: JsonObject = {};
    let ref: string | undefined;
    for (const [keyword, value] of Object.entries(node)) {
      const here = `${at}/${keyword}`;
      if (keyword === '$ref') {
        const match = COMPONENT_REF.exec(String(value));
        if (!match?.[1]) throw new Error(`postman: only #/components/schemas refs are supported, found ${String(value)} at ${at}`);
        if (!(match[1] in definitions) && !pending.includes(match[1])) pending.push(match[1]);
        ref = `#/definitions/${match[1]}`;
      } else if (keyword.startsWith('x-') || DROPPED_KEYWORDS.has(keyword)) {
        continue;
      } else if (PLAIN_KEYWORDS.has(keyword)) {
        out[keyword] = value;
      } else if (keyword === 'format') {
        if (AJV6_FORMATS.has(String(value))) out.format = value;
        else if (!OPENAPI_FORMATS.has(String(value))) throw new Error(`postman: format "${String(value)}" at ${at} is unknown to Ajv 6`);
      } else if (SCHEMA_KEYWORDS.has(keyword)) {
        out[keyword] = typeof value === 'boolean' && keyword === 'additionalProperties' ? value : convert(value, here);
      } else if (SCHEMA_ARRAY_KEYWORDS.has(keyword)) {
        out[keyword] = (value as unknown[]).map((item, index) => convert(item, `${here}/${index}`));
      } else if (SCHEMA_MAP_KEYWORDS.has(keyword)) {
        out[keyword] = Object.fromEntries(
          Object.entries(value as JsonObject).map(([name, sub]) => [name, convert(sub, `${here}/${name}`)]),
        );
      } else {
        // e.g. prefixItems, unevaluatedProperties, $defs, dependentRequired: Ajv 6 would ignore them.
        throw new Error(`postman: keyword "${keyword}" at ${at} has no draft-07 equivalent that Ajv 6 enforces`);
      }
    }
    if (ref === undefined) return out;
    // In draft-07 a $ref hides its siblings, so a ref with validation beside it becomes allOf.
    return Object.keys(out).length === 0 ? { $ref: ref } : { allOf: [{ $ref: ref }, out] };
  };

  const root = convert(schema, '#');
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    definitions[name] = convert(resolveLocal(spec, { $ref: `#/components/schemas/${name}` }), `#/components/schemas/${name}`);
  }
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map((name) => [name, definitions[name]]));
  if (Object.keys(sorted).length === 0) return root;
  // Keep the root's own $ref away from `definitions`, which draft-07 would treat as an ignored sibling.
  return '$ref' in root ? { allOf: [root], definitions: sorted } : { ...root, definitions: sorted };
}
