import type { Knex } from 'knex';

/**
 * SQL (one binding: the tenant id) true when the tenant has someone to alert: an active owner token with a
 * contact e-mail, or a notification address.
 */
export const HAS_ALERT_RECIPIENTS = `(EXISTS (SELECT 1 FROM tokens k
    WHERE k.tenant_id = ?::uuid AND k.role = 'owner' AND k.revoked_at IS NULL AND k.email IS NOT NULL)
  OR coalesce((SELECT cardinality(s.alert_recipients) > 0 FROM notification_settings s WHERE s.tenant_id = ?::uuid),
              false))`;

/** The bindings of HAS_ALERT_RECIPIENTS for a tenant. */
export const hasAlertRecipientsBindings = (tenantId: string) => [tenantId, tenantId];

/**
 * Who a tenant's admin alerts go to, as it holds when one is sent: the contact e-mails of its active owner tokens,
 * then its notification addresses, each address once (compared without case).
 */
export async function alertRecipients(db: Knex, tenantId: string): Promise<string[]> {
  const owners: Array<{ email: string }> = await db('tokens')
    .select('email')
    .where({ tenant_id: tenantId, role: 'owner' })
    .whereNull('revoked_at')
    .whereNotNull('email')
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  const settings: { alert_recipients: string[] } | undefined = await db('notification_settings')
    .select('alert_recipients')
    .where({ tenant_id: tenantId })
    .first();
  return uniqueAddresses([...owners.map((o) => o.email), ...(settings?.alert_recipients ?? [])]);
}

/** Each address once, the first spelling kept; addresses differing only in case are one mailbox in practice. */
export function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
