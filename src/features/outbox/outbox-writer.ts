import type { Knex } from 'knex';
import {
  anyOutgoing,
  planMessages,
  productsToName,
  usersNeedingNumbers,
  type AppendedEvent,
  type PayloadFacts,
} from './event-messages.js';
import { OutboxStore } from './outbox-store.js';

/**
 * Turns appended events into outbox messages in the transaction that appended them (the event log calls it), so
 * a message exists exactly when its change committed: webhook deliveries to the endpoints that want the type,
 * onboarding e-mails, and alert lines collected per cause.
 */
export class OutboxWriter {
  private readonly store: OutboxStore;

  constructor(private readonly db: Knex) {
    this.store = new OutboxStore(db);
  }

  async eventsAppended(events: readonly AppendedEvent[]): Promise<void> {
    if (!anyOutgoing(events)) return;
    const planned = planMessages(events, await readPayloadFacts(this.db, events));
    await this.store.enqueueWebhooks(planned.webhooks);
    await this.store.enqueueOnboarding(planned.onboarding);
    await this.store.collectAlerts(planned.alerts);
  }
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
