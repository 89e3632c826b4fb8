import type { Product, Track } from '../catalog/catalog.js';
import type { Actor } from '../events/event-log.js';
import type { SeatService } from '../seats/seat-service.js';
import type { Conflict } from './assignment.js';
import { PENDING_STATES } from './assignment-states.js';
import type { AssignmentRow, AssignmentStore } from './assignment-store.js';
import { decideActivations, type ActivationCandidate } from './activation-decision.js';
import type { LicenseTransitions } from './license-transitions.js';
import type { LicensingLookups } from './licensing-lookups.js';
import { checkRequirements } from './requirement-check.js';
import { factsAt } from './user-facts.js';

export interface Outcome {
  row: AssignmentRow;
  conflicts: Conflict[];
}

/**
 * One piece of activation work. Each step may leave follow-ups: activating rows frees the seat of a license a
 * swap replaced (`waiting` for that product) and may meet another license's requirement (`users` who gained
 * one); filling seats activates rows; a re-check of users restores and activates rows.
 */
type Work =
  | {
      kind: 'rows';
      tenantId: string;
      rows: readonly AssignmentRow[];
      /** The rows are as this transaction last wrote and locked them: not read again. */
      current?: boolean;
      done?: (outcomes: Outcome[]) => void;
    }
  | { kind: 'waiting'; tenantId: string; productId: string }
  | { kind: 'users'; tenantId: string; userIds: readonly string[] };

/**
 * Runs assignments that may run now, and everything that follows from it, in the caller's transaction. The
 * follow-ups of each step run before the work after it (depth first), in one loop (run): a swap's freed seat
 * is filled before the next batch of waiting rows is read, and a license that starts re-checks its user's
 * blocked assignments (Unlimited 5G after Voice) before the batch that started it returns.
 *
 * Locks: a step that takes seats first takes the inventory locks of its products and of the products the rows
 * replace, in one sorted go (lockFor), then re-reads its rows under their row locks.
 */
export class LicenseActivation {
  constructor(
    private readonly store: AssignmentStore,
    private readonly transitions: LicenseTransitions,
    private readonly seats: SeatService,
    private readonly lookups: LicensingLookups,
  ) {}

  /**
   * Activates scheduled or blocked assignments of one tenant if everything holds now, else blocks them with the
   * reasons; returns an outcome per row, in order (as decided: later follow-ups may still activate a row blocked
   * here). The caller holds the rows' locks; `current`: the rows are as the caller just wrote them, so they are
   * not read again.
   */
  async activate(
    tenantId: string,
    rows: readonly AssignmentRow[],
    actor: Actor,
    options: { current?: boolean } = {},
  ): Promise<Outcome[]> {
    let outcomes: Outcome[] = [];
    await this.run(
      { kind: 'rows', tenantId, rows, current: options.current ?? false, done: (o) => (outcomes = o) },
      actor,
    );
    return outcomes;
  }

  /**
   * Seats of the product were bought or freed: blocked assignments waiting for a seat take them, oldest first,
   * until none is left. Returns how many assignments the run activated.
   */
  fillWaiting(tenantId: string, productId: string, actor: Actor): Promise<number> {
    return this.run({ kind: 'waiting', tenantId, productId }, actor);
  }

  /**
   * Something changed for these users (a license activated, a number assigned, reactivation): their blocked
   * assignments retry now, and licenses that stopped because a requirement ended run again if it is met.
   * Returns how many assignments the run activated.
   */
  recheckUsers(tenantId: string, userIds: readonly string[], actor: Actor): Promise<number> {
    return this.run({ kind: 'users', tenantId, userIds }, actor);
  }

  /** Takes the inventory locks the rows need (their product and the product they replace), in one sorted go. */
  async lockFor(tenantId: string, rows: readonly AssignmentRow[]): Promise<void> {
    const replaced = rows.map((r) => r.replaces_id).filter((id): id is string => id !== null);
    await this.seats.lockInventory(tenantId, [
      ...rows.map((r) => r.product_id),
      ...(await this.store.productsOf(replaced)),
    ]);
  }

