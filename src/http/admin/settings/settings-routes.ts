import { z } from 'zod';
import type { Container } from '../../../container.js';
import { ANY_ROLE, OWNER_ONLY } from '../admin-roles.js';
import { component, CountryCode, LanguageTag } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';

const TAGS = ['Settings'];

const grace = (what: string) => z.number().int().min(0).max(365).describe(what);

const fields = {
  defaultCountry: CountryCode.describe('Country of users created without one (ISO 3166-1 alpha-2)'),
  defaultLanguage: LanguageTag.describe(
    'Language of users created without one, e.g. their onboarding e-mail',
  ),
  suspensionGraceDays: grace("Days between a user's suspension and the removal of their licenses"),
  licenseGraceDays: grace('Days a removed license keeps its data (seat held) before the seat is freed'),
  blockedCutoffDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .describe('Days a blocked assignment keeps retrying before it turns failed'),
  numberQuarantineDays: grace('Days a released number rests before it can be handed out again'),
  massChangeThreshold: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .describe(
      'Running licenses one change (a rule edit, a sync run) may remove before it is held for approval',
    ),
  notificationAddresses: z
    .array(z.email().max(254))
    .max(20)
    .describe(
      "Where admin alerts go besides the owners' contact e-mails (their tokens' `email`), e.g. a shared mailbox; " +
        'an address in both gets one copy',
    ),
  seatsLowThreshold: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .nullable()
    .describe("Alert when a product's free seats fall to this many or fewer; null: no seat alerts"),
  alertGroupSeconds: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .describe('How long alerts about one cause collect into one e-mail before it is sent'),
  signInUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .describe('Where new users sign in (http or https); the onboarding e-mail names it'),
};

// What the server sends: plain strings (the request fields' transforms, e.g. upper-casing, have been applied, and
// values stored under earlier rules are shown as they are).
const SettingsSchema = component(
  z.object({
    ...fields,
    defaultCountry: z.string().describe(fields.defaultCountry.description ?? ''),
    defaultLanguage: z.string().describe(fields.defaultLanguage.description ?? ''),
    notificationAddresses: z.array(z.string()).describe(fields.notificationAddresses.description ?? ''),
    signInUrl: z
      .string()
      .nullable()
      .describe(fields.signInUrl.description ?? ''),
    mail: z
      .object({
        enabled: z
          .boolean()
          .describe('Whether the operator configured SMTP (SMTP_URL); without it e-mails wait in the outbox'),
      })
      .describe('Read only: the e-mail service of this installation'),
  }),
  'TenantSettings',
  "The tenant's settings",
);

const UpdateSettingsRequest = component(
  z
    .strictObject({
      defaultCountry: fields.defaultCountry.optional(),
      defaultLanguage: fields.defaultLanguage.optional(),
      suspensionGraceDays: fields.suspensionGraceDays.optional(),
      licenseGraceDays: fields.licenseGraceDays.optional(),
      blockedCutoffDays: fields.blockedCutoffDays.optional(),
      numberQuarantineDays: fields.numberQuarantineDays.optional(),
      massChangeThreshold: fields.massChangeThreshold.optional(),
      notificationAddresses: fields.notificationAddresses.optional(),
      seatsLowThreshold: fields.seatsLowThreshold.optional(),
      alertGroupSeconds: fields.alertGroupSeconds.optional(),
      signInUrl: fields.signInUrl.optional(),
    })
    .refine((body) => Object.keys(body).length > 0, 'names no setting to change'),
  'UpdateTenantSettingsRequest',
  'Settings to change; fields left out stay as they are',
);

const mailStatus = (container: Container) => ({ enabled: container.messages.mailEnabled });

export const settingsRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/settings',
    operationId: 'getTenantSettings',
    summary: "Read the tenant's settings",
    tags: TAGS,
    roles: ANY_ROLE,
    response: { status: 200, description: 'The settings', schema: SettingsSchema },
    async handler({ tenantId, services, container }) {
      return { ...(await services.tenantSettings.get(tenantId)), mail: mailStatus(container) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/settings',
    operationId: 'updateTenantSettings',
    summary: "Change the tenant's settings",
    description:
      'Only the fields sent change; each change is recorded as a tenant.settings_changed event. New values apply ' +
      'to what happens from now on (a removal already scheduled keeps its date, an alert already collecting keeps ' +
      'its send time). `mail` is read only.',
    tags: TAGS,
    roles: OWNER_ONLY,
    problems: ['settings.invalid'],
    body: UpdateSettingsRequest,
    response: { status: 200, description: 'The settings as they now are', schema: SettingsSchema },
    async handler({ body, tenantId, actor, services, container }) {
      return {
        ...(await services.tenantSettings.update(tenantId, body, actor)),
        mail: mailStatus(container),
      };
    },
  }),
];
