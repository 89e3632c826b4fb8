import { z } from 'zod';
import { component, CountryCode } from '../admin-schemas.js';
import { pageOf, pageQuery } from '../pagination.js';
import { numberPageQuery } from './licensing-paging.js';

// Responses describe what is stored (plain strings); requests are strict. Dates leave as ISO 8601 UTC strings.

const isoDate = z.iso.datetime();
const catalogKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - and _ (at most 64)')
  .describe('A stable, URL-safe key, e.g. business-mobile');

/** An instant in a request: ISO 8601 with a time zone (`2026-05-01T08:00:00Z`). */
export const DateTimeInput = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .describe('ISO 8601 date and time with a time zone, e.g. 2026-05-01T08:00:00Z');

/** A day (`2026-05-01`, its start in UTC) or an instant. */
export const DateOrDateTimeInput = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value))
  .describe('A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time');

export const RequirementSchema = component(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed_number') }),
    z.object({ kind: z.literal('mobile_number') }),
    z.object({ kind: z.literal('active_license_in_track'), track: z.string() }),
    z.object({ kind: z.literal('emergency_address'), countries: z.array(z.string()) }),
    z.object({ kind: z.literal('sold_in_country'), countries: z.array(z.string()) }),
  ]),
  'Requirement',
  'What a product needs before it can be active for a user',
);

const RequirementInput = component(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed_number') }),
    z.strictObject({ kind: z.literal('mobile_number') }),
    z.strictObject({ kind: z.literal('active_license_in_track'), track: catalogKey }),
    z.strictObject({ kind: z.literal('emergency_address'), countries: z.array(CountryCode).min(1) }),
    z.strictObject({ kind: z.literal('sold_in_country'), countries: z.array(CountryCode).min(1) }),
  ]),
  'RequirementInput',
);

// ---------------------------------------------------------------- catalog

export const TrackSchema = component(
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    exclusive: z
      .boolean()
      .describe('A user holds at most one license of an exclusive track; changing it is a swap'),
    position: z.number().int(),
  }),
  'Track',
);

export const ProductSchema = component(
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    track: z.string().describe('Key of the track the product belongs to'),
    includes: z.array(z.string()).describe('Feature lines, for the side-by-side comparison'),
    requirements: z.array(RequirementSchema),
    sellable: z.boolean(),
    position: z.number().int(),
    version: z.number().int().describe('Send back as If-Match: W/"<version>" to edit safely'),
  }),
  'Product',
);

export const TrackListSchema = component(z.object({ items: z.array(TrackSchema) }), 'TrackList');
export const ProductListSchema = component(z.object({ items: z.array(ProductSchema) }), 'ProductList');

export const ComparisonSchema = component(
  z.object({
    track: z.object({ key: z.string(), name: z.string(), exclusive: z.boolean() }),
    products: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        name: z.string(),
        requirements: z.array(RequirementSchema),
      }),
    ),
    features: z
      .array(z.object({ feature: z.string(), includedIn: z.array(z.string()).describe('Product keys') }))
      .describe('One row per feature of any product in the track'),
  }),
  'ProductComparison',
);

const productName = z.string().trim().min(1).max(100);
const includes = z.array(z.string().trim().min(1).max(200)).max(100);

export const CreateTrackRequest = component(
  z.strictObject({
    key: catalogKey,
    name: productName,
    exclusive: z.boolean(),
    position: z.number().int().default(0),
  }),
  'CreateTrackRequest',
);

export const CreateProductRequest = component(
  z.strictObject({
    key: catalogKey,
    name: productName,
    track: catalogKey.describe('Key of an existing track'),
    includes: includes.default([]),
    requirements: z.array(RequirementInput).max(20).default([]),
    sellable: z.boolean().default(true),
    position: z.number().int().default(0),
  }),
  'CreateProductRequest',
);

export const UpdateProductRequest = component(
  z.strictObject({
    name: productName.optional(),
    includes: includes.optional(),
    requirements: z.array(RequirementInput).max(20).optional().describe('Replaces the whole list'),
    sellable: z.boolean().optional(),
    position: z.number().int().optional(),
  }),
  'UpdateProductRequest',
  'Fields to change; those left out stay as they are. The key and track of a product never change',
);