  /** Does `first` and its follow-ups, depth first; returns how many assignments were activated. */
  private async run(first: Work, actor: Actor): Promise<number> {
    const stack: Work[] = [first];
    let activated = 0;
    for (let work = stack.pop(); work; work = stack.pop()) {
      const step = await this.step(work, actor);
      activated += step.activated;
      for (let i = step.next.length - 1; i >= 0; i -= 1) stack.push(step.next[i] as Work);
    }
    return activated;
  }

  private step(work: Work, actor: Actor): Promise<{ activated: number; next: Work[] }> {
    switch (work.kind) {
      case 'rows':
        return this.activateRows(work.tenantId, work.rows, actor, work.current ?? false, work.done);
      case 'waiting':
        return this.takeFreeSeats(work.tenantId, work.productId, actor);
      case 'users':
        return this.recheck(work.tenantId, work.userIds, actor);
    }
  }

  /**
   * Decides the rows from one read of each fact — the users' state (share-locked), the active licenses of
   * exclusive tracks (locked) and each product's free seats (`held` re-read under its inventory lock) — and
   * writes the decision (decideActivations, LicenseTransitions.applyActivations). An atomic swap then ends the
   * license it replaces; its seat goes to whoever waits for it, and the users who gained a license have their
   * blocked assignments re-checked (follow-ups).
   */
  private async activateRows(
    tenantId: string,
    claimed: readonly AssignmentRow[],
    actor: Actor,
    current: boolean,
    done?: (outcomes: Outcome[]) => void,
  ): Promise<{ activated: number; next: Work[] }> {
    if (claimed.length === 0) {
      done?.([]);
      return { activated: 0, next: [] };
    }
    await this.lockFor(tenantId, claimed);
    // Re-read unless current: an earlier step of this transaction may have moved some of them.
    const fresh = new Map(
      (current
        ? claimed
        : await this.store.lockMany(
            tenantId,
            claimed.map((r) => r.id),
          )
      ).map((r) => [r.id, r]),
    );
    const position = new Map(claimed.map((c, i) => [c.id, i]));
    const pending = [...fresh.values()]
      .filter((r) => PENDING_STATES.includes(r.state))
      .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
    const outcomes = new Map<string, Outcome>();
    const activated: Array<{ row: AssignmentRow; replaced: AssignmentRow | undefined }> = [];

    if (pending.length > 0) {
      const facts = await this.readFacts(tenantId, pending);
      const decision = decideActivations(pending.map(toCandidate), facts);
      const holders = new Map(facts.holderRows.map((h) => [h.id, h]));
      for (const a of decision.activate)
        activated.push({
          row: fresh.get(a.id) as AssignmentRow,
          replaced: a.replacedId === null ? undefined : holders.get(a.replacedId),
        });
      const blocked = decision.block.map((b) => ({
        row: fresh.get(b.id) as AssignmentRow,
        conflicts: b.conflicts,
      }));
      for (const u of decision.unchanged)
        outcomes.set(u.id, { row: fresh.get(u.id) as AssignmentRow, conflicts: u.conflicts });
      const written = await this.transitions.applyActivations(tenantId, activated, blocked, actor);
      for (const a of activated)
        outcomes.set(a.row.id, { row: written.get(a.row.id) as AssignmentRow, conflicts: [] });
      for (const b of blocked)
        outcomes.set(b.row.id, { row: written.get(b.row.id) as AssignmentRow, conflicts: b.conflicts });
    }

    for (const { row, replaced } of activated)
      if (replaced) await this.transitions.end(replaced, actor, 'swap', { replacedBy: row.id });
    done?.(claimed.map((c) => outcomes.get(c.id) ?? { row: fresh.get(c.id) ?? c, conflicts: [] }));
    const next: Work[] = [];
    for (const productId of new Set(activated.flatMap((a) => (a.replaced ? [a.replaced.product_id] : []))))
      next.push({ kind: 'waiting', tenantId, productId });
    // Licenses just became active: assignments of these users that needed them may go now (Unlimited 5G after Voice).
    const users = [...new Set(activated.map((a) => a.row.user_id))];
    if (users.length > 0) next.push({ kind: 'users', tenantId, userIds: users });
    return { activated: activated.length, next };
  }

