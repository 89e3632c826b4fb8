import { z } from 'zod';
import { notificationSettingsSchema } from '../../../features/mail/notification-settings.js';
import { ANY_ROLE, OWNER_ONLY } from '../admin-roles.js';
import { component } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';

const TAGS = ['Notifications'] as const;

const SettingsSchema = component(
  notificationSettingsSchema.extend({
    mail: z.object({
      enabled: z
        .boolean()
        .describe('Whether the operator configured SMTP (SMTP_URL); without it e-mails wait in the outbox'),
    }),
  }),
  'NotificationSettings',
  'Where admin alerts and onboarding e-mails go',
);

/** The tenant's notification settings: alert recipients, the seat threshold, grouping and the sign-in address. */
export const notificationRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/notifications/settings',
    operationId: 'getNotificationSettings',
    summary: 'Read the notification settings, and whether e-mail is on',
    tags: TAGS,
    roles: ANY_ROLE,
    response: { status: 200, description: 'The settings', schema: SettingsSchema },
    async handler({ tenantId, container }) {
      const settings = await container.messages.notificationSettings(container.database.knex).get(tenantId);
      return { ...settings, mail: { enabled: container.messages.mailEnabled } };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/notifications/settings',
    operationId: 'updateNotificationSettings',
    summary: 'Change the notification settings',
    tags: TAGS,
    roles: OWNER_ONLY,
    body: notificationSettingsSchema.partial(),
    response: { status: 200, description: 'The settings', schema: SettingsSchema },
    async handler({ tenantId, actor, body, container, db }) {
      const settings = await container.messages.notificationSettings(db).update(tenantId, body, actor);
      return { ...settings, mail: { enabled: container.messages.mailEnabled } };
    },
  }),
];
