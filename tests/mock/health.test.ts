// GET /_harness/health's answer on its own (mocks/health.ts): the spec's title and version as the spec file
// gives them (or empty when it lacks them), and the uptime from an injected clock. Over HTTP: harness-endpoints.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthAnswer, specInfoReader } from '../../mocks/health.ts';
import { HARNESS_VERSION } from '../../src/version.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'health-spec-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function specFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('the spec info in the health answer', () => {
  it('is the spec\'s info title and version, as text, read once on the first call', async () => {
    const path = await specFile('numeric.yaml', 'openapi: 3.1.0\ninfo:\n  title: My fork of the API\n  version: 2.5\npaths: {}\n');
    const read = specInfoReader(path);
    expect(await read()).toEqual({ title: 'My fork of the API', version: '2.5' });
    await rm(path);
    expect(await read()).toEqual({ title: 'My fork of the API', version: '2.5' });
  });

  it('is empty text for a spec without info, or with an info lacking either field', async () => {
    expect(await specInfoReader(await specFile('no-info.yaml', 'openapi: 3.1.0\npaths: {}\n'))()).toEqual({ title: '', version: '' });
    expect(await specInfoReader(await specFile('no-title.yaml', 'openapi: 3.1.0\ninfo:\n  version: 1.0.0\n'))()).toEqual({ title: '', version: '1.0.0' });
    expect(await specInfoReader(await specFile('no-version.yaml', 'openapi: 3.1.0\ninfo:\n  title: T\n'))()).toEqual({ title: 'T', version: '' });
  });
});

describe('healthAnswer', () => {
  const startedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 0));
  const at = (ms: number): Date => new Date(startedAt.getTime() + ms);
  const answer = (now: Date) => healthAnswer({ spec: { title: 'T', version: '1.0.0' }, startedAt, now, providerStates: true, journal: 7 });

  it('says ok with the harness version, the spec, the start time and what the mock holds', () => {
    expect(answer(at(90_400))).toEqual({
      status: 'ok',
      version: HARNESS_VERSION,
      spec: { title: 'T', version: '1.0.0' },
      startedAt: '2026-01-02T03:04:05.000Z',
      uptimeSeconds: 90,
      providerStates: true,
      journal: 7,
    });
  });

  it('counts uptime in whole seconds, rounded, and never below 0 when the clock steps back', () => {
    expect([0, 499, 500, 1_499, 3_600_000].map((ms) => answer(at(ms)).uptimeSeconds)).toEqual([0, 0, 1, 1, 3_600]);
    expect(answer(at(-5_000)).uptimeSeconds).toBe(0);
  });
});
