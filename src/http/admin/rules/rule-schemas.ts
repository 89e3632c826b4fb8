import { z } from 'zod';
import { component, DateOrDateTimeInput } from '../admin-schemas.js';
import { pageOf, pageQuery } from '../pagination.js';

const isoDate = z.iso.datetime();

const ActivationInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('now') }),
    z.strictObject({ kind: z.literal('on_date'), date: DateOrDateTimeInput }),
    z.strictObject({ kind: z.literal('after_days'), days: z.number().int().min(0).max(3650) }),
  ])
  .describe('When a granted license starts: now, on a date, or N days after the user appeared in seatsync');

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  groupId: z.uuid().describe('The source group'),
  filter: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .nullable()
    .describe(
      'A SCIM filter over user attributes narrowing the group, e.g. country eq "SE" and department eq "Sales"',
    ),
  product: z.string().min(1).describe('Product id or key'),
  priority: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .describe('Inside an exclusive track the lowest number wins'),
  activation: ActivationInput,
  removalGraceDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .nullable()
    .describe("Days a revoked license stays in grace before its seat is freed; null: the tenant's setting"),
  pickNumbers: z
    .boolean()
    .describe('Give users the numbers their product needs from the pool, matching their country'),
};

export const RuleRequest = component(
  z.strictObject({
    ...ruleFields,
    filter: ruleFields.filter.optional(),
    priority: ruleFields.priority.default(100),
    activation: ActivationInput.default({ kind: 'now' }),
    removalGraceDays: ruleFields.removalGraceDays.optional(),
    pickNumbers: ruleFields.pickNumbers.default(false),
    status: z.enum(['draft', 'active']).default('draft').describe('A draft is evaluated only by previews'),
  }),
  'RuleRequest',
);

export const RuleChangeRequest = component(
  z.strictObject(ruleFields).partial(),
  'RuleChangeRequest',
  'Only the fields named change',
);

const Activation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('on_date'), date: isoDate }),
  z.object({ kind: z.literal('after_days'), days: z.number().int() }),
]);

export const RuleSchema = component(
  z.object({
    id: z.string(),
    name: z.string(),
    groupId: z.string().nullable().describe('Null once the source group was deleted'),
    groupName: z.string().nullable().describe("The source group's display name; null once it was deleted"),
    filter: z.string().nullable(),
    productId: z.string(),
    product: z.string().describe('Product key'),
    priority: z.number().int(),
    activation: Activation,
    removalGraceDays: z.number().int().nullable(),
    pickNumbers: z.boolean(),
    status: z.enum(['draft', 'active', 'retired']),
    version: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  }),
  'Rule',
);
export const RulePageSchema = pageOf(RuleSchema, 'RulePage');
export const ListRulesQuery = z.object({
  status: z.enum(['draft', 'active', 'retired']).optional(),
  ...pageQuery,
});

const ProposedRule = RuleRequest.omit({ status: true }).extend({
  id: z.uuid().optional().describe('The existing rule this entry edits; absent: a new rule'),
});

export const PreviewRequest = component(
  z
    .strictObject({
      rules: z.array(ProposedRule).max(1000).optional().describe('The whole proposed set of active rules'),
      change: z
        .discriminatedUnion('op', [
          z.strictObject({ op: z.literal('create'), rule: ProposedRule.omit({ id: true }) }),
          z.strictObject({
            op: z.literal('update'),
            ruleId: z.uuid(),
            rule: z.strictObject(ruleFields).partial(),
          }),
          z.strictObject({ op: z.literal('activate'), ruleId: z.uuid() }),
          z.strictObject({ op: z.literal('retire'), ruleId: z.uuid() }),
        ])
        .optional()
        .describe("One change to today's rules"),
      limit: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(100)
        .describe('Users listed per section (totals are complete)'),
    })
    .refine((p) => (p.rules === undefined) !== (p.change === undefined), 'give either rules or change'),
  'RulePreviewRequest',
);

