import { atField, DomainError, fieldFault, invalidInput, notFound } from '../../domain-error.js';
import type { Price, Product } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Actor, EventLog, EventRecord } from '../events/event-log.js';
import type { NumberService } from '../numbers/number-service.js';
import { addDays, type LicenseSettings } from '../seats/license-settings.js';
import { describeActor, type SeatService, type Subscription } from '../seats/seat-service.js';
import {
  assignSchema,
  buySeatsSchema,
  removeSchema,
  type AssignInput,
  type AssignResult,
  type Assignment,
  type BuySeatsInput,
  type Grant,
  type RemoveInput,
} from './assignment.js';
import { GRANTABLE_STATES, HOLDING_STATES, isPending, type AssignmentState } from './assignment-states.js';
import { AssignmentIntents, type Intent } from './assignment-intents.js';
import { toAssignment, type AssignmentRow, type AssignmentStore } from './assignment-store.js';
import { AssignmentSweeps } from './assignment-sweeps.js';
import { LicenseActivation } from './license-activation.js';
import { LicenseUserChanges } from './license-user-changes.js';
import { LicenseTransitions } from './license-transitions.js';
import { LicensingLookups } from './licensing-lookups.js';
import { RequirementGuard } from './requirement-guard.js';

export type { BatchResult } from './assignment-sweeps.js';

/** The seats bought in an assign flow: the order and what it costs at the product's list price. */
export interface SeatOrder {
  subscription: Subscription;
  product: Product;
  unitPrice: Price | null;
  /** quantity × the monthly price, in its minor units (null without a price). */
  monthlyTotalMinor: number | null;
  /** The monthly total over the binding period (null without a price). */
  bindingTotalMinor: number | null;
}

/**
 * License assignments: what admins, rules and user lifecycle ask of them (DESIGN.md, state machine). The rules
 * that keep it correct:
 * - A seat is taken (an assignment enters a holding state) only by a transaction that holds the product's
 *   `seat_inventory` row lock, after re-reading `held` under it: concurrent requests can never oversubscribe.
 * - Requirements are checked against the projected state when scheduling (conflicts returned, schedule kept)
 *   and against the actual state inside the transaction that takes the seat (unmet → blocked with reasons).
 * - Everything writes an event in the caller's transaction (entity `assignment`), which is the history.
 * The parts: AssignmentStore (rows, all SQL), LicenseTransitions (state changes and their events),
 * decideActivations (the batch decision, pure) applied by LicenseActivation, AssignmentIntents (new intents),
 * AssignmentSweeps (what the jobs run, as `sweeps`).
 */
export class AssignmentService {
  readonly sweeps: AssignmentSweeps;
  /** What licensing does when a user's lifecycle, profile or numbers change (the container's reactions call it). */
  readonly userChanges: LicenseUserChanges;
  private readonly store: AssignmentStore;
  private readonly lookups: LicensingLookups;
  private readonly transitions: LicenseTransitions;
  private readonly activation: LicenseActivation;
  private readonly intents: AssignmentIntents;
  private readonly guard: RequirementGuard;

  constructor(
    store: AssignmentStore,
    private readonly events: EventLog,
    catalog: CatalogService,
    private readonly seats: SeatService,
    private readonly numbers: NumberService,
    readSettings: (tenantId: string) => Promise<LicenseSettings>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.store = store;
    this.lookups = new LicensingLookups(catalog, readSettings);
    this.transitions = new LicenseTransitions(store, events, seats, numbers, this.lookups, clock);
    this.activation = new LicenseActivation(store, this.transitions, seats, this.lookups);
    this.intents = new AssignmentIntents(
      store,
      this.transitions,
      this.activation,
      seats,
      this.lookups,
      clock,
    );
    this.guard = new RequirementGuard(store, this.transitions, this.activation, this.lookups, clock);
    this.sweeps = new AssignmentSweeps(store, this.transitions, this.activation, seats, this.lookups, clock);
    this.userChanges = new LicenseUserChanges(
      store,
      this.transitions,
      this.activation,
      this.guard,
      this.lookups,
      clock,
    );
  }

