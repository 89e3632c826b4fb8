import autocannon from 'autocannon';
import { availableParallelism } from 'node:os';
import { cpuDelta, otherCpu, type CpuMeter, type CpuTimes } from './cpu-meter.js';

/** What one autocannon run is summarised as in the report. */
export interface LoadFigures {
  requestsPerSecond: number;
  /** Milliseconds; autocannon's histogram has 1 ms resolution. */
  p50Ms: number;
  p99Ms: number;
  total: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** CPU milliseconds per completed request, by party, over the measured run. */
  cpuMsPerRequest: Omit<CpuTimes, 'machine'>;
  /** Share of the machine's CPUs (0–1) used by other processes during the measured run; high means noisy figures. */
  otherCpuShare: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  warmupSeconds: number;
  measureSeconds: number;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Called for every request: the path (with query) and, for POST, the body. */
  next: () => { path: string; body?: string };
  cpu: CpuMeter;
}

/**
 * A short warm-up run (JIT, connection pools, PostgreSQL's caches) whose figures are thrown away, then the
 * measured run. Each request is built by `next`, so lookups spread over the whole table and creates never
 * collide on a userName.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  await run(options, options.warmupSeconds);
  const before = await options.cpu.read();
  const started = performance.now();
  const result = await run(options, options.measureSeconds);
  const used = cpuDelta(before, await options.cpu.read());
  const wallMs = performance.now() - started;
  const perRequest = (ms: number) => ms / Math.max(1, result.requests.total);
  return {
    ...summarise(result),
    cpuMsPerRequest: {
      server: perRequest(used.server),
      postgres: used.postgres === null ? null : perRequest(used.postgres),
      loadGenerator: perRequest(used.loadGenerator),
    },
    otherCpuShare: otherCpu(used) / (wallMs * availableParallelism()),
  };
}

function run(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    // A server that stops answering must not hang the run: time out each request, count it as an error.
    timeout: 10,
    requests: [
      {
        method: options.method,
        headers: options.headers,
        setupRequest: (request) => {
          const { path, body } = options.next();
          return { ...request, path, ...(body === undefined ? {} : { body }) };
        },
      },
    ],
  });
}

function summarise(result: autocannon.Result): Omit<LoadFigures, 'cpuMsPerRequest' | 'otherCpuShare'> {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stats.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors, // autocannon counts timeouts among the errors
    statusCodes,
  };
}
