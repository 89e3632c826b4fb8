import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter } from '../outbox/retry-delay.js';
import { checkTargetUrl, guardedLookup, type TargetPolicy } from './target-guard.js';

export interface WebhookResponse {
  /** `delivered` on 2xx; everything else is worth another attempt later. */
  outcome: 'delivered' | 'retry';
  statusCode: number | null;
  error: string | null;
  /** The receiver's Retry-After on 429 or 503, in seconds. */
  retryAfterSeconds: number | null;
}

const RESPONSE_BYTES_READ = 4096;

/**
 * POSTs signed webhook bodies. Keep-alive agents (one per scheme) reuse connections to a receiver across
 * messages; their lookup refuses non-public addresses unless the operator allows private targets. Redirects are
 * never followed (node's http does not), so a 3xx cannot lead a delivery into a private network: it is a failed
 * attempt, as the Standard Webhooks specification treats it.
 */
export class WebhookSender {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: { policy: TargetPolicy; timeoutMs: number; userAgent?: string }) {
    const lookup = guardedLookup(options.policy);
    const agentOptions = { keepAlive: true, maxSockets: 64, ...(lookup ? { lookup } : {}) };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  async post(target: string, headers: Record<string, string>, body: string): Promise<WebhookResponse> {
    let url: URL;
    try {
      url = checkTargetUrl(target, this.options.policy);
    } catch (error) {
      return { outcome: 'retry', statusCode: null, error: (error as Error).message, retryAfterSeconds: null };
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<WebhookResponse>((resolve) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
          headers: {
            ...headers,
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': this.options.userAgent ?? 'seatsync-webhooks/1',
          },
          timeout: this.options.timeoutMs,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          let read = 0;
          let excerpt = '';
          response.on('data', (chunk: Buffer) => {
            if (read < RESPONSE_BYTES_READ)
              excerpt += chunk.subarray(0, RESPONSE_BYTES_READ - read).toString();
            read += chunk.length;
          });
          response.on('end', () => {
            if (status >= 200 && status < 300)
              return resolve({
                outcome: 'delivered',
                statusCode: status,
                error: null,
                retryAfterSeconds: null,
              });
            const retryAfter =
              status === 429 || status === 503
                ? parseRetryAfter(headerValue(response.headers['retry-after']), new Date())
                : null;
            const why =
              status >= 300 && status < 400
                ? `redirect to ${response.headers.location ?? '?'} not followed`
                : excerpt;
            resolve({
              outcome: 'retry',
              statusCode: status,
              error: `HTTP ${status}${why ? `: ${why.slice(0, 300)}` : ''}`,
              retryAfterSeconds: retryAfter,
            });
          });
          response.on('error', (error) =>
            resolve({ outcome: 'retry', statusCode: status, error: error.message, retryAfterSeconds: null }),
          );
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)),
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          outcome: 'retry',
          statusCode: null,
          error:
            error.code === 'ETARGETBLOCKED' ? error.message : `${error.code ?? 'error'}: ${error.message}`,
          retryAfterSeconds: null,
        }),
      );
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