export const ProductParams = z.object({ id: z.string().min(1).describe('The product id or key') });
export const TrackParams = z.object({ key: z.string().min(1).describe('The track key (or id)') });
export const ListProductsQuery = z.object({ track: catalogKey.optional().describe('Only this track') });

// ---------------------------------------------------------------- seats

export const InventoryLineSchema = component(
  z.object({
    productId: z.string(),
    productKey: z.string(),
    productName: z.string(),
    purchased: z.number().int().describe('Seats of subscriptions running now'),
    held: z.number().int().describe('Seats taken now: active + removal scheduled + grace'),
    active: z.number().int(),
    removalScheduled: z.number().int(),
    grace: z.number().int(),
    scheduled: z.number().int(),
    blocked: z.number().int(),
    availableNow: z.number().int(),
    on: z
      .object({
        date: isoDate,
        purchased: z.number().int(),
        committed: z
          .number()
          .int()
          .describe('Held then, blocked, and scheduled to start by then (grace ending before excepted)'),
        available: z.number().int(),
      })
      .optional()
      .describe('Present when `on` was asked for: the seats free on that date'),
  }),
  'InventoryLine',
);

export const InventorySchema = component(z.object({ items: z.array(InventoryLineSchema) }), 'Inventory');

export const InventoryQuery = z.object({
  product: z.string().min(1).optional().describe('Only this product (id or key)'),
  on: DateOrDateTimeInput.optional().describe(
    'Also report the seats available on this future date (scheduled assignments and ending subscriptions included)',
  ),
});

export const SubscriptionSchema = component(
  z.object({
    id: z.string(),
    productId: z.string(),
    productKey: z.string(),
    quantity: z.number().int(),
    startsAt: isoDate,
    bindingMonths: z.number().int(),
    bindingEndsAt: isoDate,
    endsAt: isoDate
      .nullable()
      .describe('Set once cancelled: the end of the binding period, or the cancellation'),
    termsAcceptedBy: z.string().describe('Who accepted the terms (e.g. token:<id>)'),
    termsAcceptedAt: isoDate,
    createdAt: isoDate,
  }),
  'Subscription',
  'A seat purchase: one product, a quantity, a binding period',
);

export const SubscriptionPageSchema = pageOf(SubscriptionSchema, 'SubscriptionPage');

export const PurchaseRequest = component(
  z.strictObject({
    product: z.string().min(1).describe('Product id or key'),
    quantity: z.number().int().min(1).max(100_000),
    bindingMonths: z.number().int().min(0).max(120),
    startsAt: DateTimeInput.optional().describe(
      'When the seats (and the binding period) start; now when left out',
    ),
    termsAccepted: z
      .boolean()
      .optional()
      .describe('Must be true: the order is refused with 422 terms.not_accepted otherwise'),
  }),
  'PurchaseRequest',
);

export const ListPurchasesQuery = z.object({
  product: z.string().min(1).optional().describe('Only this product (id or key)'),
  ...pageQuery,
});

// ---------------------------------------------------------------- assignments

export const ASSIGNMENT_STATES = [
  'scheduled',
  'active',
  'blocked',
  'failed',
  'removal_scheduled',
  'grace',
  'removed',
  'cancelled',
] as const;

export const GrantSchema = component(
  z.object({
    kind: z.enum(['direct', 'rule', 'import']),
    ruleId: z.string().nullable(),
    grantedBy: z.string().nullable(),
    grantedAt: isoDate,
  }),
  'Grant',
  'Why an assignment exists: a direct assignment by an admin, a group rule, or an import',
);

