import type { Actor } from '../events/event-log.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import { addDays } from '../seats/license-settings.js';
import type { UserProfile } from '../users/user.js';
import type { AssignmentStore } from './assignment-store.js';
import type { LicenseActivation } from './license-activation.js';
import type { LicenseTransitions } from './license-transitions.js';
import type { LicensingLookups } from './licensing-lookups.js';
import type { BrokenLicense, BrokenLicensePolicy, RequirementGuard } from './requirement-guard.js';
import { profileFacts } from './user-facts.js';

/**
 * What licensing does when a user changes outside licensing: suspended or reactivated, their country or emergency
 * address edited, numbers taken away. Runs in the transaction of that change (the container's reactions).
 */
export class LicenseUserChanges {
  constructor(
    private readonly store: AssignmentStore,
    private readonly transitions: LicenseTransitions,
    private readonly activation: LicenseActivation,
    private readonly guard: RequirementGuard,
    private readonly lookups: LicensingLookups,
    private readonly clock: () => Date,
  ) {}

  /** The user went inactive (suspended or deleted): running licenses are removed after the tenant's grace days. */
  async suspendUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    const { suspensionGraceDays } = await this.lookups.settings(tenantId);
    const removalAt = addDays(this.clock(), suspensionGraceDays);
    const rows = await this.store.lockActiveOfUser(tenantId, userId);
    for (const row of rows) {
      await this.transitions.transition(
        row,
        'removal_scheduled',
        { removal_at: removalAt, removal_cause: 'suspension' },
        'assignment.removal_scheduled',
        actor,
        { cause: 'user_suspended' },
      );
    }
    return rows.length;
  }

  /** The user is active again: what the suspension started to remove is restored, blocked ones re-checked. */
  async reactivateUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    const rows = await this.store.lockSuspendedOfUser(tenantId, userId);
    for (const row of rows)
      await this.transitions.transition(
        row,
        'active',
        { activated_at: row.activated_at },
        'assignment.restored',
        actor,
        { cause: 'user_reactivated' },
      );
    await this.activation.recheckUsers(tenantId, [userId], actor);
    return rows.length;
  }

  /**
   * An active user's profile changed: when their country or emergency address did, running licenses that no
   * longer meet a requirement are refused or go to grace (`policy`), and licenses the change fixed run now.
   */
  async profileChanged(
    tenantId: string,
    userId: string,
    before: UserProfile,
    after: UserProfile,
    policy: BrokenLicensePolicy,
    actor: Actor,
  ): Promise<BrokenLicense[]> {
    const was = profileFacts(before);
    const is = profileFacts(after);
    if (was.country === is.country && was.hasEmergencyAddress === is.hasEmergencyAddress) return [];
    return this.guard.afterChange(
      tenantId,
      userId,
      (state) => ({
        ...state,
        // No country before: the tenant's default, which the state read after the change also falls back to
        // when the change did not set one (when it did, the default is not in the state: a known approximation).
        country: was.country ?? state.country,
        hasEmergencyAddress: was.hasEmergencyAddress,
      }),
      policy,
      actor,
    );
  }

  /** Numbers of these kinds left the user: running licenses that needed them are refused or go to grace. */
  numbersReleased(
    tenantId: string,
    userId: string,
    kinds: readonly NumberKind[],
    policy: BrokenLicensePolicy,
    actor: Actor,
  ): Promise<BrokenLicense[]> {
    return this.guard.afterChange(
      tenantId,
      userId,
      (state) => ({ ...state, numberKinds: new Set([...state.numberKinds, ...kinds]) }),
      policy,
      actor,
    );
  }
}
