import { randomUUID } from 'node:crypto';
import type { Product } from '../catalog/catalog.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventInput, EventLog } from '../events/event-log.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { NumberService } from '../numbers/number-service.js';
import { addDays } from '../seats/license-settings.js';
import type { SeatService } from '../seats/seat-service.js';
import type { Assignment, BlockReason, Conflict, Grant } from './assignment.js';
import { isHolding, isRunning, type AssignmentState } from './assignment-states.js';
import {
  toAssignment,
  type AssignmentRow,
  type AssignmentStore,
  type TransitionValues,
} from './assignment-store.js';
import { dependentsOf, type Dependent, type UserLicense } from './dependents.js';
import type { LicensingLookups } from './licensing-lookups.js';

type RemovalCause = NonNullable<Assignment['removalCause']>;

/**
 * The one writer of assignment state changes and their events (entity `assignment`, in the caller's
 * transaction). Entering or leaving a holding state moves the product's `held` counter: whoever takes a seat
 * holds that product's inventory lock (SeatService.lockInventory). A running license that stops takes the
 * licenses that required it into grace with it (dependentsFollow).
 */
export class LicenseTransitions {
  constructor(
    private readonly store: AssignmentStore,
    private readonly events: EventLog,
    private readonly seats: SeatService,
    private readonly numbers: NumberService,
    private readonly lookups: LicensingLookups,
    private readonly clock: () => Date,
  ) {}

  /** Writes a state change and its event; `extra` explains it in the event. */
  async transition(
    row: AssignmentRow,
    to: AssignmentState,
    values: TransitionValues,
    action: EventActionOf<'assignment'>,
    actor: Actor,
    extra?: Record<string, unknown>,
  ): Promise<AssignmentRow> {
    const updated = await this.store.update(row.id, to, values, this.clock());
    const delta = Number(isHolding(to)) - Number(isHolding(row.state));
    await this.seats.addHeld(row.tenant_id, row.product_id, delta);
    const after: AssignmentRow = { ...updated, product_key: row.product_key, track_key: row.track_key };
    await this.events.append(changeEvent(row, after, action, actor, extra));
    if (isRunning(row.state) && !isRunning(to)) await this.dependentsFollow(row, actor);
    return after;
  }

  /** A new intent: the (user, product) row, scheduled; undefined when a concurrent request's row came first. */
  async schedule(
    values: {
      tenantId: string;
      userId: string;
      productId: string;
      effectiveAt: Date;
      replacesId: string | null;
    },
    keys: { productKey: string; trackKey: string },
    grant: { kind: Grant['kind']; ruleId?: string | undefined },
    actor: Actor,
  ): Promise<AssignmentRow | undefined> {
    const id = randomUUID();
    const insert = this.store.insertScheduledStatement({ ...values, id });
    // The row and its event in one statement: the event carries the row as it is inserted (scheduled, nothing
    // blocked or removed), so it need not wait for the row; it is written only if the row is.
    const after = {
      state: 'scheduled',
      userId: values.userId,
      product: keys.productKey,
      effectiveAt: values.effectiveAt,
      blockedReasons: [],
      replacesId: values.replacesId,
      removalAt: null,
      graceEndsAt: null,
      removalCause: null,
    } satisfies ReturnType<typeof snapshot>;
    const stored = await this.events.appendWith<object>(insert.statement, [
      {
        tenantId: values.tenantId,
        actor,
        action: 'assignment.scheduled',
        entityType: 'assignment',
        entityId: id,
        after: { ...after, grant },
      },
    ]);
    if (!stored) return undefined;
    return { ...insert.read(stored), product_key: keys.productKey, track_key: keys.trackKey };
  }

  /**
   * Writes a batch's activation decision: one UPDATE per kind of change, `held` once per product, the events in
   * one insert. The caller holds the rows' locks and their products' inventory locks. Returns the rows as written.
   */
  async applyActivations(
    tenantId: string,
    activated: ReadonlyArray<{ row: AssignmentRow; replaced: AssignmentRow | undefined }>,
    blocked: ReadonlyArray<{ row: AssignmentRow; conflicts: Conflict[] }>,
    actor: Actor,
  ): Promise<Map<string, AssignmentRow>> {
    const now = this.clock();
    const events: EventInput[] = [];
    const out = new Map<string, AssignmentRow>();
    const written = (row: AssignmentRow, from: Map<string, AssignmentRow>): AssignmentRow => ({
      ...(from.get(row.id) as AssignmentRow),
      product_key: row.product_key,
      track_key: row.track_key,
    });
    if (activated.length > 0) {
      const rows = await this.store.activateMany(
        activated.map((a) => a.row.id),
        now,
      );
      const taken = new Map<string, number>();
      for (const { row, replaced } of activated) {
        const after = written(row, rows);
        out.set(row.id, after);
        const extra = replaced ? { replaces: replaced.id } : undefined;
        events.push(changeEvent(row, after, 'assignment.activated', actor, extra));
        taken.set(row.product_id, (taken.get(row.product_id) ?? 0) + 1);
      }
      for (const [productId, n] of taken) await this.seats.addHeld(tenantId, productId, n);
    }
    if (blocked.length > 0) {
      const rows = await this.store.blockMany(
        blocked.map((b) => ({ id: b.row.id, reasons: b.conflicts.map((c) => c.reason) })),
        now,
      );
      for (const { row, conflicts } of blocked) {
        const after = written(row, rows);
        out.set(row.id, after);
        events.push(changeEvent(row, after, 'assignment.blocked', actor, { conflicts }));
      }
    }
    await this.events.appendMany(events);
    return out;
  }

