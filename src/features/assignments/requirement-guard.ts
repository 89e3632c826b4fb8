import { DomainError } from '../../domain-error.js';
import type { Product } from '../catalog/catalog.js';
import type { Actor } from '../events/event-log.js';
import type { BlockReason, Conflict } from './assignment.js';
import type { AssignmentRow, AssignmentStore } from './assignment-store.js';
import type { LicenseActivation } from './license-activation.js';
import type { LicenseTransitions } from './license-transitions.js';
import type { LicensingLookups } from './licensing-lookups.js';
import { checkRequirements } from './requirement-check.js';
import { factsAt, type UserState } from './user-facts.js';

/**
 * What happens to running licenses a change would leave without a requirement (DESIGN.md, invariants):
 * `refuse` — the change is refused (requirement.would_break, naming them); `grace` — they stop in the change's
 * transaction, into grace with cause requirement_lost and the reasons, and come back by themselves when the
 * requirement is met again. Admin requests refuse unless they say `grace`; the IdP and the directory sync, which
 * own names and contact data but not the tenant's numbers or licenses, always take `grace`.
 */
export type BrokenLicensePolicy = 'refuse' | 'grace';

/** A running license that a change leaves without some of its requirements. */
export interface BrokenLicense {
  assignmentId: string;
  product: string;
  conflicts: Conflict[];
}

/** A running license with the product it is a license of. */
export interface RunningLicense {
  id: string;
  product: Product;
}

/**
 * The running licenses whose requirements held before a change and do not after it (pure). A requirement unmet
 * before the change is not its doing and is not reported; an inactive user is the suspension's business.
 */
export function brokenByChange(
  licenses: readonly RunningLicense[],
  before: UserState,
  after: UserState,
): BrokenLicense[] {
  const broken: BrokenLicense[] = [];
  for (const l of licenses) {
    const was = new Set(checkRequirements(l.product, factsAt(before, l.id, null)).map((c) => c.reason));
    const conflicts = checkRequirements(l.product, factsAt(after, l.id, null)).filter(
      (c) => c.reason !== 'user_inactive' && !was.has(c.reason),
    );
    if (conflicts.length > 0) broken.push({ assignmentId: l.id, product: l.product.key, conflicts });
  }
  return broken;
}

/**
 * Keeps "a running license meets its requirements" true after a change to what a user has (contact details,
 * numbers): called in the change's transaction, after the change is written, with how the facts were before it.
 */
export class RequirementGuard {
  constructor(
    private readonly store: AssignmentStore,
    private readonly transitions: LicenseTransitions,
    private readonly activation: LicenseActivation,
    private readonly lookups: LicensingLookups,
    private readonly clock: () => Date,
  ) {}

  /**
   * `before` rebuilds the user's facts as they were before the change from the facts after it (the change is
   * already written). Running licenses the change broke are refused or sent to grace as `policy` says; then the
   * user's blocked and requirement-lost licenses are re-checked, so a change that fixes one takes effect now.
   */
  async afterChange(
    tenantId: string,
    userId: string,
    before: (after: UserState) => UserState,
    policy: BrokenLicensePolicy,
    actor: Actor,
  ): Promise<BrokenLicense[]> {
    const rows = await this.store.lockRunningOfUser(tenantId, userId, null);
    const after = (await this.store.userStates(tenantId, [userId], { lock: true })).get(userId);
    if (!after) return [];
    const licenses: RunningLicense[] = [];
    for (const r of rows)
      licenses.push({ id: r.id, product: await this.lookups.product(tenantId, r.product_id) });
    const broken = brokenByChange(licenses, before(after), after);
    if (broken.length > 0 && policy === 'refuse') throw wouldBreak(broken, licenses);
    const byId = new Map<string, AssignmentRow>(rows.map((r) => [r.id, r]));
    const now = this.clock();
    for (const b of broken) {
      // A license stopped by an earlier one of this loop (a dependent) has moved on; re-read it.
      const row = (await this.store.lock(tenantId, b.assignmentId)) ?? byId.get(b.assignmentId);
      if (!row || (row.state !== 'active' && row.state !== 'removal_scheduled')) continue;
      await this.transitions.enterGrace(
        row,
        now,
        'requirement_lost',
        actor,
        { cause: 'requirement_lost', conflicts: b.conflicts },
        b.conflicts.map((c) => c.reason as BlockReason),
      );
    }
    await this.activation.recheckUsers(tenantId, [userId], actor);
    return broken;
  }
}

function wouldBreak(broken: readonly BrokenLicense[], licenses: readonly RunningLicense[]): DomainError {
  const names = new Map(licenses.map((l) => [l.id, l.product.name]));
  const described = broken
    .map((b) => `${names.get(b.assignmentId) ?? b.product} (${b.conflicts.map((c) => c.message).join('; ')})`)
    .join(', ');
  return new DomainError(
    'requirement.would_break',
    `This change leaves running licenses without a requirement: ${described}. Fix the requirement first, or send brokenLicenses: "grace" to stop them (they keep their data and seat through grace and run again once the requirement is met)`,
    {
      licenses: broken.map((b) => ({
        assignmentId: b.assignmentId,
        product: b.product,
        reasons: b.conflicts.map((c) => c.reason),
      })),
    },
  );
}
