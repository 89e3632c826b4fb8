import type { Knex } from 'knex';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Product } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Actor, EventLog, EventRecord } from '../events/event-log.js';
import { isE164, type NumberKind } from '../numbers/numbering-plan.js';
import type { NumberService } from '../numbers/number-service.js';
import { addDays, licenseSettings, type LicenseSettings } from '../seats/license-settings.js';
import type { SeatService } from '../seats/seat-service.js';
import type { MultiValue, UserProfile } from '../users/user.js';
import {
  assignSchema,
  HOLDING_STATES,
  PENDING_STATES,
  removeSchema,
  type AssignInput,
  type AssignResult,
  type Assignment,
  type AssignmentState,
  type BlockReason,
  type Conflict,
  type Grant,
  type RemoveInput,
} from './assignment.js';
import { checkRequirements, type UserFacts } from './requirement-check.js';

interface AssignmentRow {
  id: string;
  tenant_id: string;
  user_id: string;
  product_id: string;
  product_key: string;
  track_key: string;
  state: AssignmentState;
  effective_at: Date;
  blocked_reasons: BlockReason[];
  blocked_since: Date | null;
  replaces_id: string | null;
  activated_at: Date | null;
  removal_at: Date | null;
  grace_ends_at: Date | null;
  removal_cause: Assignment['removalCause'];
  ended_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toAssignment = (r: AssignmentRow): Assignment => ({
  id: r.id,
  tenantId: r.tenant_id,
  userId: r.user_id,
  productId: r.product_id,
  productKey: r.product_key,
  trackKey: r.track_key,
  state: r.state,
  effectiveAt: r.effective_at,
  blockedReasons: r.blocked_reasons,
  blockedSince: r.blocked_since,
  replacesId: r.replaces_id,
  activatedAt: r.activated_at,
  removalAt: r.removal_at,
  graceEndsAt: r.grace_ends_at,
  removalCause: r.removal_cause,
  endedAt: r.ended_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The fields a transition resets; each transition names the ones it sets. */
const CLEARED = {
  blocked_reasons: JSON.stringify([]),
  blocked_since: null,
  removal_at: null,
  grace_ends_at: null,
  removal_cause: null,
  ended_at: null,
};

const isHolding = (state: AssignmentState) => HOLDING_STATES.includes(state);

const seatConflict = (product: Product): Conflict => ({
  reason: 'seat_unavailable',
  message: `No free ${product.name} seat: buy seats or free one; the assignment activates by itself, oldest first, when one is free`,
});

export interface BatchResult {
  processed: number;
  activated: number;
  blocked: number;
}

/**
 * License assignments and their state machine (DESIGN.md). The rules that keep it correct:
 * - A seat is taken (an assignment enters a holding state) only by a transaction that holds the product's
 *   `seat_inventory` row lock, after re-reading `held` under it: concurrent requests can never oversubscribe.
 * - Requirements are checked against the projected state when scheduling (conflicts returned, schedule kept)
 *   and against the actual state inside the transaction that takes the seat (unmet → blocked with reasons).
 * - Jobs claim due rows with FOR UPDATE SKIP LOCKED in the transaction that activates them: two workers never
 *   take the same row, and a worker that dies rolls back, leaving the rows due for the next one.
 * - Everything writes an event in the caller's transaction (entity `assignment`), which is the history.
 */
export class AssignmentService {
  private readonly products = new Map<string, Product>();
  private readonly settings = new Map<string, LicenseSettings>();

  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
    private readonly catalog: CatalogService,
    private readonly seats: SeatService,
    private readonly numbers: NumberService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // ---------------------------------------------------------------- admin operations

  /** Assigns a product to one or many users, now or on a date. One row per (user, product); grants accumulate. */
  async assign(tenantId: string, input: AssignInput, actor: Actor): Promise<AssignResult[]> {
    const parsed = assignSchema.safeParse(input);
    if (!parsed.success) throw new DomainError('invalid_value', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const data = parsed.data;
    const product = await this.catalog.getProduct(tenantId, data.product);
    this.products.set(product.id, product);
    const track = await this.catalog.getTrack(tenantId, product.trackKey);
    const now = this.clock();
    const effectiveAt = data.effectiveAt && data.effectiveAt > now ? data.effectiveAt : now;
    const immediate = effectiveAt <= now;
    const userIds = [...new Set(data.userIds)];
    if (data.numbers && (userIds.length > 1 || !immediate)) {
      throw new DomainError('invalid_value', 'numbers can be given only when assigning now to a single user');
    }

    const results: Array<{ row: AssignmentRow; conflicts: Conflict[]; activate: boolean }> = [];
    for (const userId of userIds) {
      if (data.numbers) await this.giveNumbers(tenantId, userId, product, data.numbers, actor);
      results.push(await this.upsert(tenantId, userId, product, track.exclusive, effectiveAt, immediate, data.grant, actor));
    }

    const toActivate = results.filter((r) => r.activate);
    if (toActivate.length > 0) {
      await this.lockFor(tenantId, toActivate.map((r) => r.row));
      for (const r of toActivate) {
        const outcome = await this.tryActivate(r.row, actor);
        r.row = outcome.row;
        r.conflicts = outcome.conflicts;
      }
    }
    if (data.strict) {
      const refused = results.find((r) => r.conflicts.length > 0);
      if (refused) {
        const seat = refused.conflicts.some((c) => c.reason === 'seat_unavailable');
        throw new DomainError(seat ? 'seat.unavailable' : 'requirement.unmet', refused.conflicts.map((c) => c.message).join('; '), {
          userId: refused.row.user_id,
          conflicts: refused.conflicts,
        });
      }
    }
    const out: AssignResult[] = [];
    for (const r of results) out.push({ assignment: await this.withGrants(toAssignment(r.row)), conflicts: r.conflicts });
    return out;
  }

  /** Removes a license: requires confirmDataLoss, then removal_scheduled (future date) or grace (now). */
  async remove(tenantId: string, assignmentId: string, input: RemoveInput, actor: Actor): Promise<Assignment> {
    const data = removeSchema.parse(input);
    if (data.confirmDataLoss !== true) {
      throw new DomainError(
        'confirmation.required',
        "Removing a license deletes the user's call history, call forwarding, voicemails and device activation; send confirmDataLoss: true to proceed",
      );
    }
    const row = await this.lockRow(tenantId, assignmentId);
    if (PENDING_STATES.includes(row.state)) return this.cancel(tenantId, row.id, actor);
    if (!['active', 'removal_scheduled', 'grace'].includes(row.state)) {
      throw new DomainError('assignment.invalid_state', `The assignment is ${row.state}; only a held license can be removed`);
    }
    const grants = await this.grantsOf(row.id);
    await this.db('assignment_grants').where({ assignment_id: row.id }).delete();
    const now = this.clock();
    if (row.state === 'grace') return toAssignment(row);
    const updated =
      data.at && data.at > now
        ? await this.transition(row, 'removal_scheduled', { removal_at: data.at, removal_cause: 'admin' }, 'assignment.removal_scheduled', actor, { grants })
        : await this.enterGrace(row, now, 'admin', actor, { grants });
    return toAssignment(updated);
  }

  async cancel(tenantId: string, assignmentId: string, actor: Actor): Promise<Assignment> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!PENDING_STATES.includes(row.state)) {
      throw new DomainError('assignment.invalid_state', `The assignment is ${row.state}; only scheduled or blocked ones can be cancelled`);
    }
    await this.db('assignment_grants').where({ assignment_id: row.id }).delete();
    return toAssignment(await this.transition(row, 'cancelled', { ended_at: this.clock() }, 'assignment.cancelled', actor));
  }

  /** Moves a scheduled or blocked assignment to a new date (now or past: it is activated at once if it can be). */
  async reschedule(tenantId: string, assignmentId: string, effectiveAt: Date, actor: Actor): Promise<AssignResult> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!PENDING_STATES.includes(row.state)) {
      throw new DomainError('assignment.invalid_state', `The assignment is ${row.state}; only scheduled or blocked ones can be re-dated`);
    }
    const now = this.clock();
    const date = effectiveAt > now ? effectiveAt : now;
    const moved = await this.transition(row, 'scheduled', { effective_at: date }, 'assignment.rescheduled', actor);
    if (date > now) return { assignment: toAssignment(moved), conflicts: await this.projectedConflicts(moved, date) };
    await this.lockFor(tenantId, [moved]);
    const outcome = await this.tryActivate(moved, actor);
    return { assignment: toAssignment(outcome.row), conflicts: outcome.conflicts };
  }

