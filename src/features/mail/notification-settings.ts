import type { Knex } from 'knex';
import { z } from 'zod';
import type { Actor, EventLog } from '../events/event-log.js';

export const notificationSettingsSchema = z.object({
  alertRecipients: z
    .array(z.email())
    .max(20)
    .describe("Where admin alerts go: the owners' addresses and a shared notification address"),
  seatsLowThreshold: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe("Alert when a product's free seats fall to this many or fewer; null: no seat alerts"),
  alertGroupSeconds: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .describe('How long alerts about one cause collect into one e-mail before it is sent'),
  signInUrl: z.url().nullable().describe('Where new users sign in; the onboarding e-mail names it'),
});

export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

const DEFAULTS: NotificationSettings = {
  alertRecipients: [],
  seatsLowThreshold: null,
  alertGroupSeconds: 300,
  signInUrl: null,
};

/** A tenant's notification settings; the one writer of `notification_settings`. */
export class NotificationSettingsStore {
  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
  ) {}

  async get(tenantId: string): Promise<NotificationSettings> {
    const row = await this.db('notification_settings').where({ tenant_id: tenantId }).first();
    if (!row) return DEFAULTS;
    return {
      alertRecipients: row.alert_recipients,
      seatsLowThreshold: row.seats_low_threshold,
      alertGroupSeconds: row.alert_group_seconds,
      signInUrl: row.sign_in_url,
    };
  }

  /** Replaces the settings with `change` over the current ones. */
  async update(
    tenantId: string,
    change: Partial<NotificationSettings>,
    actor: Actor,
  ): Promise<NotificationSettings> {
    const before = await this.get(tenantId);
    const after = { ...before, ...change };
    await this.db('notification_settings')
      .insert({
        tenant_id: tenantId,
        alert_recipients: after.alertRecipients,
        seats_low_threshold: after.seatsLowThreshold,
        alert_group_seconds: after.alertGroupSeconds,
        sign_in_url: after.signInUrl,
        updated_at: this.db.fn.now(),
      })
      .onConflict('tenant_id')
      .merge();
    await this.events.append({
      tenantId,
      actor,
      action: 'tenant.notification_settings_updated',
      entityType: 'tenant',
      entityId: tenantId,
      before,
      after,
    });
    return after;
  }
}
