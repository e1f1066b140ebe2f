// `npm run bench:client`: the client's getAccounts against a bare undici request to the same local server, in
// one run, alternating rounds so that drift hits every variant alike. Fails (exit 1) when the client costs more
// than 10% over bare undici without validation, or 25% with it. The server runs in a child process, so the
// figures are the client process's own cost, not shared with the server's.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { Agent, request } from 'undici';
import { EXAMPLES_DIR } from '../lib/project-paths.ts';
import { createClient, customEnvironment, precompileValidators } from '../../src/index.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '31' },
    'per-round': { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '6000' },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values['per-round']);
const concurrency = Number(values.concurrency);
const warmup = Number(values.warmup);
const TARGETS = { off: 0.10, on: 0.25 };

// A bare node:http server answering the single-account identity, as TrueLayer would (JSON + trace id header).
const SERVER = `
import { createServer } from 'node:http';
const body = Buffer.from(process.argv[1]);
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'tl-trace-id': '4f7e8c2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b' });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const body = JSON.stringify(JSON.parse(await readFile(join(EXAMPLES_DIR, 'signup-plus-accounts.single-account.json'), 'utf8')));
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER, body], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${chunk.toString().trim()}`, stop: () => child.kill() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Sample {
  wallUs: number;
  cpuUs: number;
}

/** Wall time and this process's CPU time (user + system) for `calls` calls at the set concurrency. */
async function run(calls: number, fn: () => Promise<unknown>): Promise<Sample> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < calls) await fn();
    }),
  );
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { wallUs, cpuUs: used.user + used.system };
}

const server = await startServer();
const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 60_000 });
const environment = customEnvironment({ authUrl: server.url, apiUrl: server.url });
const clientOff = createClient({ environment, clientId: 'bench', dispatcher, validateResponses: false });
const clientOn = createClient({ environment, clientId: 'bench', dispatcher, validateResponses: true });
const accessToken = 'bench-access-token';

const variants = {
  bare: async () => {
    const res = await request(`${server.url}/signup-plus/accounts`, {
      dispatcher,
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    if (res.statusCode !== 200) throw new Error(`bare request got HTTP ${res.statusCode}`);
    return res.body.json();
  },
  off: () => clientOff.getAccounts({ accessToken }),
  on: () => clientOn.getAccounts({ accessToken }),
} satisfies Record<string, () => Promise<unknown>>;
type Variant = keyof typeof variants;
const names = Object.keys(variants) as Variant[];

let exitCode = 1;
try {
  precompileValidators();
  for (const name of names) await run(warmup, variants[name]);
  const zero = (): Sample => ({ wallUs: 0, cpuUs: 0 });
  const totals: Record<Variant, Sample> = { bare: zero(), off: zero(), on: zero() };
  const ratios: Record<'off' | 'on', { cpu: number[]; wall: number[] }> = { off: { cpu: [], wall: [] }, on: { cpu: [], wall: [] } };
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no variant always runs first (or right after GC-heavy work).
    const round: Record<Variant, Sample> = { bare: zero(), off: zero(), on: zero() };
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length]!;
      round[name] = await run(perRound, variants[name]);
      totals[name].wallUs += round[name].wallUs;
      totals[name].cpuUs += round[name].cpuUs;
    }
    for (const name of ['off', 'on'] as const) {
      ratios[name].cpu.push(round[name].cpuUs / round.bare.cpuUs - 1);
      ratios[name].wall.push(round[name].wallUs / round.bare.wallUs - 1);
    }
  }
  const calls = rounds * perRound;
  const cpuUs = (name: Variant) => totals[name].cpuUs / calls;
  const wallUs = (name: Variant) => totals[name].wallUs / calls;
  // The verdict uses this process's CPU time per call, as the median of per-round ratios: the machine is shared
  // (other test runs, the server), so wall time mostly measures the neighbours; CPU time measures the client.
  const ratio = (name: 'off' | 'on') => median(ratios[name].cpu);
  const wallRatio = (name: 'off' | 'on') => median(ratios[name].wall);
  const pct = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  console.log(`client bench: ${calls} calls per variant, concurrency ${concurrency}, ${rounds} alternating rounds, server in a child process`);
  console.log('variant                       CPU µs/call  overhead   wall µs/call    req/s  wall overhead   target (CPU)');
  const row = (label: string, name: Variant) =>
    console.log(
      [
        label.padEnd(28),
        cpuUs(name).toFixed(1).padStart(12),
        (name === 'bare' ? '—' : pct(ratio(name))).padStart(9),
        wallUs(name).toFixed(1).padStart(14),
        Math.round(1e6 / wallUs(name)).toString().padStart(8),
        (name === 'bare' ? '—' : pct(wallRatio(name))).padStart(14),
        name === 'bare' ? '' : `   <= +${TARGETS[name] * 100}%`,
      ].join(' '),
    );
  row('bare undici request', 'bare');
  row('getAccounts, validation off', 'off');
  row('getAccounts, validation on', 'on');
  const missed = (['off', 'on'] as const).filter((name) => !(ratio(name) <= TARGETS[name]));
  console.log(
    missed.length === 0
      ? `PASS client overhead (CPU): ${pct(ratio('off'))} without validation, ${pct(ratio('on'))} with`
      : `FAIL client overhead (CPU) over target: ${missed.map((n) => `${n === 'off' ? 'without' : 'with'} validation ${pct(ratio(n))} > +${TARGETS[n] * 100}%`).join('; ')}`,
  );
  exitCode = missed.length === 0 ? 0 : 1;
} finally {
  server.stop();
  await dispatcher.close();
}
process.exitCode = exitCode;
