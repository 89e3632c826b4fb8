import { Agent, request } from 'node:http';

export interface Timed {
  status: number;
  body: string;
  /** Wall time from sending the request to the end of the response, in milliseconds. */
  ms: number;
}

/**
 * A plain keep-alive HTTP client for the latency scenarios: one request at a time is timed with hrtime (sub-ms,
 * which autocannon's 1 ms histogram is not), and the connection is reused as an IdP's would be.
 */
export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
  ) {}

  send(method: string, path: string, body?: unknown): Promise<Timed> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
          },
          timeout: 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString(),
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The q-th percentile (0–100) of `values`, nearest-rank. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