export const AssignmentSchema = component(
  z.object({
    id: z.string(),
    userId: z.string(),
    productId: z.string(),
    product: z.string().describe('Product key'),
    track: z.string().describe('Track key'),
    state: z.enum(ASSIGNMENT_STATES),
    effectiveAt: isoDate,
    blockedReasons: z
      .array(z.string())
      .describe('seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind>'),
    blockedSince: isoDate.nullable(),
    replacesId: z.string().nullable().describe('The license of the same exclusive track it swaps out'),
    activatedAt: isoDate.nullable(),
    removalAt: isoDate.nullable(),
    graceEndsAt: isoDate.nullable(),
    removalCause: z
      .enum(['admin', 'suspension', 'swap', 'grants_revoked', 'requirement_lost'])
      .nullable()
      .describe('requirement_lost: a license it requires stopped running (Voice for Unlimited 5G)'),
    endedAt: isoDate.nullable(),
    version: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
    grants: z.array(GrantSchema),
  }),
  'Assignment',
);

export const ConflictSchema = component(
  z.object({
    reason: z
      .string()
      .describe('seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind>'),
    message: z.string(),
    requirement: RequirementSchema.optional(),
  }),
  'Conflict',
  'Why an assignment cannot be active now, or on its date',
);

export const AssignResultSchema = component(
  z.object({
    assignment: AssignmentSchema,
    conflicts: z
      .array(ConflictSchema)
      .describe('Scheduled: what is missing on the projected date. Now: why it is blocked. Empty when fine'),
  }),
  'AssignResult',
);

export const AssignResultListSchema = component(
  z.object({ results: z.array(AssignResultSchema).describe('One per user, in the order given') }),
  'AssignResultList',
);

export const EventSchema = component(
  z.object({
    id: z.string(),
    action: z.string().describe('e.g. assignment.scheduled, assignment.activated, assignment.blocked'),
    occurredAt: isoDate,
    actorType: z.enum(['token', 'cli', 'job', 'connector', 'rule_engine', 'system']),
    actorId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  }),
  'Event',
);

export const AssignmentDetailsSchema = component(
  AssignmentSchema.extend({ history: z.array(EventSchema).describe('Every change, oldest first') }),
  'AssignmentDetails',
);

export const AssignmentPageSchema = pageOf(AssignmentSchema, 'AssignmentPage');

export const ListAssignmentsQuery = z.object({
  product: z.string().min(1).optional().describe('Only this product (id or key)'),
  state: z.enum(ASSIGNMENT_STATES).optional(),
  ...pageQuery,
});

export const MAX_ASSIGN_USERS = 1000;

const NumbersInput = z
  .strictObject({
    fixed: z.string().min(1).optional().describe('A fixed number of the pool (E.164) to give the user first'),
    mobile: z
      .string()
      .min(1)
      .optional()
      .describe('A mobile number of the pool (E.164) to give the user first'),
    pickFromPool: z
      .boolean()
      .default(false)
      .describe("Pick the numbers the product needs and the user lacks from the pool (the user's country)"),
  })
  .describe('Assigning now to one user only: the numbers the product needs');

export const AssignRequest = component(
  z.strictObject({
    userIds: z.array(z.uuid()).min(1).max(MAX_ASSIGN_USERS),
    product: z.string().min(1).describe('Product id or key'),
    effectiveAt: DateTimeInput.nullable()
      .optional()
      .describe('When the license starts; now when left out, null or past'),
    numbers: NumbersInput.optional(),
    strict: z
      .boolean()
      .default(false)
      .describe(
        'Refuse (409 seat.unavailable / requirement.unmet, nothing written) instead of keeping a blocked assignment',
      ),
  }),
  'AssignRequest',
);

export const ChangeAssignmentRequest = component(
  z.strictObject({
    product: z.string().min(1).describe('Another product of the same exclusive track (id or key)'),
    effectiveAt: DateTimeInput.nullable().optional().describe('When the swap happens; now when left out'),
    numbers: NumbersInput.optional(),
  }),
  'ChangeAssignmentRequest',
);

export const RemoveAssignmentRequest = component(
  z.strictObject({
    confirmDataLoss: z
      .boolean()
      .optional()
      .describe(
        "Must be true: removal deletes the user's call history, forwarding, voicemail and device activation",
      ),
    at: DateTimeInput.optional().describe('When the service stops; now (straight to grace) when left out'),
    removeDependents: z
      .boolean()
      .optional()
      .describe(
        'When other licenses of the user require this one (Unlimited 5G needs an active Voice license): true stops ' +
          'them with it (cause requirement_lost); left out, the removal is refused with 409 requirement.dependents',
      ),
  }),
  'RemoveAssignmentRequest',
);

