import type { Knex } from 'knex';
import { notFound } from '../../domain-error.js';

export interface LicenseSettings {
  /** Days between a user's suspension and the removal of their licenses. */
  suspensionGraceDays: number;
  /** Days a removed license keeps its data (service suspended, seat held) before the seat is freed. */
  licenseGraceDays: number;
  /** Days a blocked assignment keeps retrying before it turns failed. */
  blockedCutoffDays: number;
  numberQuarantineDays: number;
}

/** The tenant's licensing settings (columns on `tenants`, added by the license_settings migration). */
export async function licenseSettings(db: Knex, tenantId: string): Promise<LicenseSettings> {
  const row = await db('tenants')
    .where({ id: tenantId })
    .first('grace_days', 'license_grace_days', 'blocked_cutoff_days', 'number_quarantine_days');
  if (!row) throw notFound('Tenant', tenantId);
  return {
    suspensionGraceDays: row.grace_days,
    licenseGraceDays: row.license_grace_days,
    blockedCutoffDays: row.blocked_cutoff_days,
    numberQuarantineDays: row.number_quarantine_days,
  };
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
