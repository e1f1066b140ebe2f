// `npm run bench:mock`: this mock against the Prism CLI on the same spec, in one run, under the same load
// (autocannon, 10 connections, GET /signup-plus/accounts with a valid bearer). Prints req/s, p50/p99, their
// ratio, cold start (spawn to first answered request; median of 5: the Prism CLI, the compiled bin, `npm start`)
// and the mock's RSS before/after 100,000 requests. Exits 1 when a target is missed: >= 2x Prism's req/s,
// p99 < 10 ms, `npm start` cold start < 0.5 s, RSS growth <= 20%. Run `npm run build` first (npm start does).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../lib/loopback.ts';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { mintToken } from '../../mocks/tokens.ts';
import { ROOT_DIR, SPEC_RELATIVE_PATH } from '../lib/project-paths.ts';

/** The part of autocannon's programmatic API used here (the package ships no type declarations). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const CONNECTIONS = 10;
const PRISM_SECONDS = 10;
const MOCK_REQUESTS = 100_000;
const TARGETS = { ratio: 2, p99Ms: 10, startMs: 500, rssGrowth: 0.2 };
const COLD_STARTS = 5;

interface Load {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}



function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** Spawns a server and polls the real request until it answers 200; resolves with the time it took. */
async function spawnServer(command: string, args: string[], url: string, headers: Record<string, string>): Promise<{ child: ChildProcess; startMs: number }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT_DIR, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited ${child.exitCode}: ${stderr}`);
    if (performance.now() - started > 30_000) throw new Error(`${url} did not answer within 30 s`);
    try {
      const answer = await fetch(url, { headers });
      await answer.arrayBuffer();
      if (answer.status === 200) return { child, startMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Median time from spawn to the first answered request, over COLD_STARTS fresh processes. */
async function coldStartMs(start: (port: number) => [string, string[]], headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const port = await freePort();
    const [command, args] = start(port);
    const server = await spawnServer(command, args, `http://127.0.0.1:${port}/signup-plus/accounts`, headers);
    times.push(server.startMs);
    await stop(server.child);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve(); // already gone
    }
  });
}

async function load(url: string, headers: Record<string, string>, limit: { duration: number } | { amount: number }): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, headers, ...limit });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<number> {
  const token = mintToken('single-account', 'access', 3600);
  const headers = { authorization: `Bearer ${token}` };
  const children: ChildProcess[] = [];
  try {
    // Prism CLI: any bearer passes its security check, and the first 200 example (single-account) answers.
    const prismPort = await freePort();
    const prismUrl = `http://127.0.0.1:${prismPort}/signup-plus/accounts`;
    const prism = await spawnServer(join(ROOT_DIR, 'node_modules/.bin/prism'), ['mock', SPEC_RELATIVE_PATH, '-h', '127.0.0.1', '-p', String(prismPort)], prismUrl, headers);
    children.push(prism.child);
    await load(prismUrl, headers, { duration: 2 });
    const prismLoad = await load(prismUrl, headers, { duration: PRISM_SECONDS });
    await stop(prism.child);

    const mockPort = await freePort();
    const mockUrl = `http://127.0.0.1:${mockPort}/signup-plus/accounts`;
    const mock = await spawnServer(process.execPath, ['bin/signup-plus-harness.js', 'mock', '--quiet', '--port', String(mockPort)], mockUrl, headers);
    children.push(mock.child);
    // Warm-up by count, not time: the compiled mock starts without Prism's 90 MiB, and its heap grows to its
    // working size (about 90 MiB) over the first ~100,000 requests, then stays flat; growth is measured after.
    await load(mockUrl, headers, { amount: MOCK_REQUESTS });
    const rssBefore = rssMiB(mock.child.pid!);
    const mockLoad = await load(mockUrl, headers, { amount: MOCK_REQUESTS });
    const rssAfter = rssMiB(mock.child.pid!);
    await stop(mock.child);

    const prismCold = await coldStartMs((port) => [join(ROOT_DIR, 'node_modules/.bin/prism'), ['mock', SPEC_RELATIVE_PATH, '-h', '127.0.0.1', '-p', String(port)]], headers);
    const binCold = await coldStartMs((port) => [process.execPath, ['bin/signup-plus-harness.js', 'mock', '--quiet', '--port', String(port)]], headers);
    const npmCold = await coldStartMs((port) => ['npm', ['start', '--silent', '--', '--quiet', '--port', String(port)]], headers);

    const ratio = mockLoad.reqPerSec / prismLoad.reqPerSec;
    const growth = (rssAfter - rssBefore) / rssBefore;
    const rows = [
      ['', 'Prism CLI', 'this mock'],
      ['req/s', fmt(prismLoad.reqPerSec), fmt(mockLoad.reqPerSec)],
      ['p50 latency (ms)', fmt(prismLoad.p50, 1), fmt(mockLoad.p50, 1)],
      ['p99 latency (ms)', fmt(prismLoad.p99, 1), fmt(mockLoad.p99, 1)],
      ['requests (non-2xx, errors)', `${fmt(prismLoad.requests)} (${prismLoad.non2xx}, ${prismLoad.errors})`, `${fmt(mockLoad.requests)} (${mockLoad.non2xx}, ${mockLoad.errors})`],
      [`cold start, median of ${COLD_STARTS} (ms)`, fmt(prismCold), fmt(binCold)],
      ['  through `npm start` (ms)', '', fmt(npmCold)],
    ];
    console.log(`GET /signup-plus/accounts, ${CONNECTIONS} connections; Prism ${PRISM_SECONDS} s, mock ${fmt(MOCK_REQUESTS)} requests\n`);
    for (const [a, b, c] of rows) console.log(`${a!.padEnd(30)}${b!.padStart(16)}${c!.padStart(16)}`);
    console.log(`\nratio (mock / Prism CLI req/s): ${fmt(ratio, 2)}x`);
    console.log(`mock RSS: ${fmt(rssBefore, 1)} MiB before, ${fmt(rssAfter, 1)} MiB after ${fmt(MOCK_REQUESTS)} requests (${growth >= 0 ? '+' : ''}${fmt(growth * 100, 1)}%)`);

    const misses = [
      ratio < TARGETS.ratio && `req/s ratio ${fmt(ratio, 2)}x < ${TARGETS.ratio}x`,
      mockLoad.p99 >= TARGETS.p99Ms && `p99 ${mockLoad.p99} ms >= ${TARGETS.p99Ms} ms`,
      npmCold >= TARGETS.startMs && `npm start cold start ${fmt(npmCold)} ms >= ${TARGETS.startMs} ms`,
      growth > TARGETS.rssGrowth && `RSS growth ${fmt(growth * 100, 1)}% > ${TARGETS.rssGrowth * 100}%`,
      (mockLoad.non2xx > 0 || mockLoad.errors > 0) && `mock answered ${mockLoad.non2xx} non-2xx and ${mockLoad.errors} errors`,
    ].filter(Boolean);
    console.log(misses.length ? `\nbench:mock FAILED: ${misses.join('; ')}` : '\nbench:mock: all targets met (>= 2x Prism CLI, p99 < 10 ms, npm start < 0.5 s, RSS growth <= 20%)');
    return misses.length ? 1 : 0;
  } finally {
    await Promise.all(children.map(stop));
  }
}

process.exitCode = await main();
