// `GET /_harness/health`: the answer a process manager, a CI wait loop or a test polls before sending requests.
// The mock listens only once Prism has loaded the spec and every example of the scenario table, so any answer
// here means ready.
import { readFile } from 'node:fs/promises';
import { HARNESS_VERSION } from '../src/version.ts';

export const HEALTH_PATH = '/_harness/health';

export interface HealthAnswer {
  status: 'ok';
  version: string;
  spec: { title: string; version: string };
  startedAt: string;
  uptimeSeconds: number;
  providerStates: boolean;
  /** Requests the journal holds now (GET /_harness/requests). */
  journal: number;
}

/** The spec's `info`, read on the first health call (not at start-up, which is kept short). */
export function specInfoReader(specPath: string): () => Promise<{ title: string; version: string }> {
  let info: Promise<{ title: string; version: string }> | undefined;
  return () =>
    // The YAML parser too: importing it costs more start-up time than the rest of the mock's own modules.
    (info ??= Promise.all([readFile(specPath, 'utf8'), import('yaml')]).then(([text, { parse }]) => {
      const document = parse(text) as { info?: { title?: unknown; version?: unknown } };
      return { title: String(document.info?.title ?? ''), version: String(document.info?.version ?? '') };
    }));
}

export function healthAnswer(input: { spec: { title: string; version: string }; startedAt: Date; now: Date; providerStates: boolean; journal: number }): HealthAnswer {
  return {
    status: 'ok',
    version: HARNESS_VERSION,
    spec: input.spec,
    startedAt: input.startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.round((input.now.getTime() - input.startedAt.getTime()) / 1000)),
    providerStates: input.providerStates,
    journal: input.journal,
  };
}
