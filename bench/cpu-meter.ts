import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** CPU time (ms) spent by each party of a load test: the server under test, PostgreSQL and the load generator. */
export interface CpuTimes {
  server: number;
  /** null when PostgreSQL is not on this machine (its processes cannot be seen). */
  postgres: number | null;
  loadGenerator: number;
  /** Busy time of all CPUs of the machine, whoever used it: what is left after the three above is other work. */
  machine: number;
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/**
 * Reads CPU time from Linux's /proc. On a small machine the load generator, the server and PostgreSQL compete for
 * the same cores, so requests/s alone cannot say whose work limits it; CPU milliseconds per request can.
 */
export class CpuMeter {
  /**
   * `backendPids` lists the PostgreSQL backends serving the benchmark's database (pg_stat_activity), or null when
   * PostgreSQL is on another machine. Only those count: other sessions on the same server are other work.
   */
  constructor(
    private readonly serverPid: number,
    private readonly backendPids: (() => Promise<number[]>) | null,
  ) {}

  async read(): Promise<CpuTimes> {
    const self = process.cpuUsage();
    return {
      server: (await processTicks(this.serverPid)) * TICK_MS,
      postgres: this.backendPids ? (await backendTicks(await this.backendPids())) * TICK_MS : null,
      loadGenerator: (self.user + self.system) / 1000,
      machine: (await machineBusyTicks()) * TICK_MS,
    };
  }
}

export function cpuDelta(before: CpuTimes, after: CpuTimes): CpuTimes {
  return {
    server: after.server - before.server,
    postgres: after.postgres === null || before.postgres === null ? null : after.postgres - before.postgres,
    loadGenerator: after.loadGenerator - before.loadGenerator,
    machine: after.machine - before.machine,
  };
}

/**
 * CPU of backends that exist at both readings is exact; a backend that connects or exits in between is counted
 * from the reading where it was seen, which the pools (connections held for the whole run) keep rare.
 */
async function backendTicks(pids: number[]): Promise<number> {
  const ticks = await Promise.all(pids.map((pid) => processTicks(pid)));
  return ticks.reduce((sum, t) => sum + t, 0);
}

/** The CPU time of processes other than the three parties, e.g. a test suite someone runs meanwhile. */
export function otherCpu(used: CpuTimes): number {
  return Math.max(0, used.machine - used.server - (used.postgres ?? 0) - used.loadGenerator);
}

/** /proc/stat's first line: user nice system idle iowait irq softirq steal …; busy is all but idle and iowait. */
async function machineBusyTicks(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** utime + stime of one process in clock ticks (0 when it has exited). */
async function processTicks(pid: number): Promise<number> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start at the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const field = (n: number) => Number(fields[n - 3]); // man 5 proc numbers fields from 1; state is field 3
    return field(14) + field(15);
  } catch {
    return 0;
  }
}

/** True when the server at `url` runs on this machine, so its processes are visible in /proc. */
export function isLocalDatabase(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);
}
