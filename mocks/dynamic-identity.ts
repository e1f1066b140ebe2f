// `--dynamic`: identities generated from the spec's Identity schema with json-schema-faker instead of the fixed
// examples. With a seed the identity of one (scenario, account) is the same on every call and every restart.
import { createHash } from 'node:crypto';
import jsfModule from 'json-schema-faker';
import { specSchemas } from '../src/generated/spec-schemas.ts';
import { seededRandom } from './seeded-random.ts';

interface Faker {
  option(options: Record<string, unknown>): void;
  generate(schema: unknown): unknown;
}
const jsf = ((jsfModule as unknown as { JSONSchemaFaker?: Faker }).JSONSchemaFaker ?? jsfModule) as unknown as Faker;

const IDENTITY = { $ref: '#/components/schemas/Identity', components: specSchemas.components };

export type IdentityGenerator = (scenario: string, accountId: string | undefined) => unknown;

export function identityGenerator(seed: string | undefined): IdentityGenerator {
  return (scenario, accountId) => {
    const random =
      seed === undefined
        ? Math.random
        : seededRandom(createHash('sha256').update(`${seed}\u0000${scenario}\u0000${accountId ?? ''}`).digest().readUInt32BE(0));
    // Only documented fields (the schemas are closed) and no `examples` reuse: generated data, valid by construction.
    jsf.option({ random, fillProperties: false, useExamplesValue: false, useDefaultValue: false, alwaysFakeOptionals: false, failOnInvalidTypes: true });
    return jsf.generate(IDENTITY);
  };
}
