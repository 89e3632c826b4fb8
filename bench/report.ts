import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import type { LoadFigures } from './load.js';
import type { Machine } from './machine.js';
import type { ConcurrentPatchFigures, SequentialPatchFigures } from './scenarios.js';

/** Everything one `npm run bench` measured. */
export interface BenchFigures {
  startedAt: Date;
  command: string;
  machine: Machine;
  users: number;
  connections: number;
  measureSeconds: number;
  poolMax: number;
  seedSeconds: number;
  /** The bare baseline and seatsync measured in alternation, in the order they ran. */
  pairs: BenchPair[];
  sequential: SequentialPatchFigures;
  concurrent: ConcurrentPatchFigures;
  startupRssBytes: { metrics: number | null; proc: number };
  idleRssBytes: { metrics: number | null; proc: number };
  embedded: EmbeddedFigures;
  totalSeconds: number;
}

/** One A B pair: the bare baseline, then seatsync, each a lookup run and a create run. */
export interface BenchPair {
  bareLookup: LoadFigures;
  bareCreate: LoadFigures;
  lookup: LoadFigures;
  create: LoadFigures;
}

/** The embedded default (no DATABASE_URL): PGlite in the seatsync process. */
export interface EmbeddedFigures {
  users: number;
  lookup: LoadFigures;
  create: LoadFigures;
  concurrent: ConcurrentPatchFigures;
}

const lookupRatio = (p: BenchPair) => p.lookup.requestsPerSecond / p.bareLookup.requestsPerSecond;
const createRatio = (p: BenchPair) => p.create.requestsPerSecond / p.bareCreate.requestsPerSecond;

