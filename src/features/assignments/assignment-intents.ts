import { notFound } from '../../domain-error.js';
import type { Product } from '../catalog/catalog.js';
import type { Actor } from '../events/event-log.js';
import { describeActor, type SeatService } from '../seats/seat-service.js';
import type { Conflict, Grant } from './assignment.js';
import { isPending } from './assignment-states.js';
import type { AssignmentRow, AssignmentStore } from './assignment-store.js';
import { seatConflict } from './activation-decision.js';
import type { LicenseActivation } from './license-activation.js';
import type { LicenseTransitions } from './license-transitions.js';
import type { LicensingLookups } from './licensing-lookups.js';
import { checkRequirements, type UserFacts } from './requirement-check.js';
import { factsAt } from './user-facts.js';

export interface Intent {
  row: AssignmentRow;
  conflicts: Conflict[];
  /** Whether the row is to be activated now (by the caller, with the other rows of its request). */
  activate: boolean;
  /** The row's grants when this intent created the row (its one grant); otherwise unknown without a read. */
  grants?: Grant[];
}

/**
 * Records that a user should have a product (an admin's assignment or a rule's grant): one row per (user,
 * product), created or revived, and the grant that explains it. Also the user's facts as requirements see them.
 */
export class AssignmentIntents {
  constructor(
    private readonly store: AssignmentStore,
    private readonly transitions: LicenseTransitions,
    private readonly activation: LicenseActivation,
    private readonly seats: SeatService,
    private readonly lookups: LicensingLookups,
    private readonly clock: () => Date,
  ) {}

  /**
   * Creates the (user, product) row for a new intent — a new one after a cancellation or removal, so the ended one
   * keeps its history — or re-dates the pending or failed one, and records the grant. In an exclusive track the
   * latest intent wins: an earlier pending change of the track is cancelled, and the active license of the track
   * is the one the new row replaces when it activates.
   */
  async record(
    tenantId: string,
    userId: string,
    product: Product,
    exclusive: boolean,
    effectiveAt: Date,
    immediate: boolean,
    grant: { kind: Grant['kind']; ruleId?: string | undefined },
    actor: Actor,
  ): Promise<Intent> {
    if (!(await this.store.userExists(tenantId, userId))) throw notFound('User', userId);
    let holder: AssignmentRow | undefined;
    let existing: AssignmentRow | undefined;
    if (exclusive) {
      const locked = await this.store.lockInTrack(tenantId, userId, product.trackKey, product.id);
      const inTrack = locked.others;
      existing = locked.own;
      holder = inTrack.find((r) => r.state === 'active');
      for (const pending of inTrack.filter((r) => isPending(r.state))) {
        await this.store.deleteGrants(pending.id);
        await this.transitions.transition(
          pending,
          'cancelled',
          { ended_at: this.clock() },
          'assignment.cancelled',
          actor,
          { supersededBy: product.key },
        );
      }
    } else existing = await this.store.lockOfUserAndProduct(tenantId, userId, product.id);
    let row: AssignmentRow;
    let activate = immediate;
    let created = false;
    /** Why a re-granted license in removal could not continue. */
    let unmet: Conflict[] | undefined;
    if (!existing) {
      const inserted = await this.transitions.schedule(
        { tenantId, userId, productId: product.id, effectiveAt, replacesId: holder?.id ?? null },
        { productKey: product.key, trackKey: product.trackKey },
        grant,
        actor,
      );
      // A concurrent request created the user's assignment of the product first: this intent joins that one.
      if (!inserted)
        return this.record(tenantId, userId, product, exclusive, effectiveAt, immediate, grant, actor);
      row = inserted;
      created = true;
    } else if (existing.state === 'active') {
      row = existing;
      activate = false;
    } else if (existing.state === 'removal_scheduled' || existing.state === 'grace') {
      // Re-granted before the seat was freed: the license continues (it still holds its seat) if it can run —
      // not an Unlimited 5G whose Voice license has gone (that one comes back when Voice runs again).
      unmet = checkRequirements(product, await this.userFacts(tenantId, userId, existing.id, null));
      row =
        unmet.length === 0
          ? await this.transitions.transition(
              existing,
              'active',
              { activated_at: existing.activated_at },
              'assignment.restored',
              actor,
              { grant },
            )
          : existing;
      // Back in service: what needed it (a license that lost it as a requirement, a blocked one) may run again.
      if (row !== existing) await this.activation.recheckUsers(tenantId, [userId], actor);
      activate = false;
    } else {
      const revived = isPending(existing.state) ? 'assignment.rescheduled' : 'assignment.scheduled';
      row = await this.transitions.transition(
        existing,
        'scheduled',
        { effective_at: effectiveAt, replaces_id: holder?.id ?? null, activated_at: null },
        revived,
        actor,
        { grant },
      );
    }
    const added = await this.store.addGrant(tenantId, row.id, grant, describeActor(actor));
    const conflicts =
      unmet ?? (activate || row.state !== 'scheduled' ? [] : await this.projectedConflicts(row, effectiveAt));
    return { row, conflicts, activate, ...(created && added ? { grants: [added] } : {}) };
  }

  /** What would keep the assignment from running on `at`, as far as is known now (scheduled changes included). */
  async projectedConflicts(row: AssignmentRow, at: Date): Promise<Conflict[]> {
    const product = await this.lookups.product(row.tenant_id, row.product_id);
    const facts = await this.userFacts(row.tenant_id, row.user_id, row.id, at);
    const conflicts = checkRequirements(product, facts);
    const free = await this.seats.inventory(row.tenant_id, { productId: row.product_id, on: at });
    // This assignment is itself among the committed seats on that date.
    if ((free[0]?.on?.available ?? 0) < 0) conflicts.push(seatConflict(product));
    return conflicts;
  }

  /**
   * The user's state, now (`at` null; the user row is share-locked so a concurrent suspension waits for this
   * transaction or is seen by it) or projected to `at` (running licenses that are still running then, plus
   * scheduled ones due by then), without the assignment `excludeId`.
   */
  async userFacts(
    tenantId: string,
    userId: string,
    excludeId: string | null,
    at: Date | null,
  ): Promise<UserFacts> {
    const states = await this.store.userStates(tenantId, [userId], { lock: at === null });
    return factsAt(states.get(userId), excludeId, at);
  }
}
