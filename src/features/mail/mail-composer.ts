import type { Knex } from 'knex';
import type { AlertCause } from '../outbox/event-messages.js';
import type { OutboxMessage } from '../outbox/outbox-store.js';
import { alertRecipients } from './alert-recipients.js';
import type { MailEnvelope } from './mailer.js';
import { alertMail, onboardingMail } from './mail-templates.js';

/**
 * Builds the e-mail of an outbox message from what holds when it is sent: the tenant's name, sign-in address and
 * alert recipients (its owners and notification addresses), the user's numbers, the userNames an alert lists. Null when nobody is left to send it to.
 */
export async function composeMail(db: Knex, message: OutboxMessage): Promise<MailEnvelope | null> {
  const tenant = await db('tenants').select('name').where({ id: message.tenantId }).first();
  const settings = await db('notification_settings').where({ tenant_id: message.tenantId }).first();
  const tenantName: string = tenant?.name ?? 'seatsync';
  if (message.type === 'onboarding') {
    const p = message.payload as {
      email: string;
      language: string;
      userName: string;
      displayName: string | null;
    };
    const numbers = message.userId
      ? await db('phone_numbers')
          .select('e164', 'kind')
          .where({ tenant_id: message.tenantId, user_id: message.userId, status: 'assigned' })
          .orderBy('e164')
      : [];
    return {
      to: [p.email],
      ...onboardingMail({
        language: p.language,
        displayName: p.displayName,
        userName: p.userName,
        tenantName,
        signInUrl: settings?.sign_in_url ?? null,
        numbers,
      }),
    };
  }
  const recipients = await alertRecipients(db, message.tenantId);
  if (recipients.length === 0) return null;
  const p = message.payload as { cause: AlertCause; count: number; items: Array<Record<string, unknown>> };
  const userIds = p.items.map((i) => i.userId).filter((id): id is string => typeof id === 'string');
  const users =
    userIds.length > 0
      ? await db('users')
          .select('id', 'user_name')
          .where({ tenant_id: message.tenantId })
          .whereIn('id', userIds)
      : [];
  return {
    to: recipients,
    ...alertMail({
      cause: p.cause,
      tenantName,
      count: p.count,
      items: p.items,
      userNames: new Map(users.map((u: { id: string; user_name: string }) => [u.id, u.user_name])),
    }),
  };
}