  /** What decideActivations needs for these rows, read once under the locks that make it true until commit. */
  private async readFacts(tenantId: string, pending: readonly AssignmentRow[]) {
    const products = new Map<string, Product>();
    for (const r of pending)
      if (!products.has(r.product_id))
        products.set(r.product_id, await this.lookups.product(tenantId, r.product_id));
    const tracks = new Map<string, Track>();
    for (const p of products.values())
      if (!tracks.has(p.trackKey)) tracks.set(p.trackKey, await this.lookups.track(tenantId, p.trackKey));
    const userIds = [...new Set(pending.map((r) => r.user_id))];
    const users = await this.store.userStates(tenantId, userIds, { lock: true });
    const exclusive = [...tracks.values()].filter((t) => t.exclusive).map((t) => t.key);
    const holderRows =
      exclusive.length > 0 ? await this.store.lockActiveInTracks(tenantId, userIds, exclusive) : [];
    const freeSeats = await this.seats.freeSeats(tenantId, [...products.keys()]);
    return {
      products,
      tracks,
      users,
      exclusiveHolders: holderRows.map((h) => ({ id: h.id, userId: h.user_id, trackKey: h.track_key })),
      holderRows,
      freeSeats,
    };
  }

  /**
   * Blocked assignments of the product waiting for a seat take the free ones, oldest first, up to 100 per step;
   * the step repeats (after the follow-ups of its activations) while seats are left and the last step took some.
   */
  private async takeFreeSeats(
    tenantId: string,
    productId: string,
    actor: Actor,
  ): Promise<{ activated: number; next: Work[] }> {
    await this.seats.lockInventory(tenantId, [productId]);
    const free = (await this.seats.freeSeats(tenantId, [productId])).get(productId) ?? 0;
    if (free <= 0) return { activated: 0, next: [] };
    const rows = await this.store.claimWaitingForSeat(tenantId, productId, Math.min(free, 100));
    if (rows.length === 0) return { activated: 0, next: [] };
    let outcomes: Outcome[] = [];
    const step = await this.activateRows(tenantId, rows, actor, false, (o) => (outcomes = o));
    const taken = outcomes.filter((o) => o.row.state === 'active').length;
    // Out of seats, or every candidate was blocked for another reason too (those wait for the periodic re-check).
    const more =
      taken > 0 &&
      !outcomes.some((o) => o.row.state === 'blocked' && o.row.blocked_reasons.includes('seat_unavailable'));
    return {
      activated: step.activated,
      next: more ? [...step.next, { kind: 'waiting', tenantId, productId }] : step.next,
    };
  }

  /**
   * The users' licenses that stopped because a requirement ended (requirement_lost) run again once every
   * requirement holds — a grace one now, a removal-scheduled one if the requirement still runs after its removal
   * date; they kept their seat. Then their blocked assignments retry, and the users of restored licenses are
   * re-checked again (a license back in service may be what another one needs).
   */
  private async recheck(
    tenantId: string,
    userIds: readonly string[],
    actor: Actor,
  ): Promise<{ activated: number; next: Work[] }> {
    if (userIds.length === 0) return { activated: 0, next: [] };
    const rows = await this.store.claimRecheckable(tenantId, userIds);
    const restored: AssignmentRow[] = [];
    for (const row of rows.filter((r) => r.state !== 'blocked')) {
      const at = row.state === 'removal_scheduled' ? row.removal_at : null;
      const states = await this.store.userStates(row.tenant_id, [row.user_id], { lock: at === null });
      const facts = factsAt(states.get(row.user_id), row.id, at);
      if (checkRequirements(await this.lookups.product(row.tenant_id, row.product_id), facts).length > 0)
        continue;
      restored.push(
        await this.transitions.transition(
          row,
          'active',
          { activated_at: row.activated_at },
          'assignment.restored',
          actor,
          { cause: 'requirement_met' },
        ),
      );
    }
    const blocked = rows.filter((r) => r.state === 'blocked');
    const next: Work[] = [];
    if (blocked.length > 0) next.push({ kind: 'rows', tenantId, rows: blocked });
    if (restored.length > 0)
      next.push({ kind: 'users', tenantId, userIds: [...new Set(restored.map((r) => r.user_id))] });
    return { activated: 0, next };
  }
}

const toCandidate = (r: AssignmentRow): ActivationCandidate => ({
  id: r.id,
  userId: r.user_id,
  productId: r.product_id,
  state: r.state,
  effectiveAt: r.effective_at,
  blockedReasons: r.blocked_reasons,
  replacesId: r.replaces_id,
});
