import { z } from 'zod';
import { ASSIGNMENT_STATES } from '../../../features/assignments/assignment-states.js';
import { component, DateTimeInput, IsoDateTime } from '../admin-schemas.js';
import { pageOf, pageQuery } from '../pagination.js';
import { RequirementSchema } from '../catalog/catalog-schemas.js';
import { PhoneNumberSchema } from '../numbers/number-schemas.js';
import { PriceSchema } from '../catalog/catalog-schemas.js';
import { MoneySchema, SubscriptionSchema } from '../seats/seat-schemas.js';

// Responses describe what is stored (plain strings); requests are strict. Dates leave as ISO 8601 UTC strings.

export const GrantSchema = component(
  z.object({
    kind: z.enum(['direct', 'rule', 'import']),
    ruleId: z.string().nullable(),
    grantedBy: z.string().nullable(),
    grantedAt: IsoDateTime,
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
    effectiveAt: IsoDateTime,
    blockedReasons: z
      .array(z.string())
      .describe('seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind>'),
    blockedSince: IsoDateTime.nullable(),
    replacesId: z.string().nullable().describe('The license of the same exclusive track it swaps out'),
    activatedAt: IsoDateTime.nullable(),
    removalAt: IsoDateTime.nullable(),
    graceEndsAt: IsoDateTime.nullable(),
    removalCause: z
      .enum(['admin', 'suspension', 'swap', 'grants_revoked', 'requirement_lost'])
      .nullable()
      .describe('requirement_lost: a license it requires stopped running (Voice for Unlimited 5G)'),
    endedAt: IsoDateTime.nullable(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
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

export const OrderSummarySchema = component(
  z.object({
    product: z.string().describe('Product key'),
    productName: z.string(),
    quantity: z.number().int().describe('Seats bought: what the assignment lacked on its date'),
    bindingMonths: z.number().int(),
    unitPrice: PriceSchema.nullable().describe('Monthly list price per seat (null: none)'),
    monthlyTotal: MoneySchema.nullable().describe('quantity × the monthly price'),
    bindingTotal: MoneySchema.nullable().describe('The monthly total over the binding period'),
    subscription: SubscriptionSchema.describe('The purchase, with who accepted the terms and when'),
  }),
  'OrderSummary',
  'The seats bought with an assignment',
);

export const AssignResponseSchema = component(
  z.object({
    results: z.array(AssignResultSchema).describe('One per user, in the order given'),
    order: OrderSummarySchema.nullable().describe(
      'With `purchase`: the seats bought (null when none were missing). Without: null',
    ),
  }),
  'AssignResponse',
);

export const EventSchema = component(
  z.object({
    id: z.string(),
    action: z.string().describe('e.g. assignment.scheduled, assignment.activated, assignment.blocked'),
    occurredAt: IsoDateTime,
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
  userId: z.uuid().optional().describe("Only this user's assignments"),
  ...pageQuery,
});

export const MAX_ASSIGN_USERS = 1000;

const NumbersInput = z
  .strictObject({
    fixed: z
      .string()
      .min(1)
      .optional()
      .describe('A fixed number of the pool (E.164) to give the user (one user only; reserved ones too)'),
    mobile: z
      .string()
      .min(1)
      .optional()
      .describe('A mobile number of the pool (E.164) to give the user (one user only; reserved ones too)'),
    pickFromPool: z
      .boolean()
      .default(false)
      .describe(
        "Pick the numbers the product needs and each user lacks from the pool, in each user's country (available " +
          'numbers only: reserved and ported-in ones are taken only when named)',
      ),
  })
  .describe(
    'The numbers the product needs. They are assigned to the users with the request, also when the license starts ' +
      'on a later date, so it finds them then',
  );

const Reschedule = z
  .boolean()
  .default(false)
  .describe(
    'When a user already has the product scheduled (or blocked): true moves it to this date; left out, the request ' +
      'is refused with 409 assignment.already_scheduled naming its date',
  );

export const AssignRequest = component(
  z.strictObject({
    userIds: z.array(z.uuid()).min(1).max(MAX_ASSIGN_USERS),
    product: z.string().min(1).describe('Product id or key'),
    effectiveAt: DateTimeInput.nullable()
      .optional()
      .describe('When the license starts; now when left out, null or past'),
    numbers: NumbersInput.optional(),
    reschedule: Reschedule,
    purchase: z
      .strictObject({
        bindingMonths: z.number().int().min(0).max(120),
        termsAccepted: z
          .boolean()
          .optional()
          .describe('Must be true: the order is refused with 422 terms.not_accepted otherwise'),
      })
      .optional()
      .describe(
        'Buy the seats the assignment lacks on its date in the same request ("buy licenses" in the assign flow): ' +
          'one per user who has no license of the product, less the free ones; the order is in `order`',
      ),
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
    reschedule: Reschedule,
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
    freeSeatNow: z
      .boolean()
      .optional()
      .describe(
        'true: no grace — the seat is freed and the data deleted now (with confirmDataLoss; not with a future `at`). ' +
          'Also ends a license already in grace',
      ),
  }),
  'RemoveAssignmentRequest',
);

export const RescheduleRequest = component(
  z.strictObject({ effectiveAt: DateTimeInput.describe('The new date; now or past activates it at once') }),
  'RescheduleRequest',
);

export const UserLicensesSchema = component(
  z.object({
    assignments: z
      .array(AssignmentSchema.extend({ conflicts: z.array(ConflictSchema) }))
      .describe('Every license of the user that is not ended, with why it is blocked'),
    numbers: z.array(PhoneNumberSchema).describe('Pool numbers assigned to the user'),
    conflicts: z
      .array(ConflictSchema.extend({ assignmentId: z.string(), product: z.string() }))
      .describe('Everything that keeps a license of the user from being active'),
    numberConflicts: z
      .array(
        z.object({
          value: z.string(),
          type: z.string().nullable(),
          holder: z.enum(['pool', 'other_user', 'not_tenant']),
          message: z.string(),
        }),
      )
      .describe(
        "Phone numbers in the contact details (from the IdP or directory) that are not the tenant's pool numbers " +
          'assigned to this user: kept as contact data, they satisfy no requirement',
      ),
  }),
  'UserLicenses',
  "The user's licenses, numbers and conflicts",
);

export type AdminAssignment = z.input<typeof AssignmentSchema>;