/** The pair whose lookup ratio is the median: the main table shows it, the ranges show the others. */
function medianPair(f: BenchFigures): BenchPair {
  const sorted = [...f.pairs].sort((a, b) => lookupRatio(a) - lookupRatio(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function range(values: number[], digits = 2): string {
  const low = Math.min(...values).toFixed(digits);
  const high = Math.max(...values).toFixed(digits);
  return low === high ? low : `${low}–${high}`;
}

// The DESIGN.md targets these scenarios check.
export const targets = {
  lookupRatio: 0.8,
  lookupP99Ms: 20,
  createPerSecond: 1000,
  createRatio: 0.7,
  embeddedConcurrentAddsMs: 2000,
  memberAddMs: 10,
  idleRssMB: 200,
} as const;

interface Row {
  scenario: string;
  rps: string;
  p50: string;
  p99: string;
  failed: string;
  target: string;
  verdict: string;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
const mb = (bytes: number) => bytes / 2 ** 20;
const failedOf = (f: LoadFigures) => `${f.errors} / ${f.non2xx}`;

/** "met" or "MISSED" with how far off, so a miss is never hidden in a table of numbers. */
function atLeast(value: number, target: number, unit = ''): string {
  return value >= target
    ? 'met'
    : `MISSED (${((1 - value / target) * 100).toFixed(0)}% below ${target}${unit})`;
}
function below(value: number, target: number, unit: string): string {
  return value < target
    ? 'met'
    : `MISSED (${((value / target - 1) * 100).toFixed(0)}% over ${target}${unit})`;
}

function rows(f: BenchFigures): Row[] {
  const { lookup, bareLookup, create, bareCreate } = medianPair(f);
  const ratios = f.pairs.map(lookupRatio);
  const createRatios = f.pairs.map(createRatio);
  const ratio = lookupRatio(medianPair(f));
  const lookupVerdicts = [
    `${atLeast(Math.min(...ratios), targets.lookupRatio)} at the lowest`,
    below(lookup.p99Ms, targets.lookupP99Ms, ' ms'),
  ];
  const rssMB = mb(f.idleRssBytes.metrics ?? f.idleRssBytes.proc);
  const startupMB = mb(f.startupRssBytes.metrics ?? f.startupRssBytes.proc);
  const concurrentOk = f.concurrent.membersAfter === f.concurrent.requests;
  const concurrentFailures =
    f.concurrent.requests - (f.concurrent.statuses['204'] ?? 0) - (f.concurrent.statuses['200'] ?? 0);
  return [
    {
      scenario: `GET /Users?filter=userName eq (seatsync, ${n0(f.users)} users)`,
      rps: n0(lookup.requestsPerSecond),
      p50: ms(lookup.p50Ms),
      p99: ms(lookup.p99Ms),
      failed: failedOf(lookup),
      target: `≥ ${targets.lookupRatio} × bare; p99 < ${targets.lookupP99Ms} ms`,
      verdict: `ratio ${ratio.toFixed(2)} (${f.pairs.length} pairs: ${range(ratios)}): ${lookupVerdicts[0]}; p99: ${lookupVerdicts[1]}`,
    },
    {
      scenario: 'same lookup, bare express + pg',
      rps: n0(bareLookup.requestsPerSecond),
      p50: ms(bareLookup.p50Ms),
      p99: ms(bareLookup.p99Ms),
      failed: failedOf(bareLookup),
      target: 'reference',
      verdict: '',
    },
    {
      scenario: 'POST /Users (new userName each)',
      rps: n0(create.requestsPerSecond),
      p50: ms(create.p50Ms),
      p99: ms(create.p99Ms),
      failed: failedOf(create),
      target: `≥ ${n0(targets.createPerSecond)}/s; ≥ ${targets.createRatio} × bare`,
      verdict:
        `${atLeast(create.requestsPerSecond, targets.createPerSecond, '/s')}; ratio ${createRatio(medianPair(f)).toFixed(2)}` +
        ` (${range(createRatios)}): ${atLeast(Math.min(...createRatios), targets.createRatio)} at the lowest`,
    },
    {
      scenario: 'same create, bare express + pg (row + user.created event, one statement)',
      rps: n0(bareCreate.requestsPerSecond),
      p50: ms(bareCreate.p50Ms),
      p99: ms(bareCreate.p99Ms),
      failed: failedOf(bareCreate),
      target: 'reference',
      verdict: '',
    },
    {
      scenario: `PATCH add 1 member to a ${n0(f.sequential.groupSize)}-member group (${f.sequential.requests} sequential)`,
      rps: '–',
      p50: ms(f.sequential.p50Ms),
      p99: ms(f.sequential.p99Ms),
      failed: `0 / ${f.sequential.failures}`,
      target: `< ${targets.memberAddMs} ms`,
      verdict: `p50: ${below(f.sequential.p50Ms, targets.memberAddMs, ' ms')}; p99: ${below(f.sequential.p99Ms, targets.memberAddMs, ' ms')}`,
    },
    {
      scenario: `${f.concurrent.requests} concurrent PATCH member adds, one fresh group`,
      rps: '–',
      p50: '–',
      p99: '–',
      failed: `0 / ${concurrentFailures}`,
      target: `exactly ${f.concurrent.requests} members`,
      verdict: `${f.concurrent.membersAfter} members in ${n0(f.concurrent.wallMs)} ms: ${concurrentOk ? 'met' : 'MISSED (adds lost)'}`,
    },
    {
      scenario: 'idle server RSS after start-up (before load)',
      rps: '–',
      p50: '–',
      p99: '–',
      failed: '–',
      target: `< ${targets.idleRssMB} MB`,
      verdict: `${startupMB.toFixed(0)} MB: ${below(startupMB, targets.idleRssMB, ' MB')}`,
    },
    {
      scenario: 'idle server RSS after the run',
      rps: '–',
      p50: '–',
      p99: '–',
      failed: '–',
      target: `< ${targets.idleRssMB} MB`,
      verdict: `${rssMB.toFixed(0)} MB: ${below(rssMB, targets.idleRssMB, ' MB')}`,
    },
    ...embeddedRows(f.embedded),
  ];
}

function embeddedRows(e: EmbeddedFigures): Row[] {
  const ok = e.concurrent.membersAfter === e.concurrent.requests;
  return [
    {
      scenario: `embedded default: GET lookup (${n0(e.users)} users)`,
      rps: n0(e.lookup.requestsPerSecond),
      p50: ms(e.lookup.p50Ms),
      p99: ms(e.lookup.p99Ms),
      failed: failedOf(e.lookup),
      target: '–',
      verdict: '',
    },
    {
      scenario: 'embedded default: POST /Users',
      rps: n0(e.create.requestsPerSecond),
      p50: ms(e.create.p50Ms),
      p99: ms(e.create.p99Ms),
      failed: failedOf(e.create),
      target: '–',
      verdict: '',
    },
    {
      scenario: `embedded default: ${e.concurrent.requests} concurrent PATCH member adds`,
      rps: '–',
      p50: '–',
      p99: '–',
      failed: `0 / ${e.concurrent.requests - (e.concurrent.statuses['204'] ?? 0) - (e.concurrent.statuses['200'] ?? 0)}`,
      target: `exactly ${e.concurrent.requests}; < ${n0(targets.embeddedConcurrentAddsMs)} ms`,
      verdict: `${e.concurrent.membersAfter} members in ${n0(e.concurrent.wallMs)} ms: ${ok ? below(e.concurrent.wallMs, targets.embeddedConcurrentAddsMs, ' ms') : 'MISSED (adds lost)'}`,
    },
  ];
}

const HEADER: Row = {
  scenario: 'scenario',
  rps: 'req/s',
  p50: 'p50 ms',
  p99: 'p99 ms',
  failed: 'errors / non-2xx',
  target: 'target',
  verdict: 'result',
};
const COLUMNS = Object.keys(HEADER) as Array<keyof Row>;

/** A fixed-width table for the terminal. */
export function consoleTable(f: BenchFigures): string {
  const all = [HEADER, ...rows(f)];
  const widths = COLUMNS.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: Row) => COLUMNS.map((c, i) => r[c].padEnd(widths[i] ?? 0)).join('  ');
  return [
    line(HEADER),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows(f).map(line),
    '',
    cpuTable(f),
  ].join('\n');
}

function markdownTable(f: BenchFigures): string {
  const line = (r: Row) => `| ${COLUMNS.map((c) => r[c].replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(HEADER), `|${COLUMNS.map(() => '---').join('|')}|`, ...rows(f).map(line)].join('\n');
}

/** Who spent the CPU, per request: on a machine this small the three parties share the cores. */
function cpuTable(f: BenchFigures): string {
  const row = (name: string, l: LoadFigures) => {
    const c = l.cpuMsPerRequest;
    const total = c.server + (c.postgres ?? 0) + c.loadGenerator;
    const pg = c.postgres === null ? 'n/a' : c.postgres.toFixed(2);
    const others = `${(l.otherCpuShare * 100).toFixed(0)}%`;
    return `| ${name} | ${c.server.toFixed(2)} | ${pg} | ${c.loadGenerator.toFixed(2)} | ${total.toFixed(2)} | ${others} |`;
  };
  return [
    '| CPU ms per request | server process | PostgreSQL | load generator | total | other processes (share of all CPUs) |',
    '|---|---|---|---|---|---|',
    ...f.pairs.flatMap((p, i) => [
      row(`pair ${i + 1}: GET lookup, bare express + pg`, p.bareLookup),
      row(`pair ${i + 1}: POST /Users, bare express + pg`, p.bareCreate),
      row(`pair ${i + 1}: GET lookup, seatsync`, p.lookup),
      row(`pair ${i + 1}: POST /Users, seatsync`, p.create),
    ]),
    row('embedded: GET lookup (database in the server process)', f.embedded.lookup),
    row('embedded: POST /Users', f.embedded.create),
  ].join('\n');
}

function latestRun(f: BenchFigures, notes: string[]): string {
  const m = f.machine;
  const statuses = (s: Record<string, number>) =>
    Object.entries(s)
      .map(([code, count]) => `${code}: ${n0(count)}`)
      .join(', ');
  return [
    '## Latest run',
    '',
    `- Command: \`${f.command}\` at ${m.revision}`,
    `- Date: ${f.startedAt.toISOString()}`,
    `- Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.memoryGiB} GiB RAM, ${m.os}`,
    `- Node ${m.node}; PostgreSQL ${m.postgres} on 127.0.0.1 (server settings untouched)`,
    '- seatsync and the bare baseline ran compiled to JavaScript, as the Docker image runs seatsync (a build of this checkout made for the run)',
    `- Load: autocannon in the benchmark process, ${f.connections} connections, ${f.measureSeconds} s measured after a warm-up;` +
      ` seatsync and the bare baseline each a child process with a pool of ${f.poolMax} connections; all on the same ${m.cpus} CPUs as PostgreSQL.`,
    `- Seeding ${n0(f.users)} users by SQL: ${f.seedSeconds.toFixed(1)} s. Whole run: ${f.totalSeconds.toFixed(0)} s.`,
    '',
    markdownTable(f),
    '',
    cpuTable(f),
    '',
    pairsTable(f),
    '',
    `Requests counted (the median pair): lookup ${n0(medianPair(f).lookup.total)} (${statuses(medianPair(f).lookup.statusCodes)}),` +
      ` bare ${n0(medianPair(f).bareLookup.total)} (${statuses(medianPair(f).bareLookup.statusCodes)}),` +
      ` create ${n0(medianPair(f).create.total)} (${statuses(medianPair(f).create.statusCodes)}).` +
      ` Member adds: mean ${ms(f.sequential.meanMs)} ms, max ${ms(f.sequential.maxMs)} ms; the group ended with` +
      ` ${n0(f.sequential.membersAfter)} members (expected ${n0(f.sequential.expectedMembersAfter)}).` +
      ` Concurrent adds answered ${statuses(f.concurrent.statuses)}.` +
      ` Idle RSS: ${f.idleRssBytes.metrics === null ? 'n/a' : `${mb(f.idleRssBytes.metrics).toFixed(0)} MB`} by /metrics, ${mb(f.idleRssBytes.proc).toFixed(0)} MB by /proc.`,
    ...disturbance(f).map((warning) => `\n**${warning}**`),
    ...(notes.length > 0 ? ['', ...notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

/** Each pair's figures, in the order they ran (A B A B …). */
function pairsTable(f: BenchFigures): string {
  return [
    '| pair | bare lookup/s | seatsync lookup/s | lookup ratio | bare create/s | seatsync create/s | create ratio |',
    '|---|---|---|---|---|---|---|',
    ...f.pairs.map(
      (p, i) =>
        `| ${i + 1} | ${n0(p.bareLookup.requestsPerSecond)} | ${n0(p.lookup.requestsPerSecond)} | ${lookupRatio(p).toFixed(2)} |` +
        ` ${n0(p.bareCreate.requestsPerSecond)} | ${n0(p.create.requestsPerSecond)} | ${createRatio(p).toFixed(2)} |`,
    ),
  ].join('\n');
}

/** A run while other work used the CPUs is not a measurement of seatsync; say so where the figures are. */
export function disturbance(f: BenchFigures): string[] {
  const worst = Math.max(
    ...f.pairs.flatMap((p) => [p.lookup, p.bareLookup, p.create, p.bareCreate].map((l) => l.otherCpuShare)),
  );
  if (worst < 0.1) return [];
  return [
    `Warning: other processes used up to ${(worst * 100).toFixed(0)}% of the machine's CPUs during the measured runs ` +
      '(see the last column above); throughput and latency are understated. Re-run on a quiet machine.',
  ];
}

const INTRO = `# Benchmarks

Figures for the targets in DESIGN.md ("Targets"), measured by \`npm run bench\` (bench/run.ts) against a real
PostgreSQL. They are measurements of one machine at one time, not timed tests: nothing fails when a figure is
slow, but a missed target is said so below.

`;

/** Rewrites the "Latest run" section of BENCHMARKS.md and leaves every other section as it is. */
export async function writeBenchmarksFile(path: string, f: BenchFigures, notes: string[]): Promise<void> {
  const current = existsSync(path) ? await readFile(path, 'utf8') : INTRO;
  const section = latestRun(f, notes);
  const start = current.indexOf('## Latest run');
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + 1);
    next = current.slice(0, start) + section + (after === -1 ? '' : `\n${current.slice(after + 1)}`);
  }
  // Written as `npx prettier --write` would leave it, so the file stays formatted after every run.
  const formatted = await format(next, { ...(await resolveConfig(path)), parser: 'markdown' });
  await writeFile(path, formatted);
}