  // ---------------------------------------------------------------- admin operations

  /** Assigns a product to one or many users, now or on a date. One row per (user, product); grants accumulate. */
  async assign(tenantId: string, input: AssignInput, actor: Actor): Promise<AssignResult[]> {
    const parsed = assignSchema.safeParse(input);
    if (!parsed.success) throw invalidInput('invalid_value', parsed.error.issues);
    const data = parsed.data;
    const product = await this.lookups.findProduct(tenantId, data.product);
    assertSellable(product);
    const track = await this.lookups.track(tenantId, product.trackKey);
    const now = this.clock();
    const effectiveAt = data.effectiveAt && data.effectiveAt > now ? data.effectiveAt : now;
    const immediate = effectiveAt <= now;
    const userIds = [...new Set(data.userIds)];
    if (data.numbers && (data.numbers.fixed || data.numbers.mobile) && userIds.length > 1) {
      throw fieldFault(
        'invalid_value',
        ['numbers'],
        "fixed and mobile name one user's numbers: for many users, pick them from the pool",
      );
    }
    if (data.ifScheduled === 'refuse') await this.refuseScheduled(tenantId, userIds, product);

    const results: Intent[] = [];
    for (const userId of userIds) {
      if (data.numbers) await this.giveNumbers(tenantId, userId, product, data.numbers, actor);
      results.push(
        await this.intents.record(
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
      // The rows are as record() just wrote and locked them: activation need not read them again.
      const outcomes = await this.activation.activate(
        tenantId,
        toActivate.map((r) => r.row),
        actor,
        { current: true },
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
          { userId: refused.row.user_id, conflicts: refused.conflicts },
        );
      }
    }
    const out: AssignResult[] = [];
    for (const r of results)
      out.push({
        assignment: r.grants
          ? { ...toAssignment(r.row), grants: r.grants }
          : await this.withGrants(toAssignment(r.row)),
        conflicts: r.conflicts,
      });
    return out;
  }

  /** The licenses (not ended) of each of a page of users, without their grants: one query for the page. */
  async liveOfUsers(tenantId: string, userIds: readonly string[]): Promise<Map<string, Assignment[]>> {
    const byUser = new Map<string, Assignment[]>();
    if (userIds.length === 0) return byUser;
    for (const row of await this.store.liveOfUsers(tenantId, userIds)) {
      const list = byUser.get(row.user_id) ?? [];
      list.push(toAssignment(row));
      byUser.set(row.user_id, list);
    }
    return byUser;
  }

  /**
   * "Buy licenses" in the assign flow: buys, in the caller's transaction and before the assignment is recorded, the
   * seats of the product that assigning it to these users on the date lacks: one seat per user who has no live
   * assignment of it, less the seats free on that date. Licenses already waiting for a seat count as committed: they
   * take the first new seats (oldest first), so the order covers them too and these users still get theirs. The
   * seats start with the licenses. Null when nothing is missing.
   */
  async buyMissingSeats(tenantId: string, input: BuySeatsInput, actor: Actor): Promise<SeatOrder | null> {
    const data = buySeatsSchema.parse(input);
    if (!data.termsAccepted) {
      throw new DomainError(
        'terms.not_accepted',
        'Buying seats in the assignment needs explicit acceptance of the terms (purchase.termsAccepted: true)',
      );
    }
    const product = await this.lookups.findProduct(tenantId, data.product);
    assertSellable(product);
    const now = this.clock();
    const at = data.effectiveAt && data.effectiveAt > now ? data.effectiveAt : now;
    const userIds = [...new Set(data.userIds)];
    // Under the product's inventory lock: no concurrent request takes the free seats counted here.
    await this.seats.lockInventory(tenantId, [product.id]);
    const holders = await this.store.usersWithLive(tenantId, userIds, product.id);
    const needed = userIds.filter((id) => !holders.has(id)).length;
    const [line] = await this.seats.inventory(tenantId, { productId: product.id, on: at });
    const missing = needed - (line?.on?.available ?? 0);
    if (missing <= 0) return null;
    const subscription = await this.seats.purchase(
      tenantId,
      {
        product: product.id,
        quantity: missing,
        bindingMonths: data.bindingMonths,
        startsAt: at,
        termsAccepted: true,
      },
      actor,
    );
    const monthly = product.price ? product.price.monthlyMinor * missing : null;
    return {
      subscription,
      product,
      unitPrice: product.price,
      monthlyTotalMinor: monthly,
      bindingTotalMinor: monthly === null ? null : monthly * data.bindingMonths,
    };
  }

  /**
   * Removes a license: requires confirmDataLoss, then removal_scheduled (future date) or grace (now). When other
   * running licenses of the user require it (Unlimited 5G needs Voice), the removal is refused with
   * requirement.dependents naming them, unless `removeDependents` says they stop with it: then they are scheduled
   * for the same date, or follow it into grace now (cause requirement_lost; see LicenseTransitions).
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
    if (isPending(row.state)) return this.cancel(tenantId, row.id, actor);
    if (!HOLDING_STATES.includes(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; only a held license can be removed`,
      );
    }
    const now = this.clock();
    const at = data.at && data.at > now ? data.at : null;
    if (data.freeSeatNow === true && at)
      throw new DomainError(
        'invalid_value',
        'freeSeatNow: a license whose seat is freed now cannot stop later',
      );
    const dependents =
      row.state === 'grace' ? [] : await this.transitions.dependentsOfRemoval(row, at ?? now);
    if (dependents.length > 0 && data.removeDependents !== true) {
      const names = dependents
        .map(
          (d) =>
            `${d.product.name} (needs an active license in the ${d.product.trackNames[d.track] ?? d.track} track)`,
        )
        .join(', ');
      const removed = await this.lookups.product(tenantId, row.product_id);
      throw new DomainError(
        'requirement.dependents',
        `Removing ${removed.name} leaves other licenses of the user without a license they require: ${names}. Send removeDependents: true to stop them with it (they keep their data through grace and are restored if the requirement is met again before it ends), or remove them first`,
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
    const grants = await this.store.grantsOf(row.id);
    await this.store.deleteGrants(row.id);
    if (row.state === 'grace')
      return toAssignment(data.freeSeatNow === true ? await this.endGrace(row, actor) : row);
    if (!at) {
      const graced = await this.transitions.enterGrace(row, now, 'admin', actor, { grants });
      return toAssignment(await this.endGraceIfOver(graced, data.freeSeatNow === true, actor));
    }
    const updated = await this.transitions.transition(
      row,
      'removal_scheduled',
      { removal_at: at, removal_cause: 'admin' },
      'assignment.removal_scheduled',
      actor,
      { grants },
    );
    for (const d of dependents) {
      await this.transitions.transition(
        d.row,
        'removal_scheduled',
        { removal_at: at, removal_cause: 'requirement_lost' },
        'assignment.removal_scheduled',
        actor,
        { cause: 'requirement_lost', dependsOn: d.dependsOn, track: d.track },
      );
    }
    return toAssignment(updated);
  }

  async cancel(tenantId: string, assignmentId: string, actor: Actor): Promise<Assignment> {
    const row = await this.lockRow(tenantId, assignmentId);
    if (!isPending(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; only scheduled or blocked ones can be cancelled`,
      );
    }
    await this.store.deleteGrants(row.id);
    return toAssignment(
      await this.transitions.transition(
        row,
        'cancelled',
        { ended_at: this.clock() },
        'assignment.cancelled',
        actor,
      ),
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
    if (!isPending(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; only scheduled or blocked ones can be re-dated`,
      );
    }
    const now = this.clock();
    const date = effectiveAt > now ? effectiveAt : now;
    const moved = await this.transitions.transition(
      row,
      'scheduled',
      { effective_at: date },
      'assignment.rescheduled',
      actor,
    );
    if (date > now)
      return {
        assignment: toAssignment(moved),
        conflicts: await this.intents.projectedConflicts(moved, date),
      };
    const [outcome] = await this.activation.activate(tenantId, [moved], actor);
    const { row: after, conflicts } = outcome ?? { row: moved, conflicts: [] };
    return { assignment: toAssignment(after), conflicts };
  }

  /** "Set activation date": every scheduled or blocked assignment of the user moves to the date. */
  async setActivationDate(
    tenantId: string,
    userId: string,
    effectiveAt: Date,
    actor: Actor,
  ): Promise<AssignResult[]> {
    const rows = await this.store.pendingOfUser(tenantId, userId);
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
    const row = await this.store.find(tenantId, assignmentId);
    if (!row) throw notFound('Assignment', assignmentId);
    return this.withGrants(toAssignment(row));
  }

  /** The assignment's events, oldest first: why and when it changed, and who changed it. */
  history(tenantId: string, assignmentId: string): Promise<EventRecord[]> {
    return this.events.listForEntity(tenantId, 'assignment', assignmentId);
  }

  async listForUser(tenantId: string, userId: string): Promise<Assignment[]> {
    const out: Assignment[] = [];
    for (const r of await this.store.listForUser(tenantId, userId))
      out.push(await this.withGrants(toAssignment(r)));
    return out;
  }

  /**
   * Keyset page over the tenant's assignments by effective date, then id (scheduled ones in the order they are
   * due), optionally of one product, state or user. `after` is the last assignment of the previous page, with its
   * effective date as the fallback when it was re-dated or is gone. Each with its grants.
   */
  async list(
    tenantId: string,
    options: {
      productId?: string;
      state?: AssignmentState;
      userId?: string;
      after?: { id: string; effectiveAt: string };
      limit: number;
    },
  ): Promise<Assignment[]> {
    const rows = await this.store.list(tenantId, options);
    // The page's grants in one query: a page of 50 is two statements, not 51.
    const grants = await this.store.grantsOfMany(rows.map((r) => r.id));
    return rows.map((r) => ({ ...toAssignment(r), grants: grants.get(r.id) ?? [] }));
  }

  // ---------------------------------------------------------------- reactions (users, numbers, seats)

  /** Something about the user changed (numbers, a license, reactivation): their blocked assignments retry now. */
  recheckUser(tenantId: string, userId: string, actor: Actor): Promise<number> {
    return this.activation.recheckUsers(tenantId, [userId], actor);
  }

  /** Seats of the product were bought or freed: blocked assignments waiting for a seat take them, oldest first. */
  activateWaiting(tenantId: string, productId: string, actor: Actor): Promise<number> {
    return this.activation.fillWaiting(tenantId, productId, actor);
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
    if (!GRANTABLE_STATES.includes(row.state)) {
      throw new DomainError(
        'assignment.invalid_state',
        `The assignment is ${row.state}; a grant joins only an active, scheduled or blocked one`,
      );
    }
    if (await this.store.addGrant(tenantId, row.id, grant, describeActor(actor)))
      await this.transitions.recordGrant(row, 'assignment.granted', grant, actor);
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
    if (!(await this.store.deleteGrant(row.id, grant))) return toAssignment(row);
    if (await this.store.hasGrants(row.id)) {
      await this.transitions.recordGrant(row, 'assignment.grant_revoked', grant, actor);
      return toAssignment(row);
    }
    if (isPending(row.state)) {
      return toAssignment(
        await this.transitions.transition(
          row,
          'cancelled',
          { ended_at: this.clock() },
          'assignment.cancelled',
          actor,
          {
            revokedGrant: grant,
          },
        ),
      );
    }
    if (row.state !== 'active') return toAssignment(row);
    const now = this.clock();
    const days = options.graceDays ?? (await this.lookups.settings(tenantId)).licenseGraceDays;
    const updated = await this.transitions.transition(
      row,
      'grace',
      { removal_at: now, grace_ends_at: addDays(now, days), removal_cause: 'grants_revoked' },
      'assignment.grace',
      actor,
      { revokedGrant: grant },
    );
    return toAssignment(await this.endGraceIfOver(updated, false, actor));
  }

  // ---------------------------------------------------------------- internals

  /** Assigning what a user already waits for would silently move its date: refused, naming the date. */
  private async refuseScheduled(tenantId: string, userIds: string[], product: Product): Promise<void> {
    const pending = await this.store.lockPendingOfUsers(tenantId, userIds, product.id);
    const first = pending[0];
    if (!first) return;
    const when = (r: AssignmentRow) =>
      r.state === 'scheduled'
        ? `scheduled for ${r.effective_at.toISOString()}`
        : `blocked since ${(r.blocked_since ?? r.effective_at).toISOString()}`;
    const who =
      pending.length === 1
        ? `The user already has ${product.name} ${when(first)}`
        : `${pending.length} of the users already have ${product.name} scheduled or blocked (the first ${when(first)})`;
    throw new DomainError(
      'assignment.already_scheduled',
      `${who}: send reschedule: true to move it to this request's date, or re-date it with POST /assignments/{id}/reschedule`,
      {
        scheduled: pending.map((r) => ({
          userId: r.user_id,
          assignmentId: r.id,
          state: r.state,
          effectiveAt: r.effective_at.toISOString(),
        })),
      },
    );
  }

  /** Numbers given with an assignment (now or for a date), or picked from the pool for what the product needs. */
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
          throw fieldFault(
            'number.invalid',
            ['numbers', kind],
            `${given} is a ${number.kind} number, not a ${kind} one`,
          );
        // A number that cannot be this user's (taken, quarantined, of another country) is the field's fault.
        await this.numbers
          .assign(tenantId, number.id, userId, actor)
          .catch((error: unknown) => Promise.reject(atField(error, ['numbers', kind])));
        continue;
      }
      const needed = product.requirements.some((r) => r.kind === `${kind}_number`);
      if (!needed || !numbers.pickFromPool) continue;
      const facts = await this.intents.userFacts(tenantId, userId, null, null);
      if (!facts.numberKinds.has(kind))
        await this.numbers.pickFor(tenantId, userId, kind, facts.country, actor);
    }
  }

  /**
   * A grace that is already over (zero grace days, or `now` asked for it) ends in this transaction rather than on
   * the next sweep: the seat is freed and whoever waits for one takes it now.
   */
  private async endGraceIfOver(row: AssignmentRow, now: boolean, actor: Actor): Promise<AssignmentRow> {
    if (row.state !== 'grace') return row;
    if (!now && (row.grace_ends_at === null || row.grace_ends_at > this.clock())) return row;
    return this.endGrace(row, actor);
  }

  private async endGrace(row: AssignmentRow, actor: Actor): Promise<AssignmentRow> {
    await this.seats.lockInventory(row.tenant_id, [row.product_id]);
    const ended = await this.transitions.end(row, actor, undefined, { seatFreedNow: true });
    await this.activation.fillWaiting(row.tenant_id, row.product_id, actor);
    return ended;
  }

  private async lockRow(tenantId: string, assignmentId: string): Promise<AssignmentRow> {
    const row = await this.store.lock(tenantId, assignmentId);
    if (!row) throw notFound('Assignment', assignmentId);
    return row;
  }

  private async withGrants(assignment: Assignment): Promise<Assignment> {
    return { ...assignment, grants: await this.store.grantsOf(assignment.id) };
  }
}

/** Only what the provider sells can be assigned; licenses of an unsold product keep running. */
function assertSellable(product: Product): void {
  if (!product.sellable) {
    throw fieldFault(
      'product.not_sellable',
      ['product'],
      `${product.name} is ${product.retiredAt ? 'retired' : 'not sold'}: it cannot be assigned`,
      { product: product.key },
    );
  }
}