  /** "Set activation date": every scheduled or blocked assignment of the user moves to the date. */
  async setActivationDate(tenantId: string, userId: string, effectiveAt: Date, actor: Actor): Promise<AssignResult[]> {
    const rows = await this.query(tenantId)
      .where('a.user_id', userId)
      .whereIn('a.state', PENDING_STATES)
      .orderBy([{ column: 't.position' }, { column: 'a.created_at' }]);
    const results: AssignResult[] = [];
    for (const r of rows) results.push(await this.reschedule(tenantId, r.id, effectiveAt, actor));
    // A later one may have unblocked an earlier one (Voice activated after Unlimited 5G was checked).
    const refreshed: AssignResult[] = [];
    for (const r of results) {
      const assignment = await this.get(tenantId, r.assignment.id);
      refreshed.push({ assignment, conflicts: assignment.state === 'active' ? [] : r.conflicts });
    }
    return refreshed;
  }

  async get(tenantId: string, assignmentId: string): Promise<Assignment> {
    const row = isUuid(assignmentId) ? await this.query(tenantId).where('a.id', assignmentId).first() : undefined;
    if (!row) throw notFound('Assignment', assignmentId);
    return this.withGrants(toAssignment(row));
  }

  /** The assignment's events, oldest first: why and when it changed, and who changed it. */
  history(tenantId: string, assignmentId: string): Promise<EventRecord[]> {
    return this.events.listForEntity(tenantId, 'assignment', assignmentId);
  }

