export interface RetryPolicy {
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * Seconds to wait before attempt `attempt + 1` after `attempt` failed: exponential (base · 2^(attempt−1)), capped,
 * with "equal jitter" (half fixed, half random) so receivers coming back from an outage are not hit by every
 * retry at the same instant. A receiver's Retry-After (429/503) is honoured as given, within the cap.
 * `random` is in [0, 1).
 */
export function retryDelaySeconds(
  attempt: number,
  policy: RetryPolicy,
  random: number,
  retryAfterSeconds?: number | null,
): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds !== null)
    return Math.min(policy.maxSeconds, Math.max(0, retryAfterSeconds));
  const exponential = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1));
  return exponential / 2 + (exponential / 2) * random;
}

/** A Retry-After header in seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP date names its weekday and month; Date.parse alone would read "-5" as a year.
  const at = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
