// The assumption ledger: where each x-assumption lives (named from the operations that use it), the generated
// docs/truelayer-facts.md table, and the smoke run's observers keyed by ids the spec really has.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAssumptions, type AssumptionEntry } from '../../scripts/lib/assumption-ledger.ts';
import { renderFactsPage } from '../../scripts/lib/facts-page.ts';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { OBSERVERS } from '../../scripts/smoke/assumption-observers.ts';
import { assumptionLedger } from '../../src/generated/assumption-ledger.ts';

const note = (id: string, extra: Partial<AssumptionEntry> = {}) => ({ id, assumes: `${id} holds.`, source: 'none found', status: 'unconfirmed', ...extra });

/** A small spec with notes on every kind of node the ledger names: operation, parameter, response, header, shared schema field. */
const FIXTURE = {
  openapi: '3.1.0',
  paths: {
    '/connect/token': {
      post: {
        'x-assumption': note('on-operation'),
        responses: {
          '200': { description: 'ok', headers: { 'Tl-Trace-Id': { $ref: '#/components/headers/Trace' } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } } },
          '400': { description: 'no', content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthError' } } } },
          '500': { description: 'no', 'x-assumption': note('on-response'), content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthError' } } } },
        },
      },
    },
    '/signup-plus/accounts': {
      get: {
        parameters: [{ name: 'account_id', in: 'query', 'x-assumption': note('on-parameter'), schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            headers: { 'Tl-Trace-Id': { $ref: '#/components/headers/Trace' } },
            content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Identity' }] } } },
          },
        },
      },
    },
  },
  components: {
    headers: { Trace: { 'x-assumption': note('on-header'), schema: { type: 'string' } } },
    schemas: {
      Token: { type: 'object', properties: { scope: { type: 'string', 'x-assumption': note('on-token-field') } } },
      OAuthError: { type: 'object', properties: { error: { type: 'string', 'x-assumption': note('on-shared-field') } } },
      Identity: { type: 'object', properties: { address: { type: 'object', properties: { country_code: { $ref: '#/components/schemas/Code', 'x-assumption': note('beside-a-ref') } } } } },
      Code: { type: 'string' },
      Unused: { type: 'object', properties: { field: { type: 'string', 'x-assumption': note('unused') } } },
    },
  },
};

describe('the assumption ledger', () => {
  it('names where each assumption lives from the operations, statuses and fields that use it', () => {
    expect(collectAssumptions(FIXTURE).map((entry) => [entry.id, entry.fact])).toEqual([
      ['on-operation', 'POST /connect/token'],
      ['on-response', 'POST /connect/token · 500'],
      ['on-parameter', 'GET /signup-plus/accounts · query account_id'],
      ['on-header', 'POST /connect/token · 200 · header Tl-Trace-Id; GET /signup-plus/accounts · 200 · header Tl-Trace-Id'],
      ['on-token-field', 'POST /connect/token · 200 · scope'],
      ['on-shared-field', 'POST /connect/token · 400, 500 · error'],
      ['beside-a-ref', 'GET /signup-plus/accounts · 200 · address.country_code'],
      ['unused', 'schema Unused · field'],
    ]);
    expect(collectAssumptions(FIXTURE).find((entry) => entry.id === 'on-shared-field')?.specPath).toBe('components.schemas.OAuthError.properties.error');
  });

  it('refuses to publish a plain-string assumption, naming where it is', () => {
    const broken = structuredClone(FIXTURE);
    (broken.components.headers.Trace as Record<string, unknown>)['x-assumption'] = 'the header is always sent';
    expect(() => collectAssumptions(broken)).toThrow('the x-assumption at components.headers.Trace is not a ledger entry');
  });

  it('renders one table row per assumption with its source as a link, or "none found"', () => {
    const entries: AssumptionEntry[] = [
      { ...note('linked', { source: 'https://docs.truelayer.com/docs/signup-errors', status: 'sourced' }), fact: 'GET /signup-plus/accounts · 400 · type', specPath: 'x' } as AssumptionEntry,
      { ...note('unsourced', { assumes: 'A | B, on\ntwo lines.', status: 'invention' }), fact: 'POST /connect/token', specPath: 'y' } as AssumptionEntry,
    ];
    const page = renderFactsPage(entries, { banner: '<!-- banner -->', observed: new Map([['linked', 'yes']]) });
    expect(page.split('\n')[0]).toBe('<!-- banner -->');
    expect(page).toContain('| `linked` | GET /signup-plus/accounts · 400 · type | linked holds. | [docs.truelayer.com/docs/signup-errors](https://docs.truelayer.com/docs/signup-errors) | sourced | yes |');
    expect(page).toContain('| `unsourced` | POST /connect/token | A \\| B, on two lines. | none found | invention | — |');
    expect(page).toContain('2 assumptions: 1 sourced, 0 unconfirmed, 1 invention;\nthe smoke run checks 1 of them against the live answers.');
  });

  it('publishes every assumption of the spec in docs/truelayer-facts.md, in the project\'s own words', async () => {
    const page = await readFile(join(ROOT_DIR, 'docs', 'truelayer-facts.md'), 'utf8');
    expect(page.split('\n')[0]).toBe('<!-- Do not edit: generated from specs/signup-plus.openapi.yaml by `npm run generate`. -->');
    for (const entry of assumptionLedger) expect(page).toContain(`| \`${entry.id}\` | ${entry.fact} |`);
    expect(page).not.toMatch(/shared\//);
  });

  it('keys every smoke observer by an assumption id the spec has, once', () => {
    const ids = new Set(assumptionLedger.map((entry) => entry.id));
    expect(OBSERVERS.map((observer) => observer.id).filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(OBSERVERS.map((observer) => observer.id)).size).toBe(OBSERVERS.length);
  });
});