  async listForUser(tenantId: string, userId: string): Promise<Assignment[]> {
    const rows: AssignmentRow[] = await this.query(tenantId).where('a.user_id', userId).orderBy([{ column: 't.position' }, { column: 'a.created_at' }]);
    const out: Assignment[] = [];
    for (const r of rows) out.push(await this.withGrants(toAssignment(r)));
    return out;
  }

  /** Keyset page over the tenant's assignments (by id), optionally of one product or state. */
  async list(
    tenantId: string,
    options: { productId?: string; state?: AssignmentState; after?: string; limit: number },
  ): Promise<Assignment[]> {
    const q = this.query(tenantId).orderBy('a.id').limit(options.limit);
    if (options.productId) q.where('a.product_id', options.productId);
    if (options.state) q.where('a.state', options.state);
    if (options.after) q.where('a.id', '>', options.after);
    const rows: AssignmentRow[] = await q;
    return rows.map(toAssignment);
  }

  // ---------------------------------------------------------------- user lifecycle (called by UserService)

  /** The user went inactive (suspended or deleted): running licenses are removed after the tenant's grace days. */
  async suspendUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    const { suspensionGraceDays } = await this.settingsOf(tenantId);
    const removalAt = addDays(this.clock(), suspensionGraceDays);
    const rows: AssignmentRow[] = await this.query(tenantId).where({ 'a.user_id': userId, 'a.state': 'active' }).forUpdate('a');
    for (const row of rows) {
      await this.transition(row, 'removal_scheduled', { removal_at: removalAt, removal_cause: 'suspension' }, 'assignment.removal_scheduled', actor, {
        cause: 'user_suspended',
      });
    }
    return rows.length;
  }

  /** The user is active again: what the suspension started to remove is restored, blocked ones re-checked. */
  async reactivateUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    const rows: AssignmentRow[] = await this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.removal_cause': 'suspension' })
      .whereIn('a.state', ['removal_scheduled', 'grace'])
      .forUpdate('a');
    for (const row of rows) await this.transition(row, 'active', { activated_at: row.activated_at }, 'assignment.restored', actor, { cause: 'user_reactivated' });
    await this.recheckUser(tenantId, userId, actor);
    return rows.length;
  }

  /** Something about the user changed (numbers, a license, reactivation): their blocked assignments retry now. */
  async recheckUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    const rows: AssignmentRow[] = await this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.state': 'blocked' })
      .orderBy([{ column: 'a.effective_at' }, { column: 'a.created_at' }])
      .forUpdate('a')
      .skipLocked();
    let activated = 0;
    for (const row of rows) {
      await this.lockFor(tenantId, [row]);
      const outcome = await this.tryActivate(row, actor);
      if (outcome.row.state === 'active') activated += 1;
    }
    return activated;
  }

  /**
   * Seats of the product were bought or freed: blocked assignments waiting for a seat take them, oldest
   * first, until none is left. Runs under the product's inventory lock.
   */
  async activateWaiting(tenantId: string, productId: string, actor: Actor): Promise<number> {
    let activated = 0;
    await this.seats.lockInventory(tenantId, [productId]);
    for (;;) {
      const free = await this.freeSeats(tenantId, productId);
      if (free <= 0) return activated;
      const rows: AssignmentRow[] = await this.query(tenantId)
        .where({ 'a.product_id': productId, 'a.state': 'blocked' })
        .whereRaw("a.blocked_reasons @> '[\"seat_unavailable\"]'::jsonb")
        .orderBy([{ column: 'a.effective_at' }, { column: 'a.created_at' }, { column: 'a.id' }])
        .limit(Math.min(free, 100))
        .forUpdate('a')
        .skipLocked();
      if (rows.length === 0) return activated;
      let progressed = false;
      for (const row of rows) {
        await this.lockFor(tenantId, [row]);
        const outcome = await this.tryActivate(row, actor);
        if (outcome.row.state === 'active') {
          activated += 1;
          progressed = true;
        } else if (outcome.row.blocked_reasons.includes('seat_unavailable')) {
          return activated;
        }
      }
      // Every candidate was blocked for another reason too: the rest wait for the periodic re-check.
      if (!progressed) return activated;
    }
  }

  // ---------------------------------------------------------------- jobs (all tenants)

  /** Activates scheduled assignments that are due, oldest first, claiming them with SKIP LOCKED. */
  async activateDue(options: { now?: Date; limit?: number; actor?: Actor } = {}): Promise<BatchResult> {
    const now = options.now ?? this.clock();
    const actor = options.actor ?? { type: 'job', id: 'activate-due-assignments' };
    const rows: AssignmentRow[] = await this.claim(
      this.baseQuery().where('a.state', 'scheduled').where('a.effective_at', '<=', now),
      options.limit ?? 200,
    );
    return this.activateBatch(rows, actor, true);
  }

  /** Re-checks blocked assignments (the safety net for causes nobody announced) and fails those past the cutoff. */
  async recheckBlocked(
    options: { now?: Date; limit?: number; actor?: Actor; checkedBefore?: Date } = {},
  ): Promise<BatchResult & { failed: number }> {
    const now = options.now ?? this.clock();
    const actor = options.actor ?? { type: 'job', id: 'recheck-blocked-assignments' };
    const checkedBefore = options.checkedBefore ?? now;
    const rows: AssignmentRow[] = await this.claim(
      this.baseQuery()
        .where('a.state', 'blocked')
        .where((q) => q.whereNull('a.checked_at').orWhere('a.checked_at', '<', checkedBefore)),
      options.limit ?? 200,
    );
    if (rows.length > 0) await this.db('license_assignments').whereIn('id', rows.map((r) => r.id)).update({ checked_at: this.clock() });
    const retry: AssignmentRow[] = [];
    let failed = 0;
    for (const row of rows) {
      const { blockedCutoffDays } = await this.settingsOf(row.tenant_id);
      if (row.blocked_since && addDays(row.blocked_since, blockedCutoffDays) <= now) {
        await this.transition(row, 'failed', { ended_at: now, blocked_reasons: JSON.stringify(row.blocked_reasons), blocked_since: row.blocked_since }, 'assignment.failed', actor);
        failed += 1;
      } else retry.push(row);
    }
    return { ...(await this.activateBatch(retry, actor, false)), failed };
  }

  /** removal_scheduled → grace when the removal date comes; grace → removed (seat freed, numbers released). */
  async advanceRemovals(options: { now?: Date; limit?: number } = {}): Promise<{ toGrace: number; removed: number }> {
    const now = options.now ?? this.clock();
    const actor: Actor = { type: 'job', id: 'license-grace-expiry' };
    const limit = options.limit ?? 200;
    const starting: AssignmentRow[] = await this.claim(
      this.baseQuery().where('a.state', 'removal_scheduled').where('a.removal_at', '<=', now),
      limit,
    );
    for (const row of starting) await this.enterGrace(row, row.removal_at ?? now, row.removal_cause ?? 'admin', actor);
    const ending: AssignmentRow[] = await this.claim(this.baseQuery().where('a.state', 'grace').where('a.grace_ends_at', '<=', now), limit);
    for (const tenantId of [...new Set(ending.map((r) => r.tenant_id))].sort()) {
      const ofTenant = ending.filter((r) => r.tenant_id === tenantId);
      await this.seats.lockInventory(tenantId, ofTenant.map((r) => r.product_id));
      for (const row of ofTenant) await this.end(row, 'removed', actor);
      for (const productId of [...new Set(ofTenant.map((r) => r.product_id))]) await this.activateWaiting(tenantId, productId, actor);
    }
    return { toGrace: starting.length, removed: ending.length };
  }

  // ---------------------------------------------------------------- internals

  private baseQuery() {
    return this.db({ a: 'license_assignments' })
      .join({ p: 'catalog_products' }, 'p.id', 'a.product_id')
      .join({ t: 'catalog_tracks' }, 't.id', 'p.track_id')
      .select('a.*', { product_key: 'p.key', track_key: 't.key' });
  }

  private query(tenantId: string) {
    return this.baseQuery().where('a.tenant_id', tenantId);
  }

  /** Claims rows for this transaction: rows another worker holds are skipped, never waited for or doubled. */
  private claim(q: Knex.QueryBuilder, limit: number): Promise<AssignmentRow[]> {
    return q
      .orderBy([{ column: 'a.effective_at' }, { column: 'a.created_at' }, { column: 'a.id' }])
      .limit(limit)
      .forUpdate('a')
      .skipLocked();
  }

  private async activateBatch(rows: AssignmentRow[], actor: Actor, waitingFirst: boolean): Promise<BatchResult> {
    const result: BatchResult = { processed: rows.length, activated: 0, blocked: 0 };
    for (const tenantId of [...new Set(rows.map((r) => r.tenant_id))].sort()) {
      const ofTenant = rows.filter((r) => r.tenant_id === tenantId);
      await this.lockFor(tenantId, ofTenant);
      // Assignments already waiting for a seat are older than the ones falling due now: they go first.
      if (waitingFirst) for (const productId of new Set(ofTenant.map((r) => r.product_id))) await this.activateWaiting(tenantId, productId, actor);
      for (const row of ofTenant) {
        const outcome = await this.tryActivate(row, actor);
        if (outcome.row.state === 'active') result.activated += 1;
        else result.blocked += 1;
      }
    }
    return result;
  }

  /** Takes the inventory locks the rows need (their product and the product they replace), in one sorted go. */
  private async lockFor(tenantId: string, rows: AssignmentRow[]): Promise<void> {
    const replaced = rows.map((r) => r.replaces_id).filter((id): id is string => id !== null);
    const replacedProducts: Array<{ product_id: string }> =
      replaced.length > 0 ? await this.db('license_assignments').whereIn('id', replaced).select('product_id') : [];
    await this.seats.lockInventory(tenantId, [...rows.map((r) => r.product_id), ...replacedProducts.map((r) => r.product_id)]);
  }

  private async freeSeats(tenantId: string, productId: string): Promise<number> {
    // Sequential, never Promise.all: both run on the transaction's one connection.
    const purchased = await this.seats.purchasedAt(tenantId, productId, this.clock());
    const inventory = await this.db('seat_inventory').where({ tenant_id: tenantId, product_id: productId }).first('held');
    return purchased - ((inventory as { held: number } | undefined)?.held ?? 0);
  }

  /**
   * Activates a scheduled or blocked assignment if everything holds now, else blocks it with the reasons.
   * The caller holds the row lock and the inventory locks of lockFor(). Atomic swap: the license it replaces
   * ends in the same transaction, and its seat goes to whoever waits for it.
   */
  private async tryActivate(claimed: AssignmentRow, actor: Actor): Promise<{ row: AssignmentRow; conflicts: Conflict[] }> {
    // Re-read: a nested re-check (recheckUser from an earlier activation in this transaction) may have moved it.
    const row: AssignmentRow | undefined = await this.query(claimed.tenant_id).where('a.id', claimed.id).forUpdate('a').first();
    if (!row || !PENDING_STATES.includes(row.state)) return { row: row ?? claimed, conflicts: [] };
    const product = await this.product(row.tenant_id, row.product_id);
    const track = await this.catalog.getTrack(row.tenant_id, product.trackKey);
    const facts = await this.actualFacts(row.tenant_id, row.user_id, row.id);
    const conflicts = checkRequirements(product, facts);

    let replaced: AssignmentRow | undefined;
    if (track.exclusive) {
      const holders: AssignmentRow[] = await this.query(row.tenant_id)
        .where({ 'a.user_id': row.user_id, 't.key': track.key, 'a.state': 'active' })
        .whereNot('a.id', row.id)
        .forUpdate('a');
      replaced = holders.find((h) => h.id === row.replaces_id);
      if (holders.some((h) => h.id !== row.replaces_id)) {
        conflicts.push({ reason: 'track_conflict', message: `The user already has another active ${track.name} license` });
      }
    }
    if ((await this.freeSeats(row.tenant_id, row.product_id)) <= 0) conflicts.push(seatConflict(product));

    const now = this.clock();
    if (conflicts.length > 0) {
      const reasons = conflicts.map((c) => c.reason);
      if (row.state === 'blocked' && JSON.stringify(reasons) === JSON.stringify(row.blocked_reasons)) return { row, conflicts };
      const blocked = await this.transition(
        row,
        'blocked',
        { blocked_reasons: JSON.stringify(reasons), blocked_since: row.blocked_since ?? now },
        'assignment.blocked',
        actor,
        { conflicts },
      );
      return { row: blocked, conflicts };
    }

    const active = await this.transition(row, 'active', { activated_at: now }, 'assignment.activated', actor, replaced ? { replaces: replaced.id } : undefined);
    if (replaced) {
      await this.end(replaced, 'removed', actor, 'swap', { replacedBy: row.id });
      await this.activateWaiting(row.tenant_id, replaced.product_id, actor);
    }
    // A license just became active: assignments of the user that needed it may go now (Unlimited 5G after Voice).
    await this.recheckUser(row.tenant_id, row.user_id, actor);
    return { row: active, conflicts: [] };
  }

  /** Ends a held license: the seat is freed (caller holds its inventory lock) and unneeded numbers released. */
  private async end(row: AssignmentRow, to: 'removed', actor: Actor, cause?: Assignment['removalCause'], extra?: Record<string, unknown>) {
    const ended = await this.transition(
      row,
      to,
      { ended_at: this.clock(), removal_cause: cause ?? row.removal_cause, removal_at: row.removal_at, grace_ends_at: row.grace_ends_at },
      `assignment.${to}`,
      actor,
      extra,
    );
    if (cause !== 'swap') await this.releaseUnneededNumbers(row.tenant_id, row.user_id, actor);
    return ended;
  }

  private async enterGrace(row: AssignmentRow, from: Date, cause: NonNullable<Assignment['removalCause']>, actor: Actor, extra?: Record<string, unknown>) {
    const { licenseGraceDays } = await this.settingsOf(row.tenant_id);
    return this.transition(
      row,
      'grace',
      { removal_at: row.removal_at ?? from, grace_ends_at: addDays(from, licenseGraceDays), removal_cause: cause },
      'assignment.grace',
      actor,
      extra,
    );
  }

  /** Numbers go back to quarantine when no license the user still holds needs a number of that kind. */
  private async releaseUnneededNumbers(tenantId: string, userId: string, actor: Actor): Promise<void> {
    const held: Array<{ product_id: string }> = await this.db('license_assignments')
      .where({ tenant_id: tenantId, user_id: userId })
      .whereIn('state', HOLDING_STATES)
      .select('product_id');
    const needed = new Set<NumberKind>();
    for (const h of held) {
      for (const r of (await this.product(tenantId, h.product_id)).requirements) {
        if (r.kind === 'fixed_number') needed.add('fixed');
        if (r.kind === 'mobile_number') needed.add('mobile');
      }
    }
    const unneeded = (['fixed', 'mobile'] as const).filter((k) => !needed.has(k));
    await this.numbers.releaseUserNumbers(tenantId, userId, unneeded, actor);
  }

  /**
   * Writes a state change and its event. Entering or leaving a holding state moves the product's `held`
   * counter; the caller holds that product's inventory lock whenever a seat is taken.
   */
  private async transition(
    row: AssignmentRow,
    to: AssignmentState,
    values: Record<string, unknown>,
    action: string,
    actor: Actor,
    extra?: Record<string, unknown>,
  ): Promise<AssignmentRow> {
    const [updated] = await this.db('license_assignments')
      .where({ id: row.id })
      .update({ ...CLEARED, ...values, state: to, version: this.db.raw('version + 1'), updated_at: this.clock() })
      .returning('*');
    const delta = Number(isHolding(to)) - Number(isHolding(row.state));
    await this.seats.addHeld(row.tenant_id, row.product_id, delta);
    const after: AssignmentRow = { ...updated, product_key: row.product_key, track_key: row.track_key };
    await this.events.append({
      tenantId: row.tenant_id,
      actor,
      action,
      entityType: 'assignment',
      entityId: row.id,
      before: snapshot(row),
      after: { ...snapshot(after), ...extra },
    });
    return after;
  }

  /** Creates or revives the (user, product) row for a new intent, and records the grant. */
  private async upsert(
    tenantId: string,
    userId: string,
    product: Product,
    exclusive: boolean,
    effectiveAt: Date,
    immediate: boolean,
    grant: { kind: Grant['kind']; ruleId?: string | undefined },
    actor: Actor,
  ): Promise<{ row: AssignmentRow; conflicts: Conflict[]; activate: boolean }> {
    const user = await this.db('users').where({ tenant_id: tenantId, id: userId }).whereNull('deleted_at').first('id');
    if (!user) throw notFound('User', userId);
    let holder: AssignmentRow | undefined;
    if (exclusive) {
      const inTrack: AssignmentRow[] = await this.query(tenantId)
        .where({ 'a.user_id': userId, 't.key': product.trackKey })
        .whereNot('a.product_id', product.id)
        .whereIn('a.state', ['active', ...PENDING_STATES])
        .forUpdate('a');
      holder = inTrack.find((r) => r.state === 'active');
      // The latest intent in an exclusive track wins: an earlier pending change of the track is superseded.
      for (const pending of inTrack.filter((r) => PENDING_STATES.includes(r.state))) {
        await this.db('assignment_grants').where({ assignment_id: pending.id }).delete();
        await this.transition(pending, 'cancelled', { ended_at: this.clock() }, 'assignment.cancelled', actor, { supersededBy: product.key });
      }
    }
    const existing: AssignmentRow | undefined = await this.query(tenantId).where({ 'a.user_id': userId, 'a.product_id': product.id }).forUpdate('a').first();
    let row: AssignmentRow;
    let activate = immediate;
    if (!existing) {
      const [inserted] = await this.db('license_assignments')
        .insert({ tenant_id: tenantId, user_id: userId, product_id: product.id, state: 'scheduled', effective_at: effectiveAt, replaces_id: holder?.id ?? null })
        .returning('*');
      row = { ...inserted, product_key: product.key, track_key: product.trackKey };
      await this.events.append({ tenantId, actor, action: 'assignment.scheduled', entityType: 'assignment', entityId: row.id, after: { ...snapshot(row), grant } });
    } else if (existing.state === 'active') {
      row = existing;
      activate = false;
    } else if (existing.state === 'removal_scheduled' || existing.state === 'grace') {
      // Re-granted before the seat was freed: the license simply continues (it still holds its seat).
      const facts = await this.actualFacts(tenantId, userId, existing.id);
      row = facts.active ? await this.transition(existing, 'active', { activated_at: existing.activated_at }, 'assignment.restored', actor, { grant }) : existing;
      activate = false;
    } else {
      const revived = PENDING_STATES.includes(existing.state) ? 'assignment.rescheduled' : 'assignment.scheduled';
      row = await this.transition(
        existing,
        'scheduled',
        { effective_at: effectiveAt, replaces_id: holder?.id ?? null, activated_at: null },
        revived,
        actor,
        { grant },
      );
    }
    await this.db('assignment_grants')
      .insert({ tenant_id: tenantId, assignment_id: row.id, kind: grant.kind, rule_id: grant.ruleId ?? null, granted_by: describe(actor) })
      .onConflict()
      .ignore();
    const conflicts = activate || row.state !== 'scheduled' ? [] : await this.projectedConflicts(row, effectiveAt);
    return { row, conflicts, activate };
  }

  /** Numbers given with an assign-now request, or picked from the pool for what the product needs. */
  private async giveNumbers(
    tenantId: string,
    userId: string,
    product: Product,
    numbers: { fixed?: string | undefined; mobile?: string | undefined; pickFromPool: boolean },
    actor: Actor,
  ): Promise<void> {
    for (const kind of ['fixed', 'mobile'] as const) {
      const given = numbers[kind];
      if (given) {
        const number = await this.numbers.get(tenantId, given);
        if (number.kind !== kind) throw new DomainError('number.invalid', `${given} is a ${number.kind} number, not a ${kind} one`);
        await this.numbers.assign(tenantId, number.id, userId, actor);
        continue;
      }
      const needed = product.requirements.some((r) => r.kind === `${kind}_number`);
      if (!needed || !numbers.pickFromPool) continue;
      const facts = await this.actualFacts(tenantId, userId, null);
      if (!facts.numberKinds.has(kind)) await this.numbers.pickFor(tenantId, userId, kind, facts.country, actor);
    }
  }

  private async projectedConflicts(row: AssignmentRow, at: Date): Promise<Conflict[]> {
    const product = await this.product(row.tenant_id, row.product_id);
    const facts = await this.userFacts(row.tenant_id, row.user_id, row.id, at);
    const conflicts = checkRequirements(product, facts);
    const free = await this.seats.inventory(row.tenant_id, { productId: row.product_id, on: at });
    // This assignment is itself among the committed seats on that date.
    if ((free[0]?.on?.available ?? 0) < 0) conflicts.push(seatConflict(product));
    return conflicts;
  }

  private actualFacts(tenantId: string, userId: string, excludeId: string | null): Promise<UserFacts> {
    return this.userFacts(tenantId, userId, excludeId, null);
  }

  /**
   * The user's state, now (`at` null; the user row is share-locked so a concurrent suspension waits for this
   * transaction or is seen by it) or projected to `at` (running licenses that are still running then, plus
   * scheduled ones due by then).
   */
  private async userFacts(tenantId: string, userId: string, excludeId: string | null, at: Date | null): Promise<UserFacts> {
    const q = this.db('users').where({ tenant_id: tenantId, id: userId }).first('active', 'profile', 'deleted_at');
    if (at === null) q.forShare();
    const user = (await q) as { active: boolean; profile: UserProfile; deleted_at: Date | null } | undefined;
    const tenant = await this.db('tenants').where({ id: tenantId }).first('default_country');
    const profile = user?.profile ?? {};
    const numberKinds = new Set<NumberKind>(
      (await this.db('phone_numbers').where({ tenant_id: tenantId, user_id: userId, status: 'assigned' }).distinct('kind')).map(
        (r: { kind: NumberKind }) => r.kind,
      ),
    );
    for (const phone of (profile.phoneNumbers ?? []) as MultiValue[]) {
      if (typeof phone.value !== 'string' || !isE164(phone.value.replace(/[\s-]/g, ''))) continue;
      if (phone.type === 'work') numberKinds.add('fixed');
      if (phone.type === 'mobile') numberKinds.add('mobile');
    }
    const licenses: Array<{ id: string; state: AssignmentState; effective_at: Date; removal_at: Date | null; track_key: string }> =
      await this.db({ a: 'license_assignments' })
        .join({ p: 'catalog_products' }, 'p.id', 'a.product_id')
        .join({ t: 'catalog_tracks' }, 't.id', 'p.track_id')
        .where({ 'a.tenant_id': tenantId, 'a.user_id': userId })
        .whereIn('a.state', ['active', 'removal_scheduled', 'scheduled'])
        .select('a.id', 'a.state', 'a.effective_at', 'a.removal_at', { track_key: 't.key' });
    const activeTracks = new Set<string>();
    for (const l of licenses) {
      if (l.id === excludeId) continue;
      const running =
        at === null
          ? l.state === 'active' || l.state === 'removal_scheduled'
          : l.state === 'active' ||
            (l.state === 'removal_scheduled' && (l.removal_at === null || l.removal_at > at)) ||
            (l.state === 'scheduled' && l.effective_at <= at);
      if (running) activeTracks.add(l.track_key);
    }
    const emergency = profile.emergencyAddress;
    const addresses = profile.addresses;
    return {
      active: Boolean(user && user.active && !user.deleted_at),
      country: String(profile.country ?? tenant?.default_country ?? '').toUpperCase(),
      hasEmergencyAddress: Boolean(emergency) || (Array.isArray(addresses) && addresses.length > 0),
      numberKinds,
      activeTracks,
    };
  }

  private async product(tenantId: string, productId: string): Promise<Product> {
    const cached = this.products.get(productId);
    if (cached) return cached;
    const product = await this.catalog.getProduct(tenantId, productId);
    this.products.set(productId, product);
    return product;
  }

  private async settingsOf(tenantId: string): Promise<LicenseSettings> {
    const cached = this.settings.get(tenantId);
    if (cached) return cached;
    const s = await licenseSettings(this.db, tenantId);
    this.settings.set(tenantId, s);
    return s;
  }

  private async lockRow(tenantId: string, assignmentId: string): Promise<AssignmentRow> {
    const row = isUuid(assignmentId) ? await this.query(tenantId).where('a.id', assignmentId).forUpdate('a').first() : undefined;
    if (!row) throw notFound('Assignment', assignmentId);
    return row;
  }

  private async grantsOf(assignmentId: string): Promise<Grant[]> {
    const rows: Array<{ kind: Grant['kind']; rule_id: string | null; granted_by: string | null; granted_at: Date }> = await this.db(
      'assignment_grants',
    )
      .where({ assignment_id: assignmentId })
      .orderBy('id');
    return rows.map((r) => ({ kind: r.kind, ruleId: r.rule_id, grantedBy: r.granted_by, grantedAt: r.granted_at }));
  }

  private async withGrants(assignment: Assignment): Promise<Assignment> {
    return { ...assignment, grants: await this.grantsOf(assignment.id) };
  }

  // ---------------------------------------------------------------- grants (rules engine)

  /**
   * Adds a grant to a license the user already has (active, scheduled or blocked): the license keeps its state
   * and its date; it now also exists for this reason. Idempotent.
   */
  async attachGrant(tenantId: string, assignmentId: string, grant: { kind: Grant['kind']; ruleId?: string }, actor: Actor): Promise<Assignment> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!['active', ...PENDING_STATES].includes(row.state)) {
      throw new DomainError('assignment.invalid_state', `The assignment is ${row.state}; a grant joins only an active, scheduled or blocked one`);
    }
    const inserted = await this.db('assignment_grants')
      .insert({ tenant_id: tenantId, assignment_id: row.id, kind: grant.kind, rule_id: grant.ruleId ?? null, granted_by: describe(actor) })
      .onConflict()
      .ignore()
      .returning('id');
    if (inserted.length > 0) {
      await this.events.append({ tenantId, actor, action: 'assignment.granted', entityType: 'assignment', entityId: row.id, after: { grant } });
    }
    return toAssignment(row);
  }

  /**
   * Takes one grant away (a rule stopped matching the user, or was retired). The license ends only when no
   * grant is left: a pending one is cancelled, a running one goes to grace for `graceDays` (the rule's removal
   * policy; the tenant's license grace days when null), after which the seat is freed. Idempotent.
   */
  async revokeGrant(
    tenantId: string,
    assignmentId: string,
    grant: { kind: Grant['kind']; ruleId?: string },
    options: { graceDays: number | null },
    actor: Actor,
  ): Promise<Assignment> {
    const row = await this.lockRow(tenantId, assignmentId);
    const deleted = await this.db('assignment_grants')
      .where({ assignment_id: row.id, kind: grant.kind, rule_id: grant.ruleId ?? null })
      .delete();
    if (deleted === 0) return toAssignment(row);
    const remaining = await this.db('assignment_grants').where({ assignment_id: row.id }).first('id');
    if (remaining) {
      await this.events.append({ tenantId, actor, action: 'assignment.grant_revoked', entityType: 'assignment', entityId: row.id, after: { grant } });
      return toAssignment(row);
    }
    if (PENDING_STATES.includes(row.state)) {
      return toAssignment(await this.transition(row, 'cancelled', { ended_at: this.clock() }, 'assignment.cancelled', actor, { revokedGrant: grant }));
    }
    if (row.state !== 'active') return toAssignment(row);
    const now = this.clock();
    const days = options.graceDays ?? (await this.settingsOf(tenantId)).licenseGraceDays;
    const updated = await this.transition(
      row,
      'grace',
      { removal_at: now, grace_ends_at: addDays(now, days), removal_cause: 'grants_revoked' },
      'assignment.grace',
      actor,
      { revokedGrant: grant },
    );
    return toAssignment(updated);
  }
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

function describe(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}
