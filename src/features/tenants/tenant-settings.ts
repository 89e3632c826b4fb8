import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { DomainError, notFound } from '../../domain-error.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { NotificationSettings, NotificationSettingsStore } from '../mail/notification-settings.js';
import type { TenantStore } from './tenant-store.js';

/**
 * The settings a tenant's owner edits. Each is read where it applies (users, licensing, rules, the sync, the
 * outbox); the notification settings are kept in their own table by the mail feature.
 */
export interface TenantSettings extends NotificationSettings {
  defaultCountry: string;
  defaultLanguage: string;
  /** Days between a user's suspension and the removal of their licenses. */
  suspensionGraceDays: number;
  /** Days a removed license keeps its data (service suspended, seat held) before its seat is freed. */
  licenseGraceDays: number;
  /** Days a blocked assignment keeps retrying before it turns failed. */
  blockedCutoffDays: number;
  /** Days a released number rests before it can be handed out again. */
  numberQuarantineDays: number;
  /** Removals of running licenses one change may make before it is held for an admin's approval. */
  massChangeThreshold: number;
}

const days = (max: number) => z.number().int().min(0).max(max);

/** Bounds of each setting, checked here whatever the caller (admin API, CLI) validated already. */
export const tenantSettingsPatch = z.strictObject({
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  defaultLanguage: z.string().min(2).max(35).optional(),
  suspensionGraceDays: days(365).optional(),
  licenseGraceDays: days(365).optional(),
  blockedCutoffDays: days(365)
    .refine((value) => value >= 1, 'must be at least 1 day')
    .optional(),
  numberQuarantineDays: days(365).optional(),
  massChangeThreshold: z.number().int().min(0).max(1_000_000).optional(),
  notificationAddresses: z.array(z.email().max(254)).max(20).optional(),
  seatsLowThreshold: z.number().int().min(0).max(1_000_000).nullable().optional(),
  alertGroupSeconds: z.number().int().min(0).max(86_400).optional(),
  signInUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
});
export type TenantSettingsPatch = z.input<typeof tenantSettingsPatch>;

const COLUMNS = {
  defaultCountry: 'default_country',
  defaultLanguage: 'default_language',
  suspensionGraceDays: 'grace_days',
  licenseGraceDays: 'license_grace_days',
  blockedCutoffDays: 'blocked_cutoff_days',
  numberQuarantineDays: 'number_quarantine_days',
  massChangeThreshold: 'mass_change_threshold',
} as const satisfies Record<Exclude<keyof TenantSettings, keyof NotificationSettings>, string>;

type TenantColumnSettings = Omit<TenantSettings, keyof NotificationSettings>;
type SettingsRow = Record<(typeof COLUMNS)[keyof TenantColumnSettings], string | number>;

const toSettings = (row: SettingsRow): TenantColumnSettings => ({
  defaultCountry: String(row.default_country),
  defaultLanguage: String(row.default_language),
  suspensionGraceDays: Number(row.grace_days),
  licenseGraceDays: Number(row.license_grace_days),
  blockedCutoffDays: Number(row.blocked_cutoff_days),
  numberQuarantineDays: Number(row.number_quarantine_days),
  massChangeThreshold: Number(row.mass_change_threshold),
});

const isTenantColumn = (key: keyof TenantSettings): key is keyof TenantColumnSettings =>
  Object.hasOwn(COLUMNS, key);

/**
 * Reads and edits a tenant's settings (columns of `tenants`, and its notification settings). An edit takes the
 * tenant row's lock, changes only the fields it names and records `tenant.settings_changed` with the fields before
 * and after.
 */
export class TenantSettingsService {
  constructor(
    private readonly store: TenantStore,
    private readonly notifications: NotificationSettingsStore,
    private readonly events: EventLog,
  ) {}

  async get(tenantId: string): Promise<TenantSettings> {
    return this.read(tenantId, false);
  }

  private async read(tenantId: string, forUpdate: boolean): Promise<TenantSettings> {
    const row = await this.store.settingsRow(tenantId, Object.values(COLUMNS), { forUpdate });
    if (!row) throw notFound('Tenant', tenantId);
    return { ...toSettings(row as SettingsRow), ...(await this.notifications.get(tenantId)) };
  }

  async update(tenantId: string, patch: TenantSettingsPatch, actor: Actor): Promise<TenantSettings> {
    const parsed = tenantSettingsPatch.safeParse(patch);
    if (!parsed.success) {
      throw new DomainError(
        'settings.invalid',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const before = await this.read(tenantId, true);
    const changed = (Object.keys(parsed.data) as Array<keyof TenantSettings>).filter(
      (key) => parsed.data[key] !== undefined && !isDeepStrictEqual(parsed.data[key], before[key]),
    );
    if (changed.length === 0) return before;
    const after: TenantSettings = { ...before, ...definedOnly(parsed.data) };
    const columns = changed.filter(isTenantColumn);
    if (columns.length > 0)
      await this.store.updateSettings(
        tenantId,
        Object.fromEntries(columns.map((key) => [COLUMNS[key], after[key]])),
      );
    if (columns.length < changed.length)
      await this.notifications.save(tenantId, {
        notificationAddresses: after.notificationAddresses,
        seatsLowThreshold: after.seatsLowThreshold,
        alertGroupSeconds: after.alertGroupSeconds,
        signInUrl: after.signInUrl,
      });
    await this.events.append({
      tenantId,
      actor,
      action: 'tenant.settings_changed',
      entityType: 'tenant',
      entityId: tenantId,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    });
    return after;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
