// `--dynamic --seed`: the seeded generator (mocks/seeded-random.ts) and the identities made from it
// (mocks/dynamic-identity.ts) are pinned value by value, so that a seed gives a team the same identity on every
// machine, restart and release of the harness; without a seed, identities come from Math.random.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityGenerator } from '../../mocks/dynamic-identity.ts';
import { seededRandom } from '../../mocks/seeded-random.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const take = (next: () => number, count: number): number[] => Array.from({ length: count }, () => next());

describe('seededRandom (mulberry32)', () => {
  it('gives the same sequence for a seed on every platform', () => {
    expect(take(seededRandom(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(take(seededRandom(0), 2)).toEqual([0.26642920868471265, 0.0003297457005828619]);
  });

  it('reads the seed as an unsigned 32-bit integer: -1 is 2^32 - 1, and 2^32 + 1 is 1', () => {
    expect(take(seededRandom(-1), 1)).toEqual([0.8964226141106337]);
    expect(take(seededRandom(2 ** 32 - 1), 1)).toEqual([0.8964226141106337]);
    expect(take(seededRandom(2 ** 32 + 1), 3)).toEqual(take(seededRandom(1), 3));
  });

  it('stays in [0, 1) and keeps its own state per generator', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = take(a, 1_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBe(1_000);
    expect(take(b, 1_000)).toEqual(values);
  });
});

/** What `--dynamic --seed demo` answers for the single-account user, as released: a change here breaks teams' fixtures. */
const DEMO_SINGLE_ACCOUNT = {
  first_name: 'fugiat ad pariatur et anim',
  last_name: 'tempor adipisicing veniam',
  date_of_birth: '1900-10-01',
  address: { address_line1: 'ullamco consectetur minim eu', city: 'culpa ut', zip: 'id dolore commodo', country_code: 'EI' },
  account_details: { account_number: '82258422', sort_code: null, iban: 'XR22AXNLJLGWT2JKW3QTMK06F', provider_id: 'tempor aliquip ullamco sunt' },
  national_identification_number: 'tempor laboris irure',
};

const DEMO_MULTIPLE_ACC_1 = {
  title: null,
  first_name: 'fugiat ad et pariatur laborum',
  last_name: 'do labore ut',
  date_of_birth: '1893-05-07',
  address: { address_line1: 'nostrud dolore est', address_line2: null, city: 'veniam eiusmod nostrud qui tempor', state: 'ipsum labore velit ut', zip: 'sunt', country_code: 'TF' },
  account_details: { sort_code: '19-86-80', provider_id: 'reprehenderit' },
  national_identification_number: 'eu',
};

describe('identityGenerator', () => {
  it('with a seed, gives each (scenario, account) its own identity, the same on every call and every generator', () => {
    const random = vi.spyOn(Math, 'random');
    expect(identityGenerator('demo')('single-account', undefined)).toEqual(DEMO_SINGLE_ACCOUNT);
    // No account_id is the empty account_id: the same request either way.
    expect(identityGenerator('demo')('single-account', '')).toEqual(DEMO_SINGLE_ACCOUNT);
    const generate = identityGenerator('demo');
    expect(generate('multiple-accounts', 'acc-1')).toEqual(DEMO_MULTIPLE_ACC_1);
    expect(generate('multiple-accounts', 'acc-1')).toEqual(DEMO_MULTIPLE_ACC_1);
    expect(generate('multiple-accounts', 'acc-2')).not.toEqual(DEMO_MULTIPLE_ACC_1);
    expect(identityGenerator('demo2')('single-account', undefined)).not.toEqual(DEMO_SINGLE_ACCOUNT);
    // A seeded identity never draws from Math.random.
    expect(random).not.toHaveBeenCalled();
  });

  it('without a seed, draws from Math.random', () => {
    // Math.random pinned to one sequence twice: the same identity, and not the seeded one of any seed.
    const sequence = (): (() => number) => seededRandom(7);
    let next = sequence();
    const random = vi.spyOn(Math, 'random').mockImplementation(() => next());
    const first = identityGenerator(undefined)('single-account', undefined);
    next = sequence();
    expect(identityGenerator(undefined)('single-account', undefined)).toEqual(first);
    expect(random).toHaveBeenCalled();
    expect(first).not.toEqual(identityGenerator('undefined')('single-account', undefined));
  });
});
