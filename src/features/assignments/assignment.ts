import { z } from 'zod';
import type { Requirement, RequirementKind } from '../catalog/catalog.js';
import type { AssignmentState } from './assignment-states.js';

export type BlockReason =
  'seat_unavailable' | 'track_conflict' | 'user_inactive' | `requirement_unmet:${RequirementKind}`;

export type GrantKind = 'direct' | 'rule' | 'import';

export interface Grant {
  kind: GrantKind;
  ruleId: string | null;
  grantedBy: string | null;
  grantedAt: Date;
}

/** Why a license is being removed; `requirement_lost`: a license it requires stopped running (Voice for Unlimited 5G). */
export type RemovalCause = 'admin' | 'suspension' | 'swap' | 'grants_revoked' | 'requirement_lost';

export interface Assignment {
  id: string;
  tenantId: string;
  userId: string;
  productId: string;
  productKey: string;
  trackKey: string;
  state: AssignmentState;
  effectiveAt: Date;
  blockedReasons: BlockReason[];
  blockedSince: Date | null;
  /** The license of the same exclusive track this one replaces in one atomic swap when it activates. */
  replacesId: string | null;
  activatedAt: Date | null;
  removalAt: Date | null;
  graceEndsAt: Date | null;
  removalCause: RemovalCause | null;
  endedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  grants?: Grant[];
}

/** A reason the assignment cannot be active (now, or on its date), for the admin to read and act on. */
export interface Conflict {
  reason: BlockReason;
  message: string;
  requirement?: Requirement;
}

export interface AssignResult {
  assignment: Assignment;
  /** At scheduling: what is missing on the user's projected state on the date. Assign now: why it is blocked. */
  conflicts: Conflict[];
}

export const grantSchema = z
  .object({ kind: z.enum(['direct', 'rule', 'import']), ruleId: z.uuid().optional() })
  .refine(
    (g) => (g.kind === 'rule') === (g.ruleId !== undefined),
    'a rule grant names its ruleId, other grants none',
  );

export const assignSchema = z.object({
  userIds: z.array(z.uuid()).min(1).max(1000),
  /** Product id or key. */
  product: z.string().min(1),
  /** Absent, null or in the past: now. */
  effectiveAt: z.coerce.date().nullable().optional(),
  grant: grantSchema.default({ kind: 'direct' }),
  /**
   * Numbers the product needs, given to the users when the assignment is made (also for a later date, so the
   * license finds them then): `fixed`/`mobile` name a pool number for a single user; `pickFromPool` picks what each
   * user lacks from the pool, in the user's country.
   */
  numbers: z
    .object({
      fixed: z.string().optional(),
      mobile: z.string().optional(),
      pickFromPool: z.boolean().default(false),
    })
    .optional(),
  /**
   * When a user already has the product scheduled (or blocked): `redate` moves it to this request's date (rules and
   * imports restate what they want), `refuse` answers assignment.already_scheduled naming its date.
   */
  ifScheduled: z.enum(['redate', 'refuse']).default('redate'),
  /** Refuse (seat.unavailable / requirement.unmet, nothing written) instead of keeping a blocked assignment. */
  strict: z.boolean().default(false),
});
export type AssignInput = z.input<typeof assignSchema>;

export const buySeatsSchema = z.object({
  userIds: z.array(z.uuid()).min(1).max(1000),
  /** Product id or key. */
  product: z.string().min(1),
  /** When the licenses start (and the seats bought for them); absent, null or past: now. */
  effectiveAt: z.coerce.date().nullable().optional(),
  bindingMonths: z.number().int().min(0).max(120),
  /** Must be true: buying needs explicit acceptance of the terms. */
  termsAccepted: z.boolean(),
});
export type BuySeatsInput = z.input<typeof buySeatsSchema>;

export const removeSchema = z.object({
  /** Removing a license deletes call history, voicemail, forwarding and device activation: must be true. */
  confirmDataLoss: z.boolean().optional(),
  /** When the service stops; absent or past: now (it goes to grace at once). */
  at: z.coerce.date().optional(),
  /**
   * Licenses of the user that require this one (Unlimited 5G needs an active Voice license) would lose their
   * requirement: without this flag the removal is refused (requirement.dependents); with it they stop with it.
   */
  removeDependents: z.boolean().optional(),
  /** Skips grace: the seat is freed and the data deleted now (only with confirmDataLoss, and only for a removal now). */
  freeSeatNow: z.boolean().optional(),
});
export type RemoveInput = z.input<typeof removeSchema>;