  /** Ends a held license: the seat is freed (caller holds its inventory lock) and unneeded numbers released. */
  async end(
    row: AssignmentRow,
    actor: Actor,
    cause?: Assignment['removalCause'],
    extra?: Record<string, unknown>,
  ): Promise<AssignmentRow> {
    const ended = await this.transition(
      row,
      'removed',
      {
        ended_at: this.clock(),
        removal_cause: cause ?? row.removal_cause,
        removal_at: row.removal_at,
        grace_ends_at: row.grace_ends_at,
      },
      'assignment.removed',
      actor,
      extra,
    );
    if (cause !== 'swap') await this.releaseUnneededNumbers(row.tenant_id, row.user_id, actor);
    return ended;
  }

  /** Service suspended, data and seat kept for the tenant's license grace days from `from`; `reasons`: what it lost. */
  async enterGrace(
    row: AssignmentRow,
    from: Date,
    cause: RemovalCause,
    actor: Actor,
    extra?: Record<string, unknown>,
    reasons?: BlockReason[],
  ): Promise<AssignmentRow> {
    const { licenseGraceDays } = await this.lookups.settings(row.tenant_id);
    return this.transition(
      row,
      'grace',
      {
        removal_at: row.removal_at ?? from,
        grace_ends_at: addDays(from, licenseGraceDays),
        removal_cause: cause,
        // Why a license stopped with a requirement unmet, shown on the license as a blocked one shows its reasons.
        ...(reasons ? { blocked_reasons: reasons } : {}),
      },
      'assignment.grace',
      actor,
      extra,
    );
  }

  /** A grant joined or left a license that keeps its state. */
  async recordGrant(
    row: AssignmentRow,
    action: 'assignment.granted' | 'assignment.grant_revoked',
    grant: { kind: Grant['kind']; ruleId?: string },
    actor: Actor,
  ): Promise<void> {
    await this.events.append({
      tenantId: row.tenant_id,
      actor,
      action,
      entityType: 'assignment',
      entityId: row.id,
      userId: row.user_id,
      after: { grant },
    });
  }

  /**
   * The user's running licenses (locked) that would lose a requirement if `row` stopped running at `at`, directly
   * or down a chain (see dependentsOf). `row` counts as it is given, even if it has already been moved on.
   */
  async dependentsOfRemoval(
    row: AssignmentRow,
    at: Date,
  ): Promise<Array<Dependent & { row: AssignmentRow; product: Product }>> {
    const rows = await this.store.lockRunningOfUser(row.tenant_id, row.user_id, row.id);
    const licenses: UserLicense[] = [];
    const products = new Map<string, Product>();
    for (const r of [row, ...rows]) {
      const product = await this.lookups.product(r.tenant_id, r.product_id);
      const { requirements } = product;
      products.set(r.id, product);
      licenses.push({
        id: r.id,
        productKey: r.product_key,
        trackKey: r.track_key,
        state: r.state,
        removalAt: r.removal_at,
        requirements,
      });
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    return dependentsOf(licenses, row.id, at).map((d) => ({
      ...d,
      row: byId.get(d.license.id) as AssignmentRow,
      product: products.get(d.license.id) as Product,
    }));
  }

  /**
   * `ended` (as it was before) stopped running, whatever the path (removal, removal date reached, grants
   * revoked…): the user's licenses that required it must not keep running without it. They follow it into grace
   * with cause requirement_lost — data and seat kept, restored by a re-check of the user when the requirement is
   * met again — and their own dependents follow them in turn (transition calls this again). Licenses already due
   * to stop by now go their own way; a swap leaves the track running, so it moves nothing.
   */
  private async dependentsFollow(ended: AssignmentRow, actor: Actor): Promise<void> {
    const now = this.clock();
    for (const d of await this.dependentsOfRemoval(ended, now)) {
      if (d.dependsOn !== ended.id) continue;
      await this.enterGrace(d.row, now, 'requirement_lost', actor, {
        cause: 'requirement_lost',
        dependsOn: ended.id,
        track: d.track,
      });
    }
  }

  /** Numbers go back to quarantine when no license the user still holds needs a number of that kind. */
  private async releaseUnneededNumbers(tenantId: string, userId: string, actor: Actor): Promise<void> {
    const needed = new Set<NumberKind>();
    for (const productId of await this.store.heldProducts(tenantId, userId)) {
      for (const r of (await this.lookups.product(tenantId, productId)).requirements) {
        if (r.kind === 'fixed_number') needed.add('fixed');
        if (r.kind === 'mobile_number') needed.add('mobile');
      }
    }
    const unneeded = (['fixed', 'mobile'] as const).filter((k) => !needed.has(k));
    await this.numbers.releaseUserNumbers(tenantId, userId, unneeded, actor);
  }
}

/** The event of a state change: the assignment before and after, and what else explains it. */
function changeEvent(
  before: AssignmentRow,
  after: AssignmentRow,
  action: EventActionOf<'assignment'>,
  actor: Actor,
  extra?: Record<string, unknown>,
): EventInput {
  return {
    tenantId: before.tenant_id,
    actor,
    action,
    entityType: 'assignment',
    entityId: before.id,
    before: snapshot(before),
    after: { ...snapshot(after), ...extra },
  };
}

function snapshot(row: AssignmentRow) {
  const a = toAssignment(row);
  return {
    state: a.state,
    userId: a.userId,
    product: a.productKey,
    effectiveAt: a.effectiveAt,
    blockedReasons: a.blockedReasons,
    replacesId: a.replacesId,
    removalAt: a.removalAt,
    graceEndsAt: a.graceEndsAt,
    removalCause: a.removalCause,
  };
}
