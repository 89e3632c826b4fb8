import { z } from 'zod';
import { BrokenLicenses, component, CountryCode, E164, EmailAddress, LanguageTag } from '../admin-schemas.js';
import { pageOf, pageQuery } from '../pagination.js';

// Responses describe what is stored, which identity providers also write: lenient (plain strings), where
// requests are strict (an E.164 number, an ISO country), so a directory's odd value never makes a read fail.

const MultiValueSchema = component(
  z.looseObject({
    value: z.string().optional(),
    type: z.string().optional(),
    primary: z.boolean().optional(),
  }),
  'MultiValue',
  'An e-mail address or phone number with its type (work, mobile, …), as the directory gave it',
);

const AddressSchema = component(
  z.looseObject({
    streetAddress: z.string().optional(),
    locality: z.string().optional(),
    region: z.string().optional(),
    postalCode: z.string().optional(),
    country: z.string().optional(),
  }),
  'Address',
);

export const UserSchema = component(
  z.object({
    id: z.string(),
    userName: z.string(),
    externalId: z.string().nullable(),
    displayName: z.string().nullable(),
    firstName: z.string().nullable(),
    surname: z.string().nullable(),
    email: z.string().nullable().describe('The primary e-mail address'),
    emails: z.array(MultiValueSchema),
    phoneNumbers: z.array(MultiValueSchema),
    department: z.string().nullable(),
    title: z.string().nullable(),
    country: z
      .string()
      .nullable()
      .describe('ISO 3166-1 alpha-2 country the telephony service is provisioned in'),
    language: z.string().nullable().describe('Preferred language (BCP 47)'),
    emergencyAddress: AddressSchema.nullable(),
    status: z.enum(['active', 'suspended']),
    source: z.enum(['scim', 'entra', 'admin', 'import']).describe('Where the user came from'),
    version: z
      .number()
      .int()
      .describe('Increases with every change; send it back as If-Match: W/"<version>"'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
  'User',
);

export const GroupRefSchema = component(z.object({ id: z.string(), displayName: z.string() }), 'GroupRef');

export const UserLicenseSummarySchema = component(
  z.object({
    assignmentId: z.string(),
    product: z.string().describe('Product key'),
    track: z.string().describe('Track key'),
    state: z.string().describe('scheduled, active, blocked, removal_scheduled, grace or failed'),
    effectiveAt: z.iso.datetime(),
  }),
  'UserLicenseSummary',
  "A license of the user that has not ended (the user's page has its grants and conflicts)",
);

export const UserListItemSchema = component(
  UserSchema.extend({
    licenses: z
      .array(UserLicenseSummarySchema)
      .optional()
      .describe('With includeLicenses=true: every license of the user that has not ended, by track'),
  }),
  'UserListItem',
);

export const UserPageSchema = pageOf(UserListItemSchema, 'UserPage');

export const ListUsersQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Matches userName, display name, department or any e-mail address (substring, case-insensitive), or any phone number (by its digits: +46 8 123 finds +468123…)',
    ),
  status: z.enum(['active', 'suspended']).optional(),
  department: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Only users of this department (whole name, case-insensitive)'),
  country: CountryCode.optional().describe('Only users provisioned in this country'),
  product: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Only users holding or waiting for a license of this product (id or key) that has not ended'),
  includeLicenses: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: each user carries `licenses` (one more query for the whole page)'),
  ...pageQuery,
});

const name = z.string().trim().min(1).max(100);
const text = z.string().trim().max(200);

export const CreateUserRequest = component(
  z.strictObject({
    firstName: name,
    surname: name,
    email: EmailAddress.describe('Becomes the userName'),
    country: CountryCode.optional().describe(
      "ISO 3166-1 alpha-2; the tenant's default country when left out",
    ),
    language: LanguageTag.optional().describe("BCP 47; the tenant's default language when left out"),
    department: text.optional(),
    sendOnboardingEmail: z
      .boolean()
      .default(false)
      .describe('Ask for a welcome e-mail to be sent to the new user'),
  }),
  'CreateUserRequest',
);

export const MAX_BULK_EMAILS = 1000;

export const BulkCreateUsersRequest = component(
  z.strictObject({
    // Plain strings: an invalid address is one result among the others, not a refusal of the whole list.
    emails: z.array(z.string().max(320)).min(1).max(MAX_BULK_EMAILS),
    country: CountryCode.optional(),
    language: LanguageTag.optional(),
    sendOnboardingEmail: z
      .boolean()
      .optional()
      .describe('Queue the onboarding e-mail for each user created (in the language given or the default)'),
  }),
  'BulkCreateUsersRequest',
);

export const BulkCreateResultSchema = component(
  z.object({
    email: z.string(),
    status: z.enum(['created', 'already_exists', 'invalid']),
    userId: z.string().optional().describe('The new user, or the one that already has this userName'),
    message: z.string().optional(),
  }),
  'BulkCreateResult',
);

export const BulkCreateUsersResponse = component(
  z.object({
    results: z.array(BulkCreateResultSchema).describe('One per e-mail address, in the order given'),
    created: z.number().int(),
    alreadyExisting: z.number().int(),
    invalid: z.number().int(),
  }),
  'BulkCreateUsersResponse',
);

const EmergencyAddressInput = component(
  z.strictObject({
    streetAddress: text.min(1),
    locality: text.min(1),
    region: text.optional(),
    postalCode: z.string().trim().min(1).max(20),
    country: CountryCode,
  }),
  'EmergencyAddressInput',
);

export const UpdateUserRequest = component(
  z.strictObject({
    firstName: name.optional(),
    surname: name.optional(),
    displayName: name.nullable().optional().describe('null goes back to first name and surname'),
    department: text.nullable().optional(),
    title: text.nullable().optional(),
    phoneNumbers: z
      .strictObject({ work: E164.nullable().optional(), mobile: E164.nullable().optional() })
      .optional()
      .describe(
        'Sets (or with null removes) the work and mobile numbers; numbers of other types are kept. Only the ' +
          "tenant's pool numbers assigned to this user may be set (409 number.not_owned otherwise: assign one from " +
          'the pool with POST /numbers/{id}/assign), and a pool-assigned number cannot be removed here ' +
          '(409 number.pool_assigned: release it)',
      ),
    country: CountryCode.optional(),
    language: LanguageTag.nullable().optional(),
    emergencyAddress: EmergencyAddressInput.nullable().optional(),
    brokenLicenses: BrokenLicenses.optional(),
  }),
  'UpdateUserRequest',
  'Contact details to change; fields left out stay as they are',
);

export type CreateUserInput = z.output<typeof CreateUserRequest>;
export type UpdateUserInput = z.output<typeof UpdateUserRequest>;
export type AdminUser = z.input<typeof UserSchema>;
