// `npm test`: every test layer, the independent ones side by side, then a table of each layer's time and one
// summary line. Each layer is its own npm script (run here without npm's start-up), so that one can be re-run
// alone; exit 1 when any layer fails, with that layer's output printed in full.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT_DIR } from './lib/project-paths.ts';

interface Layer {
  name: string;
  script: string;
  /** Layers that must pass first. */
  after?: string;
  /** Added to the script's command here, where the layer runs beside the others. */
  args?: string;
  /**
   * Everything the layer's result can depend on (files or folders, from the project root; package-lock.json
   * stands for the tools' versions). When none of it changed since the layer last passed here, the layer is not
   * run again: its answer would be the same. Layers without inputs always run, and so does every layer under CI.
   */
  inputs?: string[];
}

// Longest first: the unit tests and the contract chain set the pace, the short checks fill the gaps.
const LAYERS: Layer[] = [
  { name: 'unit tests (vitest)', script: 'test:unit' },
  // The contracts pipeline (what `npm run contracts` runs) and the checks that it bites, in one process.
  { name: 'contracts', script: 'test:contracts' },
  // TypeScript 7 checks on several threads; beside the unit tests, which keep both cores busy, they only add
  // switching (measured alone: 3.3 s of CPU on one thread, 4.4 s on its default four).
  { name: 'typecheck', script: 'typecheck', args: '--singleThreaded' },
  // Each of these three starts a tool (Spectral, the TypeScript compiler behind openapi-typescript, the Postman
  // converter) that costs more than the check itself. Their inputs are broad on purpose: all of scripts/ and
  // src/, not only what the check imports.
  { name: 'spec lint', script: 'lint:spec', inputs: ['specs', '.spectral.yaml', 'package-lock.json'] },
  { name: 'generated files', script: 'check:generated', inputs: ['specs', 'scripts', 'src', 'docs/truelayer-facts.md', 'package-lock.json'] },
  { name: 'postman files', script: 'check:postman', inputs: ['specs', 'scripts', 'src', 'mocks', 'postman', 'package-lock.json'] },
];

/** At most this many layers at once: the unit tests already use both cores; more only adds switching. */
const PARALLEL = 3;

interface Result {
  layer: Layer;
  ok: boolean;
  skipped?: string;
  /** Passed before with the same inputs, so not run again. */
  unchanged?: boolean;
  ms: number;
  output: string;
}

/** Where a layer's fingerprint is kept after it passed (outside the project's files, like tsc's build info). */
const PASSED_DIR = join(ROOT_DIR, 'node_modules', '.cache', 'test-all');

/** A hash of the layer's command, Node's version and the path and content of every file of its inputs. */
function fingerprint(layer: Layer, command: string): string {
  const hash = createHash('sha256').update(`${command}\0${process.version}\0`);
  const visit = (relative: string): void => {
    const path = join(ROOT_DIR, relative);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) hash.update(`${relative}\0missing\0`);
    else if (stat.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(relative, name));
    else hash.update(`${relative}\0${stat.size}\0`).update(readFileSync(path));
  };
  for (const input of layer.inputs ?? []) visit(input);
  return hash.digest('hex');
}

const passedFile = (layer: Layer): string => join(PASSED_DIR, `${layer.script.replace(/[^\w-]/g, '_')}.sha256`);

function lastPassed(layer: Layer): string | undefined {
  try {
    return readFileSync(passedFile(layer), 'utf8');
  } catch {
    return undefined;
  }
}

const scripts = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const env = { ...process.env, PATH: [join(ROOT_DIR, 'node_modules', '.bin'), process.env.PATH].join(delimiter), FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };

function run(layer: Layer): Promise<Result> {
  const script = scripts[layer.script];
  if (!script) return Promise.resolve({ layer, ok: false, ms: 0, output: `package.json has no script "${layer.script}"\n` });
  const command = layer.args ? `${script} ${layer.args}` : script;
  const started = performance.now();
  // Taken before the run: a file edited while the layer runs makes the next run check again.
  const print = layer.inputs && !process.env.CI ? fingerprint(layer, command) : undefined;
  if (print && lastPassed(layer) === print) {
    return Promise.resolve({ layer, ok: true, unchanged: true, ms: performance.now() - started, output: '' });
  }
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: ROOT_DIR, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => {
      if (code === 0 && print) {
        mkdirSync(PASSED_DIR, { recursive: true });
        writeFileSync(passedFile(layer), print);
      }
      resolve({ layer, ok: code === 0, ms: performance.now() - started, output });
    });
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
    console.log(`${done.ok ? 'ok  ' : 'FAIL'} ${done.layer.name} (${done.unchanged ? 'inputs unchanged since it last passed' : `${(done.ms / 1000).toFixed(1)} s`})`);
    if (!done.ok) console.log(`\n----- ${done.layer.name}: npm run ${done.layer.script} -----\n${done.output.trimEnd()}\n----- end of ${done.layer.name} -----\n`);
  }

  const ordered = LAYERS.map((layer) => results.get(layer.name)!);
  const width = Math.max(...ordered.map((r) => r.layer.name.length));
  console.log(`\n${'layer'.padEnd(width)}  result  seconds  npm script`);
  for (const r of ordered) {
    const result = r.skipped ? 'skipped' : r.unchanged ? 'same' : r.ok ? 'passed' : 'FAILED';
    console.log(`${r.layer.name.padEnd(width)}  ${result.padEnd(6)}  ${(r.ms / 1000).toFixed(1).padStart(7)}  ${r.layer.script}${r.skipped ? ` (${r.skipped})` : ''}`);
  }
  const cpu = childCpuSeconds();
  console.log(`${'total (wall)'.padEnd(width)}          ${((performance.now() - started) / 1000).toFixed(1).padStart(7)}${cpu === undefined ? '' : `  (${cpu.toFixed(1)} s CPU)`}`);
  const failed = ordered.filter((r) => !r.ok).length;
  const unchanged = ordered.filter((r) => r.unchanged).length;
  console.log(`\ntest: ${ordered.length - failed} passed${unchanged ? ` (${unchanged} with inputs unchanged since they last passed, not re-run; CI=1 runs all)` : ''}, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
