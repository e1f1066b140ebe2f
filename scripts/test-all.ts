// `npm test`: every test layer, the independent ones side by side, then a table of each layer's time and one
// summary line. Each layer is its own npm script (run here without npm's start-up), so that one can be re-run
// alone; exit 1 when any layer fails, with that layer's output printed in full.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT_DIR } from './lib/project-paths.ts';

interface Layer {
  name: string;
  script: string;
  /** Layers that must pass first. */
  after?: string;
}

// Longest first: the unit tests and the contract chain set the pace, the short checks fill the gaps.
const LAYERS: Layer[] = [
  { name: 'unit tests (vitest)', script: 'test:unit' },
  // The contracts pipeline (what `npm run contracts` runs) and the checks that it bites, in one process.
  { name: 'contracts', script: 'test:contracts' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'spec lint', script: 'lint:spec' },
  { name: 'generated files', script: 'check:generated' },
  { name: 'postman files', script: 'check:postman' },
];

/** At most this many layers at once: the unit tests already use both cores; more only adds switching. */
const PARALLEL = 3;

interface Result {
  layer: Layer;
  ok: boolean;
  skipped?: string;
  ms: number;
  output: string;
}

const scripts = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const env = { ...process.env, PATH: [join(ROOT_DIR, 'node_modules', '.bin'), process.env.PATH].join(delimiter), FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };

function run(layer: Layer): Promise<Result> {
  const command = scripts[layer.script];
  if (!command) return Promise.resolve({ layer, ok: false, ms: 0, output: `package.json has no script "${layer.script}"\n` });
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: ROOT_DIR, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => resolve({ layer, ok: code === 0, ms: performance.now() - started, output }));
  });
}

/** CPU seconds of every finished child (user + system), from /proc; undefined where there is no /proc. */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const results = new Map<string, Result>();
  const pending = [...LAYERS];
  const running = new Map<string, Promise<Result>>();

  while (pending.length > 0 || running.size > 0) {
    // Start what may start: below the limit, and whatever it waits for has finished.
    for (const layer of [...pending]) {
      if (running.size >= PARALLEL) break;
      if (layer.after && !results.has(layer.after)) continue;
      pending.splice(pending.indexOf(layer), 1);
      const before = layer.after ? results.get(layer.after) : undefined;
      if (before && !before.ok) {
        results.set(layer.name, { layer, ok: false, skipped: `${before.layer.name} failed`, ms: 0, output: '' });
        continue;
      }
      running.set(layer.name, run(layer));
    }
    if (running.size === 0) continue;
    const done = await Promise.race(running.values());
    running.delete(done.layer.name);
    results.set(done.layer.name, done);
    console.log(`${done.ok ? 'ok  ' : 'FAIL'} ${done.layer.name} (${(done.ms / 1000).toFixed(1)} s)`);
    if (!done.ok) console.log(`\n----- ${done.layer.name}: npm run ${done.layer.script} -----\n${done.output.trimEnd()}\n----- end of ${done.layer.name} -----\n`);
  }

  const ordered = LAYERS.map((layer) => results.get(layer.name)!);
  const width = Math.max(...ordered.map((r) => r.layer.name.length));
  console.log(`\n${'layer'.padEnd(width)}  result  seconds  npm script`);
  for (const r of ordered) {
    const result = r.skipped ? 'skipped' : r.ok ? 'passed' : 'FAILED';
    console.log(`${r.layer.name.padEnd(width)}  ${result.padEnd(6)}  ${(r.ms / 1000).toFixed(1).padStart(7)}  ${r.layer.script}${r.skipped ? ` (${r.skipped})` : ''}`);
  }
  const cpu = childCpuSeconds();
  console.log(`${'total (wall)'.padEnd(width)}          ${((performance.now() - started) / 1000).toFixed(1).padStart(7)}${cpu === undefined ? '' : `  (${cpu.toFixed(1)} s CPU)`}`);
  const failed = ordered.filter((r) => !r.ok).length;
  console.log(`\ntest: ${ordered.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
