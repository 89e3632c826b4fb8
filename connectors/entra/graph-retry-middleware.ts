import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { ConnectorError } from './connector-error.js';
import type { ConnectorLogger } from './connector-logger.js';

export interface RetryPolicy {
  /** Attempts per request for throttling, 5xx and network failures, the first one included. */
  maxAttempts: number;
  /** Upper bound on a server-requested `Retry-After` wait. */
  maxRetryAfterMs: number;
  /** First backoff when the server gives no `Retry-After`; doubles per failure. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Per-attempt timeout; a hung connection counts as a network failure. */
  requestTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  maxRetryAfterMs: 120_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  requestTimeoutMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TokenInvalidator {
  invalidate(): void;
}

/**
 * Per-request state passed with `.middlewareOptions([outcome])`. The Graph client turns anything a
 * middleware throws into a GraphError that keeps only the message, so the original error is kept
 * here for the caller to classify.
 */
export class RequestOutcome implements MiddlewareOptions {
  error: unknown;
  attempts = 0;
  constructor(readonly maxAttempts?: number) {}
}

// Graph's documented transient statuses: throttling, service unavailable, gateway timeout.
const TRANSIENT_STATUSES = new Set([429, 503, 504]);

function isTransientError(error: unknown): boolean {
  if (error instanceof ConnectorError) return error.retryable;
  // fetch reports refused/reset connections as TypeError and timeouts as TimeoutError/AbortError.
  return (
    error instanceof TypeError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value.trim(), 10) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Our own retry layer, first in the chain, instead of the SDK's RetryHandler: that one does not
 * retry network errors, cannot cap a long Retry-After, and knows nothing of token refresh. Each
 * attempt re-runs the rest of the chain from the original URL and headers, so the auth handler
 * attaches a fresh token and the host rewrite applies again.
 */
export class GraphRetryMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly tokens: TokenInvalidator,
    private readonly logger: ConnectorLogger,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const outcome = context.middlewareControl?.getMiddlewareOptions(RequestOutcome) as
      RequestOutcome | undefined;
    try {
      await this.run(context, outcome);
    } catch (error) {
      if (outcome) outcome.error = error;
      throw error;
    }
  }

  private async run(context: Context, outcome: RequestOutcome | undefined): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('GraphRetryMiddleware has no next middleware');
    const maxAttempts = outcome?.maxAttempts ?? this.policy.maxAttempts;
    const request = context.request;
    const baseHeaders = Object.fromEntries(new Headers(context.options?.headers ?? {}));
    const path = typeof request === 'string' ? request.split('?')[0] : 'request';
    let failures = 0;
    let refreshedToken = false;

    for (;;) {
      context.request = request;
      context.options = {
        ...context.options,
        headers: { ...baseHeaders },
        signal: AbortSignal.timeout(this.policy.requestTimeoutMs),
      };
      context.response = undefined;
      if (outcome) outcome.attempts += 1;

      try {
        await next.execute(context);
      } catch (error) {
        failures += 1;
        if (!isTransientError(error) || failures >= maxAttempts) throw error;
        const waitMs = this.backoff(failures);
        this.logger.warn(
          { path, attempt: failures, waitMs, error: String(error) },
          'graph request failed, retrying',
        );
        await this.policy.sleep(waitMs);
        continue;
      }

      const response = context.response as Response | undefined;
      if (!response) return;

      if (response.status === 401 && !refreshedToken) {
        // A token can be revoked or expire before MSAL's cached expiry says so: ask once for a new one.
        refreshedToken = true;
        await discard(response);
        this.tokens.invalidate();
        this.logger.debug({ path }, 'graph returned 401, refreshing the token');
        continue;
      }

      if (TRANSIENT_STATUSES.has(response.status)) {
        failures += 1;
        // Out of attempts: hand the response on, so the caller maps its status and body.
        if (failures >= maxAttempts) return;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        const waitMs = Math.min(retryAfter ?? this.backoff(failures), this.policy.maxRetryAfterMs);
        await discard(response);
        this.logger.warn(
          { path, status: response.status, attempt: failures, waitMs },
          'graph request throttled or unavailable, retrying',
        );
        await this.policy.sleep(waitMs);
        continue;
      }
      return;
    }
  }

  private backoff(failures: number): number {
    const ceiling = Math.min(this.policy.maxBackoffMs, this.policy.baseBackoffMs * 2 ** (failures - 1));
    // Half fixed, half random: spreads retries of many connections without collapsing to zero.
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}

async function discard(response: Response): Promise<void> {
  // Read the body so the keep-alive connection goes back to the pool.
  await response.arrayBuffer().catch(() => undefined);
}
