import { z } from 'zod';

export type RuleStatus = 'draft' | 'active' | 'retired';

/**
 * When a license granted by a rule starts: at once, on a date (at once if the date has passed), or N days
 * after the user appeared in seatsync (their creation; at once for users older than that).
 */
export const activationPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('on_date'), date: z.coerce.date() }),
  z.object({ kind: z.literal('after_days'), days: z.number().int().min(0).max(3650) }),
]);
export type ActivationPolicy = z.infer<typeof activationPolicySchema>;

export interface Rule {
  id: string;
  tenantId: string;
  name: string;
  /** The source group; null once the group was deleted (the rule then matches nobody). */
  groupId: string | null;
  /** A SCIM filter over user attributes narrowing the group's members (`country eq "SE"`). */
  filter: string | null;
  productId: string;
  /** Lower wins: inside an exclusive track the matching rule with the lowest priority number decides. */
  priority: number;
  activation: ActivationPolicy;
  /** Days a revoked license stays in grace (data kept, seat held) before it is removed; null: the tenant's. */
  removalGraceDays: number | null;
  /** Give users the numbers their product needs from the pool (matching their country) when it activates. */
  pickNumbers: boolean;
  status: RuleStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  groupId: z.uuid(),
  filter: z.string().trim().min(1).max(2000).nullable(),
  /** Product id or key. */
  product: z.string().min(1),
  priority: z.number().int().min(0).max(1_000_000),
  activation: activationPolicySchema,
  removalGraceDays: z.number().int().min(0).max(365).nullable(),
  pickNumbers: z.boolean(),
};

export const newRuleSchema = z.object({
  ...ruleFields,
  filter: ruleFields.filter.optional(),
  priority: ruleFields.priority.default(100),
  activation: ruleFields.activation.default({ kind: 'now' }),
  removalGraceDays: ruleFields.removalGraceDays.optional(),
  pickNumbers: ruleFields.pickNumbers.default(false),
  status: z.enum(['draft', 'active']).default('draft'),
});
export type NewRule = z.input<typeof newRuleSchema>;

/** A change names only what it changes (no defaults: zod keeps them through partial()). */
export const ruleChangeSchema = z.object(ruleFields).partial();
export type RuleChange = z.input<typeof ruleChangeSchema>;

/** Why an evaluation could not give a user what the rules say, kept per user until the next evaluation. */
export type RuleConflictKind =
  /** Another matching rule of the same exclusive track has a lower priority number and won. */
  | 'priority_lost'
  /** The user holds another product of the exclusive track by a direct or imported grant, which rules never replace. */
  | 'track_held_by_direct'
  /** The granted product's requirements are not met (the assignment waits blocked with the reasons). */
  | 'requirement_unmet'
  /** A license that other licenses of the user depend on (Voice under Unlimited 5G) is being removed. */
  | 'dependents_lose_requirement'
  /** The grant could not be applied (numbers unavailable, product not assignable…); the others went ahead. */
  | 'grant_failed';

export interface RuleConflict {
  userId: string;
  ruleId: string | null;
  productId: string | null;
  kind: RuleConflictKind;
  message: string;
  details?: Record<string, unknown>;
}

export type HoldStatus = 'pending' | 'approved' | 'rejected';

/** Rule-driven removals held back by the tenant's mass-change threshold, for an admin to approve or reject. */
export interface RuleHold {
  id: string;
  tenantId: string;
  status: HoldStatus;
  cause: string;
  threshold: number;
  /** Licenses whose removal waits for (or was refused by) the admin. */
  removals: number;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/** One held removal: a rule's grant of a product to a user. */
export interface HoldItem {
  userId: string;
  userName: string;
  ruleId: string;
  ruleName: string;
  productId: string;
  productKey: string;
}
