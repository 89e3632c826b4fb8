import { z } from 'zod';
import { userDetailSection } from '../users/user-detail-section.js';

const STATE = { pending: 'queued', delivered: 'sent', failed: 'failed' } as const;

/** The user's latest onboarding e-mail on the single-user responses: queued, sent or failed. */
export const onboardingEmailSection = userDetailSection({
  key: 'onboardingEmail',
  schema: z
    .object({
      state: z.enum(['queued', 'sent', 'failed']),
      attempts: z.number().int(),
      requestedAt: z.string(),
      sentAt: z.string().nullable(),
      lastError: z.string().nullable(),
    })
    .nullable()
    .describe(
      'The onboarding e-mail, when one was asked for (sendOnboardingEmail); queued while e-mail is off',
    ),
  async load(services, user) {
    const message = await services.outbox.latestOnboarding(user.tenantId, user.id);
    if (!message) return null;
    return {
      state: STATE[message.status],
      attempts: message.attempts,
      requestedAt: message.createdAt.toISOString(),
      sentAt: message.deliveredAt?.toISOString() ?? null,
      lastError: message.lastError,
    };
  },
});
