import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
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
  lookup: LoadFigures;
  bareLookup: LoadFigures;
  create: LoadFigures;
  sequential: SequentialPatchFigures;
  concurrent: ConcurrentPatchFigures;
  startupRssBytes: { metrics: number | null; proc: number };
  idleRssBytes: { metrics: number | null; proc: number };
  /** How the seatsync child ran: compiled dist/ (as the Docker image does) or the TypeScript sources through tsx. */
  seatsyncBuild: 'dist' | 'tsx';
  totalSeconds: number;
}

// The DESIGN.md targets these scenarios check.
export const targets = {
  lookupRatio: 0.8,
  lookupP99Ms: 20,
  createPerSecond: 1000,
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
  const ratio = f.lookup.requestsPerSecond / f.bareLookup.requestsPerSecond;
  const lookupVerdicts = [
    atLeast(ratio, targets.lookupRatio),
    below(f.lookup.p99Ms, targets.lookupP99Ms, ' ms'),
  ];
  const rssMB = mb(f.idleRssBytes.metrics ?? f.idleRssBytes.proc);
  const startupMB = mb(f.startupRssBytes.metrics ?? f.startupRssBytes.proc);
  const concurrentOk = f.concurrent.membersAfter === f.concurrent.requests;
  const concurrentFailures =
    f.concurrent.requests - (f.concurrent.statuses['204'] ?? 0) - (f.concurrent.statuses['200'] ?? 0);
  return [
    {
      scenario: `GET /Users?filter=userName eq (seatsync, ${n0(f.users)} users)`,
      rps: n0(f.lookup.requestsPerSecond),
      p50: ms(f.lookup.p50Ms),
      p99: ms(f.lookup.p99Ms),
      failed: failedOf(f.lookup),
      target: `≥ ${targets.lookupRatio} × bare; p99 < ${targets.lookupP99Ms} ms`,
      verdict: `ratio ${ratio.toFixed(2)}: ${lookupVerdicts[0]}; p99: ${lookupVerdicts[1]}`,
    },
    {
      scenario: 'same lookup, bare express + pg',
      rps: n0(f.bareLookup.requestsPerSecond),
      p50: ms(f.bareLookup.p50Ms),
      p99: ms(f.bareLookup.p99Ms),
      failed: failedOf(f.bareLookup),
      target: 'reference',
      verdict: '',
    },
    {
      scenario: 'POST /Users (new userName each)',
      rps: n0(f.create.requestsPerSecond),
      p50: ms(f.create.p50Ms),
      p99: ms(f.create.p99Ms),
      failed: failedOf(f.create),
      target: `≥ ${n0(targets.createPerSecond)}/s`,
      verdict: atLeast(f.create.requestsPerSecond, targets.createPerSecond, '/s'),
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
    row('GET lookup, seatsync', f.lookup),
    row('GET lookup, bare express + pg', f.bareLookup),
    row('POST /Users, seatsync', f.create),
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
    `- seatsync ran ${f.seatsyncBuild === 'dist' ? 'from the compiled dist/ (as in the Docker image)' : 'from the TypeScript sources through tsx (no dist/ build present)'}`,
    `- Load: autocannon in the benchmark process, ${f.connections} connections, ${f.measureSeconds} s measured after a warm-up;` +
      ` seatsync and the bare baseline each a child process with a pool of ${f.poolMax} connections; all on the same ${m.cpus} CPUs as PostgreSQL.`,
    `- Seeding ${n0(f.users)} users by SQL: ${f.seedSeconds.toFixed(1)} s. Whole run: ${f.totalSeconds.toFixed(0)} s.`,
    '',
    markdownTable(f),
    '',
    cpuTable(f),
    '',
    `Requests counted: lookup ${n0(f.lookup.total)} (${statuses(f.lookup.statusCodes)}), bare ${n0(f.bareLookup.total)}` +
      ` (${statuses(f.bareLookup.statusCodes)}), create ${n0(f.create.total)} (${statuses(f.create.statusCodes)}).` +
      ` Member adds: mean ${ms(f.sequential.meanMs)} ms, max ${ms(f.sequential.maxMs)} ms; the group ended with` +
      ` ${n0(f.sequential.membersAfter)} members (expected ${n0(f.sequential.expectedMembersAfter)}).` +
      ` Concurrent adds answered ${statuses(f.concurrent.statuses)}.` +
      ` Idle RSS: ${f.idleRssBytes.metrics === null ? 'n/a' : `${mb(f.idleRssBytes.metrics).toFixed(0)} MB`} by /metrics, ${mb(f.idleRssBytes.proc).toFixed(0)} MB by /proc.`,
    ...disturbance(f).map((warning) => `\n**${warning}**`),
    ...(notes.length > 0 ? ['', ...notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

/** A run while other work used the CPUs is not a measurement of seatsync; say so where the figures are. */
export function disturbance(f: BenchFigures): string[] {
  const worst = Math.max(f.lookup.otherCpuShare, f.bareLookup.otherCpuShare, f.create.otherCpuShare);
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
  await writeFile(path, next.endsWith('\n') ? next : `${next}\n`);
}
