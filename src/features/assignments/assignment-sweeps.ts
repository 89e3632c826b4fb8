import type { Actor } from '../events/event-log.js';
import { addDays } from '../seats/license-settings.js';
import type { SeatService } from '../seats/seat-service.js';
import type { AssignmentRow, AssignmentStore } from './assignment-store.js';
import type { LicenseActivation } from './license-activation.js';
import type { LicenseTransitions } from './license-transitions.js';
import type { LicensingLookups } from './licensing-lookups.js';

export interface BatchResult {
  processed: number;
  activated: number;
  blocked: number;
}

/**
 * What the licensing jobs run, over all tenants, one batch per call in the job's transaction. Each claims its
 * rows with FOR UPDATE SKIP LOCKED in the transaction that changes them: two workers never take the same row,
 * and a worker that dies rolls back, leaving the rows due for the next one.
 */
export class AssignmentSweeps {
  constructor(
    private readonly store: AssignmentStore,
    private readonly transitions: LicenseTransitions,
    private readonly activation: LicenseActivation,
    private readonly seats: SeatService,
    private readonly lookups: LicensingLookups,
    private readonly clock: () => Date,
  ) {}

  /** Activates scheduled assignments that are due, oldest first. */
  async activateDue(options: { now?: Date; limit?: number; actor?: Actor } = {}): Promise<BatchResult> {
    const now = options.now ?? this.clock();
    const actor = options.actor ?? { type: 'job', id: 'activate-due-assignments' };
    const rows = await this.store.claimDue(now, options.limit ?? 200);
    return this.activateBatch(rows, actor, true);
  }

  /** Re-checks blocked assignments (the safety net for causes nobody announced) and fails those past the cutoff. */
  async recheckBlocked(
    options: { now?: Date; limit?: number; actor?: Actor; checkedBefore?: Date } = {},
  ): Promise<BatchResult & { failed: number }> {
    const now = options.now ?? this.clock();
    const actor = options.actor ?? { type: 'job', id: 'recheck-blocked-assignments' };
    const rows = await this.store.claimBlocked(options.checkedBefore ?? now, options.limit ?? 200);
    await this.store.markChecked(
      rows.map((r) => r.id),
      this.clock(),
    );
    const retry: AssignmentRow[] = [];
    let failed = 0;
    for (const row of rows) {
      const { blockedCutoffDays } = await this.lookups.settings(row.tenant_id);
      if (row.blocked_since && addDays(row.blocked_since, blockedCutoffDays) <= now) {
        await this.transitions.transition(
          row,
          'failed',
          { ended_at: now, blocked_reasons: row.blocked_reasons, blocked_since: row.blocked_since },
          'assignment.failed',
          actor,
        );
        failed += 1;
      } else retry.push(row);
    }
    return { ...(await this.activateBatch(retry, actor, false)), failed };
  }

  /** removal_scheduled → grace when the removal date comes; grace → removed (seat freed, numbers released). */
  async advanceRemovals(
    options: { now?: Date; limit?: number } = {},
  ): Promise<{ toGrace: number; removed: number }> {
    const now = options.now ?? this.clock();
    const actor: Actor = { type: 'job', id: 'license-grace-expiry' };
    const limit = options.limit ?? 200;
    const starting = await this.store.claimRemovalsDue(now, limit);
    for (const row of starting)
      await this.transitions.enterGrace(row, row.removal_at ?? now, row.removal_cause ?? 'admin', actor);
    const ending = await this.store.claimGraceEnded(now, limit);
    for (const tenantId of [...new Set(ending.map((r) => r.tenant_id))].sort()) {
      const ofTenant = ending.filter((r) => r.tenant_id === tenantId);
      await this.seats.lockInventory(
        tenantId,
        ofTenant.map((r) => r.product_id),
      );
      for (const row of ofTenant) await this.transitions.end(row, actor);
      for (const productId of [...new Set(ofTenant.map((r) => r.product_id))])
        await this.activation.fillWaiting(tenantId, productId, actor);
    }
    return { toGrace: starting.length, removed: ending.length };
  }

  private async activateBatch(
    rows: AssignmentRow[],
    actor: Actor,
    waitingFirst: boolean,
  ): Promise<BatchResult> {
    const result: BatchResult = { processed: rows.length, activated: 0, blocked: 0 };
    for (const tenantId of [...new Set(rows.map((r) => r.tenant_id))].sort()) {
      const ofTenant = rows.filter((r) => r.tenant_id === tenantId);
      // Every inventory lock of the batch first, in one sorted go: filling the waiting ones below takes a subset.
      await this.activation.lockFor(tenantId, ofTenant);
      // Assignments already waiting for a seat are older than the ones falling due now: they go first.
      if (waitingFirst)
        for (const productId of new Set(ofTenant.map((r) => r.product_id)))
          await this.activation.fillWaiting(tenantId, productId, actor);
      for (const outcome of await this.activation.activate(tenantId, ofTenant, actor)) {
        if (outcome.row.state === 'active') result.activated += 1;
        else result.blocked += 1;
      }
    }
    return result;
  }
}