export const RescheduleRequest = component(
  z.strictObject({ effectiveAt: DateTimeInput.describe('The new date; now or past activates it at once') }),
  'RescheduleRequest',
);

// ---------------------------------------------------------------- numbers

export const NUMBER_STATUSES = ['available', 'reserved', 'assigned', 'porting', 'quarantine'] as const;
const NumberKind = z.enum(['fixed', 'mobile']);

export const PhoneNumberSchema = component(
  z.object({
    id: z.string(),
    e164: z.string(),
    kind: NumberKind,
    country: z.string(),
    status: z.enum(NUMBER_STATUSES),
    origin: z.enum(['provider', 'port_in']),
    userId: z.string().nullable(),
    quarantineUntil: isoDate.nullable(),
    version: z.number().int(),
  }),
  'PhoneNumber',
);

export const PhoneNumberPageSchema = pageOf(PhoneNumberSchema, 'PhoneNumberPage');
export const PhoneNumberListSchema = component(
  z.object({ items: z.array(PhoneNumberSchema) }),
  'PhoneNumberList',
);

export const ListNumbersQuery = z.object({
  status: z.enum(NUMBER_STATUSES).optional(),
  kind: NumberKind.optional(),
  country: CountryCode.optional(),
  userId: z.uuid().optional().describe('Only numbers assigned to this user'),
  ...numberPageQuery,
});

export const NumberParams = z.object({
  id: z.string().min(1).describe('The number id, or the number in E.164'),
});

export const AcquireNumbersRequest = component(
  z.strictObject({ country: CountryCode, kind: NumberKind, quantity: z.number().int().min(1).max(1000) }),
  'AcquireNumbersRequest',
);

export const AssignNumberRequest = component(z.strictObject({ userId: z.uuid() }), 'AssignNumberRequest');

export const PortOrderSchema = component(
  z.object({
    id: z.string(),
    e164: z.string(),
    kind: NumberKind,
    country: z.string(),
    losingOperator: z.string(),
    state: z.enum(['submitted', 'confirmed', 'completed', 'rejected', 'cancelled']),
    portAt: isoDate.nullable().describe('When the number moves (set when the losing operator confirms)'),
    rejectReason: z.string().nullable(),
    createdAt: isoDate,
  }),
  'PortOrder',
  'A port-in of a number from another operator; completed, the number is reserved in the pool',
);

export const PortOrderPageSchema = pageOf(PortOrderSchema, 'PortOrderPage');

export const CreatePortOrderRequest = component(
  z.strictObject({
    // A plain string: the numbering plan's checks give the precise number.invalid message.
    number: z.string().trim().min(1).max(32).describe('The number to port in, E.164'),
    country: CountryCode,
    kind: NumberKind,
    losingOperator: z.string().trim().min(1).max(200),
  }),
  'CreatePortOrderRequest',
);

export const ConfirmPortOrderRequest = component(
  z.strictObject({ portAt: DateTimeInput.describe('The date the losing operator agreed to') }),
  'ConfirmPortOrderRequest',
);

export const RejectPortOrderRequest = component(
  z.strictObject({ reason: z.string().trim().min(1).max(500) }),
  'RejectPortOrderRequest',
);

export const ListPortOrdersQuery = z.object({
  state: z.enum(['submitted', 'confirmed', 'completed', 'rejected', 'cancelled']).optional(),
  ...pageQuery,
});

// ---------------------------------------------------------------- user details

export const UserLicensesSchema = component(
  z.object({
    assignments: z
      .array(AssignmentSchema.extend({ conflicts: z.array(ConflictSchema) }))
      .describe('Every license of the user that is not ended, with why it is blocked'),
    numbers: z.array(PhoneNumberSchema).describe('Pool numbers assigned to the user'),
    conflicts: z
      .array(ConflictSchema.extend({ assignmentId: z.string(), product: z.string() }))
      .describe('Everything that keeps a license of the user from being active'),
  }),
  'UserLicenses',
  "The user's licenses, numbers and conflicts",
);

export type AdminAssignment = z.input<typeof AssignmentSchema>;
