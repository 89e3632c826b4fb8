export type FaultKind =
  | { kind: 'status'; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  /** Close the socket without answering, as a reset connection or a dead load balancer does. */
  | { kind: 'drop' }
  /** Answer with this JSON body instead, e.g. to feed a client a malformed page. */
  | { kind: 'body'; status: number; body: unknown };

export type FaultRule = FaultKind & {
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Substring or pattern of the request path and query; default: every Graph call (`/v1.0/`). */
  match?: string | RegExp;
};

interface ActiveRule {
  fault: FaultKind;
  remaining: number;
  match: string | RegExp;
}

/** Faults answered instead of the real response, consumed first-in first-out per matching request. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  inject(rule: FaultRule): void {
    const { times, match, ...fault } = rule;
    this.rules.push({ fault, remaining: times ?? 1, match: match ?? '/v1.0/' });
  }

  clear(): void {
    this.rules = [];
  }

  /** Faults still to be served. */
  get pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  /** Takes the first fault matching this request, if any. */
  take(url: string): FaultKind | undefined {
    const rule = this.rules.find((r) =>
      typeof r.match === 'string' ? url.includes(r.match) : r.match.test(url),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }
}
