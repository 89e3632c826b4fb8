import type { Knex } from 'knex';

/**
 * The figures an operator watches, read from the database when /metrics is scraped, so any `serve` process
 * reports them whichever worker did the work, and a restart loses nothing. Read-only; every query is an
 * aggregate over an indexed or small table.
 */
export interface OperationalFigures {
  /** Per Agenda job name: how long its most overdue run has been waiting (0 when none is overdue). */
  jobLagSeconds: Array<{ job: string; seconds: number }>;
  /** Directory sync and contact reconciliation runs by kind and status (status `failed` = failures). */
  runs: Array<{ kind: 'sync' | 'reconciliation'; status: string; count: number }>;
  /** Licenses waiting `blocked`, and licenses whose removal is held for an admin's approval, per tenant. */
  licenses: Array<{ tenant: string; state: 'blocked' | 'held'; count: number }>;
  /**
   * Webhook and e-mail delivery, per channel: messages waiting (`pending`, retries included) and given up on
   * (`failed`), and how long the oldest waiting one has waited (0 when none waits).
   */
  outbox: Array<{
    channel: 'webhook' | 'email';
    pending: number;
    failed: number;
    oldestPendingSeconds: number;
  }>;
}

const CHANNELS = ['webhook', 'email'] as const;

export async function readOperationalFigures(db: Knex): Promise<OperationalFigures> {
  const [lag, syncRuns, reconciliationRuns, blocked, held, pending, failed] = await Promise.all([
    db('agenda_jobs')
      .select('name')
      .select(
        db.raw(
          `coalesce(max(extract(epoch FROM now() - next_run_at))
             FILTER (WHERE next_run_at <= now() AND NOT coalesce(disabled, false)), 0)::float AS seconds`,
        ),
      )
      .groupBy('name') as Promise<Array<{ name: string; seconds: number }>>,
    db('directory_sync_runs').select('status').count('* as n').groupBy('status') as Promise<
      Array<{ status: string; n: string }>
    >,
    db('directory_reconciliation_runs').select('status').count('* as n').groupBy('status') as Promise<
      Array<{ status: string; n: string }>
    >,
    db('license_assignments as a')
      .join('tenants as t', 't.id', 'a.tenant_id')
      .where('a.state', 'blocked')
      .select('t.name')
      .count('* as n')
      .groupBy('t.name') as Promise<Array<{ name: string; n: string }>>,
    db('rule_hold_items as i')
      .join('rule_holds as h', 'h.id', 'i.hold_id')
      .join('tenants as t', 't.id', 'h.tenant_id')
      .where('h.status', 'pending')
      .select('t.name')
      .count('* as n')
      .groupBy('t.name') as Promise<Array<{ name: string; n: string }>>,
    db('outbox')
      .where('status', 'pending')
      .select('channel')
      .count('* as n')
      .select(db.raw('extract(epoch FROM now() - min(created_at))::float AS seconds'))
      .groupBy('channel') as Promise<Array<{ channel: string; n: string; seconds: number }>>,
    db('outbox').where('status', 'failed').select('channel').count('* as n').groupBy('channel') as Promise<
      Array<{ channel: string; n: string }>
    >,
  ]);
  return {
    jobLagSeconds: lag.map((r) => ({ job: r.name, seconds: Number(r.seconds) })),
    runs: [
      ...syncRuns.map((r) => ({ kind: 'sync' as const, status: r.status, count: Number(r.n) })),
      ...reconciliationRuns.map((r) => ({
        kind: 'reconciliation' as const,
        status: r.status,
        count: Number(r.n),
      })),
    ],
    licenses: [
      ...blocked.map((r) => ({ tenant: r.name, state: 'blocked' as const, count: Number(r.n) })),
      ...held.map((r) => ({ tenant: r.name, state: 'held' as const, count: Number(r.n) })),
    ],
    // Both channels always, so a dashboard sees 0 rather than no series.
    outbox: CHANNELS.map((channel) => {
      const waiting = pending.find((r) => r.channel === channel);
      return {
        channel,
        pending: Number(waiting?.n ?? 0),
        failed: Number(failed.find((r) => r.channel === channel)?.n ?? 0),
        oldestPendingSeconds: Math.max(0, Number(waiting?.seconds ?? 0)),
      };
    }),
  };
}
