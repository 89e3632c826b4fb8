import type { Knex } from 'knex';
import type { OutgoingEventType } from '../outbox/outgoing-event-types.js';

export interface WebhookEndpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  eventTypes: OutgoingEventType[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  previousSecretExpiresAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An endpoint with its encrypted secrets, for signing. */
export interface EndpointSecrets {
  secret: Buffer;
  previousSecret: Buffer | null;
  previousSecretExpiresAt: Date | null;
}

/** The one writer of `webhook_endpoints`. */
export class WebhookEndpointStore {
  constructor(private readonly db: Knex) {}

  async insert(
    tenantId: string,
    values: {
      url: string;
      description: string | null;
      eventTypes: string[];
      enabled: boolean;
      secret: Buffer;
    },
  ): Promise<WebhookEndpoint> {
    const [row] = await this.db('webhook_endpoints')
      .insert({
        tenant_id: tenantId,
        url: values.url,
        description: values.description,
        event_types: values.eventTypes,
        enabled: values.enabled,
        secret: values.secret,
      })
      .returning('*');
    return toEndpoint(row);
  }

  async list(tenantId: string): Promise<WebhookEndpoint[]> {
    const rows = await this.db('webhook_endpoints')
      .where({ tenant_id: tenantId })
      .orderBy(['created_at', 'id']);
    return rows.map(toEndpoint);
  }

  async get(tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<WebhookEndpoint | null> {
    const q = this.db('webhook_endpoints').where({ tenant_id: tenantId, id });
    if (options.lock) q.forUpdate();
    const row = await q.first();
    return row ? toEndpoint(row) : null;
  }

  /** The endpoints of a batch with their secrets (any tenant: the dispatcher works on all). */
  async withSecrets(ids: readonly string[]): Promise<Map<string, WebhookEndpoint & EndpointSecrets>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db('webhook_endpoints').whereIn('id', [...new Set(ids)]);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          ...toEndpoint(r),
          secret: r.secret,
          previousSecret: r.previous_secret,
          previousSecretExpiresAt: r.previous_secret_expires_at,
        },
      ]),
    );
  }

  async update(
    id: string,
    values: Partial<{
      description: string | null;
      eventTypes: string[];
      enabled: boolean;
      disabledReason: string | null;
      consecutiveFailures: number;
    }>,
  ): Promise<WebhookEndpoint> {
    const [row] = await this.db('webhook_endpoints')
      .where({ id })
      .update({
        ...(values.description !== undefined ? { description: values.description } : {}),
        ...(values.eventTypes !== undefined ? { event_types: values.eventTypes } : {}),
        ...(values.enabled !== undefined ? { enabled: values.enabled } : {}),
        ...(values.disabledReason !== undefined ? { disabled_reason: values.disabledReason } : {}),
        ...(values.consecutiveFailures !== undefined
          ? { consecutive_failures: values.consecutiveFailures }
          : {}),
        version: this.db.raw('version + 1'),
        updated_at: this.db.fn.now(),
      })
      .returning('*');
    return toEndpoint(row);
  }

  /** The new secret signs from now on; the old one also signs until `previousExpiresAt`. */
  async rotateSecret(id: string, secret: Buffer, previousExpiresAt: Date): Promise<WebhookEndpoint> {
    const [row] = await this.db('webhook_endpoints')
      .where({ id })
      .update({
        previous_secret: this.db.ref('secret'),
        previous_secret_expires_at: previousExpiresAt,
        secret,
        version: this.db.raw('version + 1'),
        updated_at: this.db.fn.now(),
      })
      .returning('*');
    return toEndpoint(row);
  }

  async delete(id: string): Promise<void> {
    await this.db('webhook_endpoints').where({ id }).delete();
  }

  /**
   * Adds a batch's outcome to the endpoints' failure counts: a success resets the count (then failures after it
   * count), and endpoints at `limit` are disabled. Returns the endpoints this disabled.
   */
  async recordOutcomes(
    outcomes: ReadonlyMap<string, { failuresAfterLastSuccess: number; succeeded: boolean }>,
    limit: number,
  ): Promise<WebhookEndpoint[]> {
    if (outcomes.size === 0) return [];
    const rows = [...outcomes].map(([id, o]) => ({
      id,
      failures: o.failuresAfterLastSuccess,
      reset: o.succeeded,
    }));
    const counted = await this.db.raw(
      `UPDATE webhook_endpoints w SET consecutive_failures =
         CASE WHEN r.reset THEN r.failures ELSE w.consecutive_failures + r.failures END
       FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, failures int, reset boolean)
       WHERE w.id = r.id
       RETURNING w.id, w.enabled, w.consecutive_failures`,
      [JSON.stringify(rows)],
    );
    const atLimit = (counted.rows as Array<{ id: string; enabled: boolean; consecutive_failures: number }>)
      .filter((r) => r.enabled && r.consecutive_failures >= limit)
      .map((r) => r.id);
    if (atLimit.length === 0) return [];
    const result = await this.db.raw(
      `UPDATE webhook_endpoints SET enabled = false, version = version + 1, updated_at = now(),
         disabled_reason = 'Disabled after ' || consecutive_failures || ' failed attempts in a row'
       WHERE id = ANY (?::uuid[])
       RETURNING *`,
      [atLimit],
    );
    return (result.rows as EndpointRow[]).map(toEndpoint);
  }
}

interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  event_types: OutgoingEventType[];
  enabled: boolean;
  consecutive_failures: number;
  disabled_reason: string | null;
  previous_secret_expires_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toEndpoint(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    enabled: r.enabled,
    consecutiveFailures: r.consecutive_failures,
    disabledReason: r.disabled_reason,
    previousSecretExpiresAt: r.previous_secret_expires_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
