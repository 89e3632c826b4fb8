import type { Knex } from 'knex';
import type { SqlText } from '../../db/prepared-reads.js';
import {
  anyOutgoing,
  planMessages,
  productsLosingSeats,
  productsToName,
  seatsLowAlerts,
  type AlertItem,
  usersNeedingNumbers,
  type AppendedEvent,
  type PayloadFacts,
} from './event-messages.js';
import { HAS_ALERT_RECIPIENTS, hasAlertRecipientsBindings } from '../mail/alert-recipients.js';
import { NOTIFICATION_DEFAULTS } from '../mail/notification-settings.js';
import { OutboxStore } from './outbox-store.js';

/**
 * Turns appended events into outbox messages in the transaction that appended them (the event log calls it), so
 * a message exists exactly when its change committed: webhook deliveries to the endpoints that want the type,
 * onboarding e-mails, and alert lines collected per cause.
 */
export class OutboxWriter {
  private readonly store: OutboxStore;
  /** Per tenant, within one transaction: whether it has endpoints and someone to alert (see destinations()). */
  private readonly destinationsOf = new Map<string, Promise<Destinations>>();

  constructor(private readonly db: Knex) {
    this.store = new OutboxStore(db);
  }

  async eventsAppended(events: readonly AppendedEvent[]): Promise<void> {
    if (!anyOutgoing(events)) return;
    for (const [tenantId, ofTenant] of groupByTenant(events)) {
      const to = await this.destinations(tenantId);
      const facts = to.webhooks ? await readPayloadFacts(this.db, ofTenant) : NO_FACTS;
      const planned = planMessages(ofTenant, facts);
      if (to.webhooks) await this.store.enqueueWebhooks(planned.webhooks);
      await this.store.enqueueOnboarding(planned.onboarding);
      if (to.alerts)
        await this.store.collectAlerts(
          [...planned.alerts, ...(to.seatsLow ? await this.seatsLow(tenantId, ofTenant) : [])],
          NOTIFICATION_DEFAULTS.alertGroupSeconds,
        );
    }
  }

  /**
   * Whether the tenant has enabled endpoints and someone to alert (an owner's contact e-mail or a notification
   * address): most writes of a tenant without them then cost
   * one indexed read. In a transaction the answer is kept for its duration (an endpoint created while it runs
   * receives what commits after; this transaction began before the endpoint existed).
   */
  private destinations(tenantId: string): Promise<Destinations> {
    const cached = this.db.isTransaction ? this.destinationsOf.get(tenantId) : undefined;
    if (cached) return cached;
    const query = destinationsQuery(tenantId);
    const read = this.db
      .raw(query.sql, query.bindings)
      .then((result: { rows: DestinationsRow[] }) => toDestinations(result.rows[0]!));
    if (this.db.isTransaction) this.destinationsOf.set(tenantId, read);
    return read;
  }

  /**
   * The same question as columns, for the event log to read in the statement that appends (EventLog.appendWith):
   * in a transaction the answer is then kept as if destinations() had asked.
   */
  prefetch(tenantId: string): { columns: SqlText; prime(row: Record<string, unknown>): void } {
    return {
      columns: destinationsQuery(tenantId),
      prime: (row) => {
        if (this.db.isTransaction && !this.destinationsOf.has(tenantId))
          this.destinationsOf.set(
            tenantId,
            Promise.resolve(toDestinations(row as unknown as DestinationsRow)),
          );
      },
    };
  }

  /**
   * Seats-low alerts for the products these events took seats of, in tenants that set a threshold (the caller
   * asks only for tenants with someone to alert). Free now = purchased now − held (the seat counter licensing keeps in the same transaction).
   */
  private async seatsLow(tenantId: string, events: readonly AppendedEvent[]): Promise<AlertItem[]> {
    const alerts: AlertItem[] = [];
    for (const keys of productsLosingSeats(events).values()) {
      const result = await this.db.raw(
        `SELECT p.key AS product, s.seats_low_threshold AS threshold,
           (SELECT coalesce(sum(b.quantity), 0) FROM subscriptions b
             WHERE b.tenant_id = p.tenant_id AND b.product_id = p.id AND b.starts_at <= now()
               AND (b.ends_at IS NULL OR b.ends_at > now()))::int - coalesce(i.held, 0) AS available
         FROM notification_settings s
         JOIN catalog_products p ON p.tenant_id = s.tenant_id AND (p.key = ANY (?::text[]) OR p.id::text = ANY (?::text[]))
         LEFT JOIN seat_inventory i ON i.tenant_id = p.tenant_id AND i.product_id = p.id
         WHERE s.tenant_id = ? AND s.seats_low_threshold IS NOT NULL`,
        [[...keys], [...keys], tenantId],
      );
      alerts.push(...seatsLowAlerts(tenantId, result.rows));
    }
    return alerts;
  }
}

interface DestinationsRow {
  webhooks: boolean;
  alerts: boolean;
  seats_low: boolean;
}

function destinationsQuery(tenantId: string): { sql: string; bindings: string[] } {
  return {
    sql: `SELECT EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.tenant_id = ? AND w.enabled) AS webhooks,
           ${HAS_ALERT_RECIPIENTS} AS alerts,
           EXISTS (SELECT 1 FROM notification_settings s WHERE s.tenant_id = ? AND s.seats_low_threshold IS NOT NULL)
             AS seats_low`,
    bindings: [tenantId, ...hasAlertRecipientsBindings(tenantId), tenantId],
  };
}

const toDestinations = (row: DestinationsRow): Destinations => ({
  webhooks: row.webhooks,
  alerts: row.alerts,
  seatsLow: row.alerts && row.seats_low,
});

interface Destinations {
  webhooks: boolean;
  alerts: boolean;
  seatsLow: boolean;
}

const NO_FACTS: PayloadFacts = { numbersByUser: new Map(), productKeys: new Map() };

function groupByTenant(events: readonly AppendedEvent[]): Map<string, AppendedEvent[]> {
  const byTenant = new Map<string, AppendedEvent[]>();
  for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
  return byTenant;
}

/** What the payloads of these events name besides the event itself, read once for all of them. */
export async function readPayloadFacts(db: Knex, events: readonly AppendedEvent[]): Promise<PayloadFacts> {
  const userIds = usersNeedingNumbers(events);
  const productIds = productsToName(events);
  const numbersByUser = new Map<string, Array<{ e164: string; kind: string }>>();
  if (userIds.length > 0) {
    const rows = await db('phone_numbers')
      .select('user_id', 'e164', 'kind')
      .whereIn('user_id', userIds)
      .andWhere('status', 'assigned')
      .orderBy('e164');
    for (const r of rows as Array<{ user_id: string; e164: string; kind: string }>)
      numbersByUser.set(r.user_id, [...(numbersByUser.get(r.user_id) ?? []), { e164: r.e164, kind: r.kind }]);
  }
  const productKeys = new Map<string, string>();
  if (productIds.length > 0) {
    const rows = await db('catalog_products').select('id', 'key').whereIn('id', productIds);
    for (const r of rows as Array<{ id: string; key: string }>) productKeys.set(r.id, r.key);
  }
  return { numbersByUser, productKeys };
}