const RuleConflictSchema = component(
  z.object({
    userId: z.string(),
    userName: z.string(),
    ruleId: z.string().nullable(),
    productId: z.string().nullable(),
    kind: z.enum([
      'priority_lost',
      'track_held_by_direct',
      'requirement_unmet',
      'dependents_lose_requirement',
      'grant_failed',
    ]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  'RuleConflict',
);

export const PreviewSchema = component(
  z.object({
    rules: z.object({ before: z.number().int(), after: z.number().int() }),
    products: z.array(
      z.object({
        productId: z.string(),
        productKey: z.string(),
        productName: z.string(),
        add: z.number().int().describe('New licenses'),
        join: z.number().int().describe('Grants joining a license the user already has'),
        remove: z.number().int().describe('Licenses that end'),
        seatsAvailable: z.number().int(),
        seatShortfall: z.number().int(),
      }),
    ),
    gaining: z
      .object({
        total: z.number().int(),
        items: z.array(
          z.object({
            userId: z.string(),
            userName: z.string(),
            productKey: z.string(),
            ruleId: z.string().nullable(),
          }),
        ),
      })
      .describe('Users who would get a license they do not hold yet (up to `limit` listed)'),
    numbers: z.array(
      z.object({
        country: z.string(),
        kind: z.enum(['fixed', 'mobile']),
        needed: z.number().int(),
        available: z.number().int(),
        shortfall: z.number().int(),
      }),
    ),
    losingService: z.object({
      total: z.number().int(),
      items: z.array(
        z.object({
          userId: z.string(),
          userName: z.string(),
          productKey: z.string(),
          reason: z.enum(['grant_revoked', 'requirement_lost']),
          ruleId: z.string().nullable(),
        }),
      ),
    }),
    conflicts: z.object({
      total: z.number().int(),
      byKind: z.record(z.string(), z.number().int()),
      items: z.array(RuleConflictSchema),
    }),
    massChange: z.object({
      threshold: z.number().int(),
      licensesStopped: z.number().int(),
      wouldBeHeld: z.boolean(),
    }),
  }),
  'RulePreview',
  'What applying the proposed rules would do; nothing was written',
);

export const ConflictPageSchema = component(
  z.object({
    items: z.array(RuleConflictSchema.extend({ detectedAt: isoDate })),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to get the next page; null on the last page'),
  }),
  'RuleConflictPage',
);
export const ListConflictsQuery = z.object({
  kind: RuleConflictSchema.shape.kind.optional(),
  userId: z.uuid().optional(),
  ruleId: z.uuid().optional(),
  limit: pageQuery.limit,
  cursor: z.string().regex(/^\d+$/).optional().describe("The previous page's nextCursor"),
});

export const HoldSchema = component(
  z.object({
    id: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    cause: z.string(),
    threshold: z.number().int(),
    removals: z.number().int().describe('Licenses whose removal waits for (or was refused by) an admin'),
    createdAt: isoDate,
    decidedAt: isoDate.nullable(),
    decidedBy: z.string().nullable(),
  }),
  'RuleHold',
);
export const HoldPageSchema = pageOf(HoldSchema, 'RuleHoldPage');
export const HoldDetailSchema = component(
  HoldSchema.extend({
    items: z.array(
      z.object({
        userId: z.string(),
        userName: z.string(),
        ruleId: z.string(),
        ruleName: z.string(),
        productId: z.string(),
        productKey: z.string(),
      }),
    ),
  }),
  'RuleHoldDetail',
);
export const ListHoldsQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  ...pageQuery,
});
export const HoldItemsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

export const ExplanationSchema = component(
  z.object({
    assignmentId: z.string(),
    userId: z.string(),
    product: z.string(),
    state: z.string(),
    grants: z.array(
      z.object({
        kind: z.enum(['direct', 'rule', 'import']),
        grantedBy: z.string().nullable(),
        grantedAt: isoDate,
        rule: RuleSchema.extend({
          group: z.object({ id: z.string(), displayName: z.string(), deleted: z.boolean() }).nullable(),
        }).optional(),
        stillMatches: z.boolean().optional(),
      }),
    ),
    conflicts: z.array(
      z.object({ kind: z.string(), ruleId: z.string().nullable(), message: z.string(), detectedAt: isoDate }),
    ),
  }),
  'LicenseExplanation',
  'Why the user has this license: the grants, rules and groups behind it',
);

export const ReconcileSchema = component(
  z.object({ requested: z.literal(true), message: z.string() }),
  'RuleReconcileRequested',
);
