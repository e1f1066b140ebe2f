// Reading pact files as plain data (the interactions the matrix and the checks talk about), and the byte-for-byte
// comparison that tells a committed pact from a stale one.
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface PactInteraction {
  description: string;
  providerStates?: Array<{ name: string; params?: Record<string, unknown> }>;
  /** Pact V2's single state. */
  providerState?: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    headers?: Record<string, string>;
    body?: unknown;
    matchingRules?: unknown;
    generators?: unknown;
  };
  response: { status: number; headers?: Record<string, string>; body?: unknown; matchingRules?: unknown; generators?: unknown };
  [key: string]: unknown;
}

export interface PactDocument {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata?: Record<string, unknown>;
}

export interface PactFile {
  file: string;
  path: string;
  pact: PactDocument;
}

/** The `*.json` pact files of a directory, sorted by name. */
export async function listPactFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => name.endsWith('.json')).sort();
}

export async function readPactFiles(dir: string): Promise<PactFile[]> {
  const files = await listPactFiles(dir);
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      return { file, path, pact: JSON.parse(await readFile(path, 'utf8')) as PactDocument };
    }),
  );
}

/** The provider states of an interaction: `providerStates` (Pact V3/V4) or the single `providerState` (V2). */
export function stateNames(interaction: PactInteraction): string[] {
  if (typeof interaction.providerState === 'string') return [interaction.providerState];
  return (interaction.providerStates ?? []).map((state) => state.name);
}

export interface StaleReport {
  /** Fresh pacts that differ from, or are missing in, the committed directory. */
  changed: string[];
  missing: string[];
  /** Committed pact files that no consumer test produces any more. */
  orphaned: string[];
}

export function isStale(report: StaleReport): boolean {
  return report.changed.length + report.missing.length + report.orphaned.length > 0;
}

/** Compares freshly generated pacts with the committed ones, byte for byte. */
export async function comparePactDirs(freshDir: string, committedDir: string): Promise<StaleReport> {
  const [fresh, committed] = await Promise.all([listPactFiles(freshDir), listPactFiles(committedDir)]);
  const report: StaleReport = { changed: [], missing: [], orphaned: committed.filter((f) => !fresh.includes(f)) };
  for (const file of fresh) {
    if (!committed.includes(file)) {
      report.missing.push(file);
      continue;
    }
    const [a, b] = await Promise.all([readFile(join(freshDir, file)), readFile(join(committedDir, file))]);
    if (!a.equals(b)) report.changed.push(file);
  }
  return report;
}

export function describeStale(report: StaleReport, committedLabel = 'contracts/'): string[] {
  return [
    ...report.changed.map((f) => `${committedLabel}${f} differs from what the consumer tests generate now`),
    ...report.missing.map((f) => `${committedLabel}${f} is not committed, but the consumer tests generate it`),
    ...report.orphaned.map((f) => `${committedLabel}${f} is committed, but no consumer test generates it any more`),
  ];
}

/** Makes `committedDir` hold exactly the fresh pacts (used by `--update`). */
export async function replacePactDir(freshDir: string, committedDir: string): Promise<void> {
  await mkdir(committedDir, { recursive: true });
  const [fresh, committed] = await Promise.all([listPactFiles(freshDir), listPactFiles(committedDir)]);
  for (const file of committed) if (!fresh.includes(file)) await rm(join(committedDir, file));
  for (const file of fresh) await copyFile(join(freshDir, file), join(committedDir, file));
}
