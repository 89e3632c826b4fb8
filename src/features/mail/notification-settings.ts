import type { Knex } from 'knex';

/** Where a tenant's alerts go besides its owners, when seats count as running out, alert grouping, sign-in address. */
export interface NotificationSettings {
  /** Addresses alerted besides the owners' contact e-mails, e.g. a shared operations mailbox. */
  notificationAddresses: string[];
  /** Alert when a product's free seats fall to this many or fewer; null: no seat alerts. */
  seatsLowThreshold: number | null;
  /** How long alerts about one cause collect into one e-mail before it is sent. */
  alertGroupSeconds: number;
  /** Where new users sign in; the onboarding e-mail names it. */
  signInUrl: string | null;
}

export const NOTIFICATION_DEFAULTS: NotificationSettings = {
  notificationAddresses: [],
  seatsLowThreshold: null,
  alertGroupSeconds: 300,
  signInUrl: null,
};

/**
 * The one writer of `notification_settings`. A tenant without a row has the defaults. The tenant settings
 * (tenants/tenant-settings.ts) read and write these as part of the tenant's settings, under the tenant's lock.
 */
export class NotificationSettingsStore {
  constructor(private readonly db: Knex) {}

  async get(tenantId: string): Promise<NotificationSettings> {
    const row = await this.db('notification_settings').where({ tenant_id: tenantId }).first();
    if (!row) return NOTIFICATION_DEFAULTS;
    return {
      notificationAddresses: row.alert_recipients,
      seatsLowThreshold: row.seats_low_threshold,
      alertGroupSeconds: row.alert_group_seconds,
      signInUrl: row.sign_in_url,
    };
  }

  async save(tenantId: string, settings: NotificationSettings): Promise<void> {
    await this.db('notification_settings')
      .insert({
        tenant_id: tenantId,
        alert_recipients: settings.notificationAddresses,
        seats_low_threshold: settings.seatsLowThreshold,
        alert_group_seconds: settings.alertGroupSeconds,
        sign_in_url: settings.signInUrl,
        updated_at: this.db.fn.now(),
      })
      .onConflict('tenant_id')
      .merge();
  }
}
