import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationalFigures } from '../features/operations/operational-figures.js';

/**
 * Prometheus metrics of one process: HTTP traffic (labelled by route template, so made-up URLs add no series),
 * Node's defaults (memory, event loop lag, GC), and the operational figures read from the database at each scrape.
 */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter;
  private readonly duration: Histogram;
  private readonly jobLag: Gauge;
  private readonly runs: Gauge;
  private readonly licenses: Gauge;
  private readonly outboxMessages: Gauge;
  private readonly outboxLag: Gauge;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'seatsync_' });
    this.requests = new Counter({
      name: 'seatsync_http_requests_total',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'seatsync_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.jobLag = new Gauge({
      name: 'seatsync_job_lag_seconds',
      help: 'How long the most overdue run of each job has been waiting for a worker (0: none overdue)',
      labelNames: ['job'],
      registers: [this.registry],
    });
    this.runs = new Gauge({
      name: 'seatsync_directory_runs',
      help: 'Directory sync and contact reconciliation runs recorded, by kind and status (failed = failures)',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
    });
    this.licenses = new Gauge({
      name: 'seatsync_licenses_waiting',
      help: 'Licenses blocked (waiting for a seat, number or requirement) and removals held for approval, per tenant',
      labelNames: ['tenant', 'state'],
      registers: [this.registry],
    });
    this.outboxMessages = new Gauge({
      name: 'seatsync_outbox_messages',
      help: 'Webhook and e-mail messages waiting for delivery (pending, retries included) and given up on (failed)',
      labelNames: ['channel', 'status'],
      registers: [this.registry],
    });
    this.outboxLag = new Gauge({
      name: 'seatsync_outbox_delivery_lag_seconds',
      help: 'How long the oldest undelivered webhook or e-mail message has waited (0: none waiting)',
      labelNames: ['channel'],
      registers: [this.registry],
    });
  }

  /**
   * The labelled series of each method, route and status, found once: prom-client hashes the label object on
   * every call otherwise. Routes are templates and statuses few, so the map stays small.
   */
  private readonly series = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        count: this.requests.labels(method, route, String(status)),
        time: this.duration.labels(method, route),
      };
      this.series.set(key, series);
    }
    series.count.inc();
    series.time.observe(seconds);
  }

  /** Replaces the operational gauges with a fresh reading (series of things that are gone disappear). */
  setOperational(figures: OperationalFigures): void {
    this.jobLag.reset();
    for (const { job, seconds } of figures.jobLagSeconds) this.jobLag.set({ job }, seconds);
    this.runs.reset();
    for (const { kind, status, count } of figures.runs) this.runs.set({ kind, status }, count);
    this.licenses.reset();
    for (const { tenant, state, count } of figures.licenses) this.licenses.set({ tenant, state }, count);
    for (const { channel, pending, failed, oldestPendingSeconds } of figures.outbox) {
      this.outboxMessages.set({ channel, status: 'pending' }, pending);
      this.outboxMessages.set({ channel, status: 'failed' }, failed);
      this.outboxLag.set({ channel }, oldestPendingSeconds);
    }
  }
}
