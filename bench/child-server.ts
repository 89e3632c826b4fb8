import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * An HTTP server under test, run as a child process: the load generator then has an event loop of its own,
 * as it would against a deployed service (on a 2-core machine they still share the CPUs; see BENCHMARKS.md).
 */
export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  readonly baseUrl: string;
  /** Resident set size of the child right now (Linux /proc), in bytes. */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  name: string;
  /** Arguments to `node` (the same Node binary that runs the benchmark). */
  args: string[];
  env: Record<string, string>;
  cwd: string;
  port: number;
  startTimeoutMs?: number;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail of the child's output: when it dies, that is the only explanation there is.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start`);

  const baseUrl = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilHealthy(child, `${baseUrl}/healthz`, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${options.name} did not become healthy: ${(error as Error).message}\n${tail.join('')}`);
  }
  return {
    name: options.name,
    pid,
    baseUrl,
    rssBytes: () => rssOf(pid),
    stop: () => stopChild(child),
  };
}

async function waitUntilHealthy(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/** SIGTERM (seatsync drains and closes its pool), SIGKILL if it has not exited within 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}
