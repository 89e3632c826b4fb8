import type { Knex } from 'knex';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Product, Track } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventInput, EventLog, EventRecord } from '../events/event-log.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { NumberService } from '../numbers/number-service.js';
import { addDays, licenseSettings, type LicenseSettings } from '../seats/license-settings.js';
import type { SeatService } from '../seats/seat-service.js';
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
import { dependentsOf, type Dependent, type UserLicense } from './dependents.js';
import { factsAt, readUserStates } from './user-facts.js';

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
/** The service runs: active, or still running until its removal date. */
const isRunning = (state: AssignmentState) => state === 'active' || state === 'removal_scheduled';

const seatConflict = (product: Product): Conflict => ({
  reason: 'seat_unavailable',
  message: `No free ${product.name} seat: buy seats or free one; the assignment activates by itself, oldest first, when one is free`,
});

interface Outcome {
  row: AssignmentRow;
  conflicts: Conflict[];
}

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
    if (!parsed.success)
      throw new DomainError(
        'invalid_value',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
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
      results.push(
        await this.upsert(
          tenantId,
          userId,
          product,
          track.exclusive,
          effectiveAt,
          immediate,
          data.grant,
          actor,
        ),
      );
    }

    const toActivate = results.filter((r) => r.activate);
    if (toActivate.length > 0) {
      await this.lockFor(
        tenantId,
        toActivate.map((r) => r.row),
      );
      const outcomes = await this.activateRows(
        tenantId,
        toActivate.map((r) => r.row),
        actor,
      );
      toActivate.forEach((r, i) => {
        const outcome = outcomes[i];
        if (outcome) Object.assign(r, outcome);
      });
    }
    if (data.strict) {
      const refused = results.find((r) => r.conflicts.length > 0);
      if (refused) {
        const seat = refused.conflicts.some((c) => c.reason === 'seat_unavailable');
        throw new DomainError(
          seat ? 'seat.unavailable' : 'requirement.unmet',
          refused.conflicts.map((c) => c.message).join('; '),
          {
            userId: refused.row.user_id,
            conflicts: refused.conflicts,
          },
        );
      }
    }
    const out: AssignResult[] = [];
    for (const r of results)
      out.push({ assignment: await this.withGrants(toAssignment(r.row)), conflicts: r.conflicts });
    return out;
  }

  /**
   * Removes a license: requires confirmDataLoss, then removal_scheduled (future date) or grace (now). When other
   * running licenses of the user require it (Unlimited 5G needs Voice), the removal is refused with
   * requirement.dependents naming them, unless `removeDependents` says they stop with it: then they are scheduled
   * for the same date, or follow it into grace now (cause requirement_lost; see dependentsFollow).
   */
  async remove(
    tenantId: string,
    assignmentId: string,
    input: RemoveInput,
    actor: Actor,
  ): Promise<Assignment> {
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
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; only a held license can be removed`,
      );
    }
    const now = this.clock();
    const at = data.at && data.at > now ? data.at : null;
    const dependents = row.state === 'grace' ? [] : await this.dependentsOfRemoval(row, at ?? now);
    if (dependents.length > 0 && data.removeDependents !== true) {
      const names = dependents
        .map((d) => `${d.license.productKey} (needs an active license in the ${d.track} track)`)
        .join(', ');
      throw new DomainError(
        'requirement.dependents',
        `Removing ${row.product_key} leaves other licenses of the user without a license they require: ${names}. Send removeDependents: true to stop them with it (they keep their data through grace and are restored if the requirement is met again before it ends), or remove them first`,
        {
          dependents: dependents.map((d) => ({
            assignmentId: d.license.id,
            product: d.license.productKey,
            track: d.track,
            dependsOn: d.dependsOn,
          })),
        },
      );
    }
    const grants = await this.grantsOf(row.id);
    await this.db('assignment_grants').where({ assignment_id: row.id }).delete();
    if (row.state === 'grace') return toAssignment(row);
    if (!at) return toAssignment(await this.enterGrace(row, now, 'admin', actor, { grants }));
    const updated = await this.transition(
      row,
      'removal_scheduled',
      { removal_at: at, removal_cause: 'admin' },
      'assignment.removal_scheduled',
      actor,
      { grants },
    );
    for (const d of dependents) {
      await this.transition(
        d.row,
        'removal_scheduled',
        { removal_at: at, removal_cause: 'requirement_lost' },
        'assignment.removal_scheduled',
        actor,
        {
          cause: 'requirement_lost',
          dependsOn: d.dependsOn,
          track: d.track,
        },
      );
    }
    return toAssignment(updated);
  }

  async cancel(tenantId: string, assignmentId: string, actor: Actor): Promise<Assignment> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!PENDING_STATES.includes(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; only scheduled or blocked ones can be cancelled`,
      );
    }
    await this.db('assignment_grants').where({ assignment_id: row.id }).delete();
    return toAssignment(
      await this.transition(row, 'cancelled', { ended_at: this.clock() }, 'assignment.cancelled', actor),
    );
  }

  /** Moves a scheduled or blocked assignment to a new date (now or past: it is activated at once if it can be). */
  async reschedule(
    tenantId: string,
    assignmentId: string,
    effectiveAt: Date,
    actor: Actor,
  ): Promise<AssignResult> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!PENDING_STATES.includes(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; only scheduled or blocked ones can be re-dated`,
      );
    }
    const now = this.clock();
    const date = effectiveAt > now ? effectiveAt : now;
    const moved = await this.transition(
      row,
      'scheduled',
      { effective_at: date },
      'assignment.rescheduled',
      actor,
    );
    if (date > now)
      return { assignment: toAssignment(moved), conflicts: await this.projectedConflicts(moved, date) };
    await this.lockFor(tenantId, [moved]);
    const outcome = await this.tryActivate(moved, actor);
    return { assignment: toAssignment(outcome.row), conflicts: outcome.conflicts };
  }

  /** "Set activation date": every scheduled or blocked assignment of the user moves to the date. */
  async setActivationDate(
    tenantId: string,
    userId: string,
    effectiveAt: Date,
    actor: Actor,
  ): Promise<AssignResult[]> {
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
    const row = isUuid(assignmentId)
      ? await this.query(tenantId).where('a.id', assignmentId).first()
      : undefined;
    if (!row) throw notFound('Assignment', assignmentId);
    return this.withGrants(toAssignment(row));
  }

  /** The assignment's events, oldest first: why and when it changed, and who changed it. */
  history(tenantId: string, assignmentId: string): Promise<EventRecord[]> {
    return this.events.listForEntity(tenantId, 'assignment', assignmentId);
  }

  async listForUser(tenantId: string, userId: string): Promise<Assignment[]> {
    const rows: AssignmentRow[] = await this.query(tenantId)
      .where('a.user_id', userId)
      .orderBy([{ column: 't.position' }, { column: 'a.created_at' }]);
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
    const rows: AssignmentRow[] = await this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.state': 'active' })
      .forUpdate('a');
    for (const row of rows) {
      await this.transition(
        row,
        'removal_scheduled',
        { removal_at: removalAt, removal_cause: 'suspension' },
        'assignment.removal_scheduled',
        actor,
        {
          cause: 'user_suspended',
        },
      );
    }
    return rows.length;
  }

  /** The user is active again: what the suspension started to remove is restored, blocked ones re-checked. */
  async reactivateUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    const rows: AssignmentRow[] = await this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.removal_cause': 'suspension' })
      .whereIn('a.state', ['removal_scheduled', 'grace'])
      .forUpdate('a');
    for (const row of rows)
      await this.transition(row, 'active', { activated_at: row.activated_at }, 'assignment.restored', actor, {
        cause: 'user_reactivated',
      });
    await this.recheckUser(tenantId, userId, actor);
    return rows.length;
  }

  /** Something about the user changed (numbers, a license, reactivation): their blocked assignments retry now. */
  async recheckUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    return this.recheckUsers(tenantId, [userId], actor);
  }

  /**
   * Seats of the product were bought or freed: blocked assignments waiting for a seat take them, oldest
   * first, until none is left. Runs under the product's inventory lock.
   */
  async activateWaiting(tenantId: string, productId: string, actor: Actor): Promise<number> {
    let activated = 0;
    await this.seats.lockInventory(tenantId, [productId]);
    for (;;) {
      const free = (await this.seats.freeSeats(tenantId, [productId])).get(productId) ?? 0;
      if (free <= 0) return activated;
      const rows: AssignmentRow[] = await this.query(tenantId)
        .where({ 'a.product_id': productId, 'a.state': 'blocked' })
        .whereRaw('a.blocked_reasons @> \'["seat_unavailable"]\'::jsonb')
        .orderBy([{ column: 'a.effective_at' }, { column: 'a.created_at' }, { column: 'a.id' }])
        .limit(Math.min(free, 100))
        .forUpdate('a')
        .skipLocked();
      if (rows.length === 0) return activated;
      await this.lockFor(tenantId, rows);
      const outcomes = await this.activateRows(tenantId, rows, actor);
      const taken = outcomes.filter((o) => o.row.state === 'active').length;
      activated += taken;
      // Out of seats, or every candidate was blocked for another reason too (those wait for the periodic re-check).
      if (
        taken === 0 ||
        outcomes.some((o) => o.row.state === 'blocked' && o.row.blocked_reasons.includes('seat_unavailable'))
      ) {
        return activated;
      }
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
    if (rows.length > 0)
      await this.db('license_assignments')
        .whereIn(
          'id',
          rows.map((r) => r.id),
        )
        .update({ checked_at: this.clock() });
    const retry: AssignmentRow[] = [];
    let failed = 0;
    for (const row of rows) {
      const { blockedCutoffDays } = await this.settingsOf(row.tenant_id);
      if (row.blocked_since && addDays(row.blocked_since, blockedCutoffDays) <= now) {
        await this.transition(
          row,
          'failed',
          {
            ended_at: now,
            blocked_reasons: JSON.stringify(row.blocked_reasons),
            blocked_since: row.blocked_since,
          },
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
    const starting: AssignmentRow[] = await this.claim(
      this.baseQuery().where('a.state', 'removal_scheduled').where('a.removal_at', '<=', now),
      limit,
    );
    for (const row of starting)
      await this.enterGrace(row, row.removal_at ?? now, row.removal_cause ?? 'admin', actor);
    const ending: AssignmentRow[] = await this.claim(
      this.baseQuery().where('a.state', 'grace').where('a.grace_ends_at', '<=', now),
      limit,
    );
    for (const tenantId of [...new Set(ending.map((r) => r.tenant_id))].sort()) {
      const ofTenant = ending.filter((r) => r.tenant_id === tenantId);
      await this.seats.lockInventory(
        tenantId,
        ofTenant.map((r) => r.product_id),
      );
      for (const row of ofTenant) await this.end(row, 'removed', actor);
      for (const productId of [...new Set(ofTenant.map((r) => r.product_id))])
        await this.activateWaiting(tenantId, productId, actor);
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

  private async activateBatch(
    rows: AssignmentRow[],
    actor: Actor,
    waitingFirst: boolean,
  ): Promise<BatchResult> {
    const result: BatchResult = { processed: rows.length, activated: 0, blocked: 0 };
    for (const tenantId of [...new Set(rows.map((r) => r.tenant_id))].sort()) {
      const ofTenant = rows.filter((r) => r.tenant_id === tenantId);
      await this.lockFor(tenantId, ofTenant);
      // Assignments already waiting for a seat are older than the ones falling due now: they go first.
      if (waitingFirst)
        for (const productId of new Set(ofTenant.map((r) => r.product_id)))
          await this.activateWaiting(tenantId, productId, actor);
      for (const outcome of await this.activateRows(tenantId, ofTenant, actor)) {
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
      replaced.length > 0
        ? await this.db('license_assignments').whereIn('id', replaced).select('product_id')
        : [];
    await this.seats.lockInventory(tenantId, [
      ...rows.map((r) => r.product_id),
      ...replacedProducts.map((r) => r.product_id),
    ]);
  }

  /**
   * Activates a scheduled or blocked assignment if everything holds now, else blocks it with the reasons: a batch
   * of one (activateRows). The caller holds the row lock and the inventory locks of lockFor().
   */
  private async tryActivate(claimed: AssignmentRow, actor: Actor): Promise<Outcome> {
    const [outcome] = await this.activateRows(claimed.tenant_id, [claimed], actor);
    return outcome ?? { row: claimed, conflicts: [] };
  }

  /**
   * Activates scheduled or blocked assignments of one tenant if everything holds now, else blocks them with the
   * reasons; returns an outcome per row, in order. The caller holds the rows' locks and the inventory locks of
   * lockFor(rows). What the decisions rest on is read once, in this transaction: the users' state (share-locked),
   * the active licenses of exclusive tracks (locked) and each product's free seats (`held` re-read under its
   * inventory lock). Rows are then decided in order with those facts kept current — a seat taken lowers the
   * product's free count, a license activated counts for the next row of the same user — so the batch takes
   * exactly the seats and gives exactly the answers a one-by-one run would. The changes are written with one
   * statement per kind, one `held` update per product and one insert of the events. Afterwards, an atomic swap
   * ends the license it replaces (its seat goes to whoever waits for it), and the users who gained a license
   * have their blocked assignments re-checked (Unlimited 5G after Voice).
   */
  private async activateRows(
    tenantId: string,
    claimed: readonly AssignmentRow[],
    actor: Actor,
  ): Promise<Outcome[]> {
    if (claimed.length === 0) return [];
    // Re-read: a re-check earlier in this transaction may have moved some of them.
    const fresh = new Map<string, AssignmentRow>(
      (
        await this.query(tenantId)
          .whereIn(
            'a.id',
            claimed.map((r) => r.id),
          )
          .forUpdate('a')
      ).map((r: AssignmentRow) => [r.id, r]),
    );
    const position = new Map(claimed.map((c, i) => [c.id, i]));
    const pending = [...fresh.values()]
      .filter((r) => PENDING_STATES.includes(r.state))
      .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
    const outcomes = new Map<string, Outcome>();
    const activated: Array<{ row: AssignmentRow; replaced: AssignmentRow | undefined }> = [];
    const blocked: Array<{ row: AssignmentRow; conflicts: Conflict[] }> = [];

    if (pending.length > 0) {
      const products = new Map<string, Product>();
      for (const r of pending)
        if (!products.has(r.product_id))
          products.set(r.product_id, await this.product(tenantId, r.product_id));
      const tracks = new Map<string, Track>();
      for (const p of products.values())
        if (!tracks.has(p.trackKey))
          tracks.set(p.trackKey, await this.catalog.getTrack(tenantId, p.trackKey));
      const userIds = [...new Set(pending.map((r) => r.user_id))];
      const users = await readUserStates(this.db, tenantId, userIds, { lock: true });
      const exclusive = [...tracks.values()].filter((t) => t.exclusive).map((t) => t.key);
      const holders = new Map<string, AssignmentRow[]>();
      if (exclusive.length > 0) {
        const rows: AssignmentRow[] = await this.query(tenantId)
          .whereIn('a.user_id', userIds)
          .whereIn('t.key', exclusive)
          .where('a.state', 'active')
          .forUpdate('a');
        for (const h of rows)
          holders.set(`${h.user_id}:${h.track_key}`, [
            ...(holders.get(`${h.user_id}:${h.track_key}`) ?? []),
            h,
          ]);
      }
      const free = await this.seats.freeSeats(tenantId, [...products.keys()]);

      for (const row of pending) {
        const product = products.get(row.product_id) as Product;
        const track = tracks.get(product.trackKey) as Track;
        const user = users.get(row.user_id);
        const conflicts = checkRequirements(product, factsAt(user, row.id, null));
        const key = `${row.user_id}:${track.key}`;
        const others = (holders.get(key) ?? []).filter((h) => h.id !== row.id);
        const replaced = track.exclusive ? others.find((h) => h.id === row.replaces_id) : undefined;
        if (track.exclusive && others.some((h) => h.id !== row.replaces_id)) {
          conflicts.push({
            reason: 'track_conflict',
            message: `The user already has another active ${track.name} license`,
          });
        }
        const seats = free.get(row.product_id) ?? 0;
        if (seats <= 0) conflicts.push(seatConflict(product));
        if (conflicts.length > 0) {
          const reasons = conflicts.map((c) => c.reason);
          if (row.state === 'blocked' && JSON.stringify(reasons) === JSON.stringify(row.blocked_reasons))
            outcomes.set(row.id, { row, conflicts });
          else blocked.push({ row, conflicts });
          continue;
        }
        free.set(row.product_id, seats - 1);
        activated.push({ row, replaced });
        if (track.exclusive) holders.set(key, [...others.filter((h) => h !== replaced), row]);
        if (user) {
          user.licenses = user.licenses.filter((l) => l.id !== replaced?.id && l.id !== row.id);
          user.licenses.push({
            id: row.id,
            state: 'active',
            effectiveAt: row.effective_at,
            removalAt: null,
            trackKey: track.key,
          });
        }
      }
      await this.writeDecisions(tenantId, activated, blocked, outcomes, actor);
    }

    for (const { row, replaced } of activated)
      if (replaced) await this.end(replaced, 'removed', actor, 'swap', { replacedBy: row.id });
    for (const productId of new Set(activated.flatMap((a) => (a.replaced ? [a.replaced.product_id] : [])))) {
      await this.activateWaiting(tenantId, productId, actor);
    }
    // Licenses just became active: assignments of these users that needed them may go now (Unlimited 5G after Voice).
    await this.recheckUsers(tenantId, [...new Set(activated.map((a) => a.row.user_id))], actor);
    return claimed.map((c) => outcomes.get(c.id) ?? { row: fresh.get(c.id) ?? c, conflicts: [] });
  }

  /** Writes a batch's decisions: one UPDATE per kind of change, `held` once per product, the events in one insert. */
  private async writeDecisions(
    tenantId: string,
    activated: ReadonlyArray<{ row: AssignmentRow; replaced: AssignmentRow | undefined }>,
    blocked: ReadonlyArray<{ row: AssignmentRow; conflicts: Conflict[] }>,
    outcomes: Map<string, Outcome>,
    actor: Actor,
  ): Promise<void> {
    const now = this.clock();
    const events: EventInput[] = [];
    if (activated.length > 0) {
      const rows: AssignmentRow[] = await this.db('license_assignments')
        .whereIn(
          'id',
          activated.map((a) => a.row.id),
        )
        .update({
          ...CLEARED,
          state: 'active',
          activated_at: now,
          version: this.db.raw('version + 1'),
          updated_at: now,
        })
        .returning('*');
      const written = new Map(rows.map((r) => [r.id, r]));
      const taken = new Map<string, number>();
      for (const { row, replaced } of activated) {
        const after: AssignmentRow = {
          ...(written.get(row.id) as AssignmentRow),
          product_key: row.product_key,
          track_key: row.track_key,
        };
        outcomes.set(row.id, { row: after, conflicts: [] });
        events.push(
          changeEvent(
            row,
            after,
            'assignment.activated',
            actor,
            replaced ? { replaces: replaced.id } : undefined,
          ),
        );
        taken.set(row.product_id, (taken.get(row.product_id) ?? 0) + 1);
      }
      for (const [productId, n] of taken) await this.seats.addHeld(tenantId, productId, n);
    }
    if (blocked.length > 0) {
      // Reasons differ per row: one UPDATE joined to the (id, reasons) pairs.
      const { rows } = (await this.db.raw(
        `UPDATE license_assignments a
         SET state = 'blocked', blocked_reasons = v.reasons, blocked_since = coalesce(a.blocked_since, ?),
             removal_at = NULL, grace_ends_at = NULL, removal_cause = NULL, ended_at = NULL,
             version = a.version + 1, updated_at = ?
         FROM unnest(?::uuid[], ?::jsonb[]) AS v(id, reasons)
         WHERE a.id = v.id
         RETURNING a.*`,
        [
          now,
          now,
          blocked.map((b) => b.row.id),
          blocked.map((b) => JSON.stringify(b.conflicts.map((c) => c.reason))),
        ],
      )) as { rows: AssignmentRow[] };
      const written = new Map(rows.map((r) => [r.id, r]));
      for (const { row, conflicts } of blocked) {
        const after: AssignmentRow = {
          ...(written.get(row.id) as AssignmentRow),
          product_key: row.product_key,
          track_key: row.track_key,
        };
        outcomes.set(row.id, { row: after, conflicts });
        events.push(changeEvent(row, after, 'assignment.blocked', actor, { conflicts }));
      }
    }
    await this.events.appendMany(events);
  }

  /**
   * Something changed for these users (a license activated, a number assigned, reactivation): their blocked
   * assignments retry now, in one batch. Returns how many of them activated.
   */
  private async recheckUsers(tenantId: string, userIds: readonly string[], actor: Actor): Promise<number> {
    if (userIds.length === 0) return 0;
    const rows: AssignmentRow[] = await this.query(tenantId)
      .whereIn('a.user_id', userIds)
      .where((q) =>
        q
          .where('a.state', 'blocked')
          .orWhere((l) =>
            l.where('a.removal_cause', 'requirement_lost').whereIn('a.state', ['removal_scheduled', 'grace']),
          ),
      )
      .orderBy([{ column: 'a.effective_at' }, { column: 'a.created_at' }, { column: 'a.id' }])
      .forUpdate('a')
      .skipLocked();
    if (rows.length === 0) return 0;
    // Restored first: a license back in service may be what a blocked one needs.
    const restored = await this.restoreRequirementLost(
      rows.filter((r) => r.state !== 'blocked'),
      actor,
    );
    const blocked = rows.filter((r) => r.state === 'blocked');
    let activated = 0;
    if (blocked.length > 0) {
      await this.lockFor(tenantId, blocked);
      activated = (await this.activateRows(tenantId, blocked, actor)).filter(
        (o) => o.row.state === 'active',
      ).length;
    }
    if (restored.length > 0)
      activated += await this.recheckUsers(tenantId, [...new Set(restored.map((r) => r.user_id))], actor);
    return activated;
  }

  /**
   * Licenses that stopped because a license they require did (requirement_lost) run again once every requirement
   * holds: a grace one now, a removal-scheduled one if the requirement still runs after its removal date. They kept
   * their seat, so no seat is taken. Returns the restored rows.
   */
  private async restoreRequirementLost(
    rows: readonly AssignmentRow[],
    actor: Actor,
  ): Promise<AssignmentRow[]> {
    const restored: AssignmentRow[] = [];
    for (const row of rows) {
      const at = row.state === 'removal_scheduled' ? row.removal_at : null;
      const facts = await this.userFacts(row.tenant_id, row.user_id, row.id, at);
      if (checkRequirements(await this.product(row.tenant_id, row.product_id), facts).length > 0) continue;
      restored.push(
        await this.transition(
          row,
          'active',
          { activated_at: row.activated_at },
          'assignment.restored',
          actor,
          { cause: 'requirement_met' },
        ),
      );
    }
    return restored;
  }

  /** Ends a held license: the seat is freed (caller holds its inventory lock) and unneeded numbers released. */
  private async end(
    row: AssignmentRow,
    to: 'removed',
    actor: Actor,
    cause?: Assignment['removalCause'],
    extra?: Record<string, unknown>,
  ) {
    const ended = await this.transition(
      row,
      to,
      {
        ended_at: this.clock(),
        removal_cause: cause ?? row.removal_cause,
        removal_at: row.removal_at,
        grace_ends_at: row.grace_ends_at,
      },
      `assignment.${to}`,
      actor,
      extra,
    );
    if (cause !== 'swap') await this.releaseUnneededNumbers(row.tenant_id, row.user_id, actor);
    return ended;
  }

  private async enterGrace(
    row: AssignmentRow,
    from: Date,
    cause: NonNullable<Assignment['removalCause']>,
    actor: Actor,
    extra?: Record<string, unknown>,
  ) {
    const { licenseGraceDays } = await this.settingsOf(row.tenant_id);
    return this.transition(
      row,
      'grace',
      {
        removal_at: row.removal_at ?? from,
        grace_ends_at: addDays(from, licenseGraceDays),
        removal_cause: cause,
      },
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
    action: EventActionOf<'assignment'>,
    actor: Actor,
    extra?: Record<string, unknown>,
  ): Promise<AssignmentRow> {
    const [updated] = await this.db('license_assignments')
      .where({ id: row.id })
      .update({
        ...CLEARED,
        ...values,
        state: to,
        version: this.db.raw('version + 1'),
        updated_at: this.clock(),
      })
      .returning('*');
    const delta = Number(isHolding(to)) - Number(isHolding(row.state));
    await this.seats.addHeld(row.tenant_id, row.product_id, delta);
    const after: AssignmentRow = { ...updated, product_key: row.product_key, track_key: row.track_key };
    await this.events.append(changeEvent(row, after, action, actor, extra));
    if (isRunning(row.state) && !isRunning(to)) await this.dependentsFollow(row, actor);
    return after;
  }

  /**
   * `ended` (as it was before) stopped running, whatever the path (removal, removal date reached, grants
   * revoked…): the user's licenses that required it must not keep running without it. They follow it into grace
   * with cause requirement_lost — data and seat kept, restored by recheckUsers when the requirement is met again —
   * and their own dependents follow them in turn (transition calls this again). Licenses already due to stop by
   * now go their own way; a swap leaves the track running, so it moves nothing.
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

  /**
   * The user's running licenses (locked) that would lose a requirement if `row` stopped running at `at`, directly
   * or down a chain (see dependentsOf). `row` counts as it is given, even if it has already been moved on.
   */
  private async dependentsOfRemoval(
    row: AssignmentRow,
    at: Date,
  ): Promise<Array<Dependent & { row: AssignmentRow }>> {
    const rows: AssignmentRow[] = await this.query(row.tenant_id)
      .where('a.user_id', row.user_id)
      .whereIn('a.state', ['active', 'removal_scheduled'])
      .whereNot('a.id', row.id)
      .orderBy([{ column: 't.position' }, { column: 'a.created_at' }, { column: 'a.id' }])
      .forUpdate('a');
    const licenses: UserLicense[] = [];
    for (const r of [row, ...rows]) {
      const { requirements } = await this.product(r.tenant_id, r.product_id);
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
    }));
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
    const user = await this.db('users')
      .where({ tenant_id: tenantId, id: userId })
      .whereNull('deleted_at')
      .first('id');
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
        await this.transition(
          pending,
          'cancelled',
          { ended_at: this.clock() },
          'assignment.cancelled',
          actor,
          { supersededBy: product.key },
        );
      }
    }
    const existing: AssignmentRow | undefined = await this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.product_id': product.id })
      .forUpdate('a')
      .first();
    let row: AssignmentRow;
    let activate = immediate;
    /** Why a re-granted license in removal could not continue. */
    let unmet: Conflict[] | undefined;
    if (!existing) {
      const [inserted] = await this.db('license_assignments')
        .insert({
          tenant_id: tenantId,
          user_id: userId,
          product_id: product.id,
          state: 'scheduled',
          effective_at: effectiveAt,
          replaces_id: holder?.id ?? null,
        })
        .returning('*');
      row = { ...inserted, product_key: product.key, track_key: product.trackKey };
      await this.events.append({
        tenantId,
        actor,
        action: 'assignment.scheduled',
        entityType: 'assignment',
        entityId: row.id,
        after: { ...snapshot(row), grant },
      });
    } else if (existing.state === 'active') {
      row = existing;
      activate = false;
    } else if (existing.state === 'removal_scheduled' || existing.state === 'grace') {
      // Re-granted before the seat was freed: the license continues (it still holds its seat) if it can run —
      // not an Unlimited 5G whose Voice license has gone (that one comes back when Voice runs again).
      unmet = checkRequirements(product, await this.actualFacts(tenantId, userId, existing.id));
      row =
        unmet.length === 0
          ? await this.transition(
              existing,
              'active',
              { activated_at: existing.activated_at },
              'assignment.restored',
              actor,
              { grant },
            )
          : existing;
      // Back in service: what needed it (a license that lost it as a requirement, a blocked one) may run again.
      if (row !== existing) await this.recheckUser(tenantId, userId, actor);
      activate = false;
    } else {
      const revived = PENDING_STATES.includes(existing.state)
        ? 'assignment.rescheduled'
        : 'assignment.scheduled';
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
      .insert({
        tenant_id: tenantId,
        assignment_id: row.id,
        kind: grant.kind,
        rule_id: grant.ruleId ?? null,
        granted_by: describe(actor),
      })
      .onConflict()
      .ignore();
    const conflicts =
      unmet ?? (activate || row.state !== 'scheduled' ? [] : await this.projectedConflicts(row, effectiveAt));
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
        if (number.kind !== kind)
          throw new DomainError('number.invalid', `${given} is a ${number.kind} number, not a ${kind} one`);
        await this.numbers.assign(tenantId, number.id, userId, actor);
        continue;
      }
      const needed = product.requirements.some((r) => r.kind === `${kind}_number`);
      if (!needed || !numbers.pickFromPool) continue;
      const facts = await this.actualFacts(tenantId, userId, null);
      if (!facts.numberKinds.has(kind))
        await this.numbers.pickFor(tenantId, userId, kind, facts.country, actor);
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
  private async userFacts(
    tenantId: string,
    userId: string,
    excludeId: string | null,
    at: Date | null,
  ): Promise<UserFacts> {
    const states = await readUserStates(this.db, tenantId, [userId], { lock: at === null });
    return factsAt(states.get(userId), excludeId, at);
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
    const row = isUuid(assignmentId)
      ? await this.query(tenantId).where('a.id', assignmentId).forUpdate('a').first()
      : undefined;
    if (!row) throw notFound('Assignment', assignmentId);
    return row;
  }

  private async grantsOf(assignmentId: string): Promise<Grant[]> {
    const rows: Array<{
      kind: Grant['kind'];
      rule_id: string | null;
      granted_by: string | null;
      granted_at: Date;
    }> = await this.db('assignment_grants').where({ assignment_id: assignmentId }).orderBy('id');
    return rows.map((r) => ({
      kind: r.kind,
      ruleId: r.rule_id,
      grantedBy: r.granted_by,
      grantedAt: r.granted_at,
    }));
  }

  private async withGrants(assignment: Assignment): Promise<Assignment> {
    return { ...assignment, grants: await this.grantsOf(assignment.id) };
  }

  // ---------------------------------------------------------------- grants (rules engine)

  /**
   * Adds a grant to a license the user already has (active, scheduled or blocked): the license keeps its state
   * and its date; it now also exists for this reason. Idempotent.
   */
  async attachGrant(
    tenantId: string,
    assignmentId: string,
    grant: { kind: Grant['kind']; ruleId?: string },
    actor: Actor,
  ): Promise<Assignment> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!['active', ...PENDING_STATES].includes(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; a grant joins only an active, scheduled or blocked one`,
      );
    }
    const inserted = await this.db('assignment_grants')
      .insert({
        tenant_id: tenantId,
        assignment_id: row.id,
        kind: grant.kind,
        rule_id: grant.ruleId ?? null,
        granted_by: describe(actor),
      })
      .onConflict()
      .ignore()
      .returning('id');
    if (inserted.length > 0) {
      await this.events.append({
        tenantId,
        actor,
        action: 'assignment.granted',
        entityType: 'assignment',
        entityId: row.id,
        after: { grant },
      });
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
      await this.events.append({
        tenantId,
        actor,
        action: 'assignment.grant_revoked',
        entityType: 'assignment',
        entityId: row.id,
        after: { grant },
      });
      return toAssignment(row);
    }
    if (PENDING_STATES.includes(row.state)) {
      return toAssignment(
        await this.transition(row, 'cancelled', { ended_at: this.clock() }, 'assignment.cancelled', actor, {
          revokedGrant: grant,
        }),
      );
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

function describe(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}
