import type { Product, Track } from '../catalog/catalog.js';
import type { BlockReason, Conflict } from './assignment.js';
import { isPending, type AssignmentState } from './assignment-states.js';
import { checkRequirements } from './requirement-check.js';
import { factsAt, type UserState } from './user-facts.js';

/** An assignment asking to run now (scheduled or blocked ones are decided; others are left alone). */
export interface ActivationCandidate {
  id: string;
  userId: string;
  productId: string;
  state: AssignmentState;
  effectiveAt: Date;
  blockedReasons: readonly BlockReason[];
  /** The license of the same exclusive track it replaces in one swap. */
  replacesId: string | null;
}

/** What a batch is decided on, read once in the transaction that will write the decision. */
export interface ActivationFacts {
  products: ReadonlyMap<string, Product>;
  /** By track key. */
  tracks: ReadonlyMap<string, Track>;
  /** The users' state now (a user missing is inactive). */
  users: ReadonlyMap<string, UserState>;
  /** The users' active licenses in the exclusive tracks of the batch. */
  exclusiveHolders: ReadonlyArray<{ id: string; userId: string; trackKey: string }>;
  /** Free seats per product (purchased now − held). */
  freeSeats: ReadonlyMap<string, number>;
}

export interface ActivationDecision {
  /** In batch order; `replacedId`: the license of the track the activation ends in the same swap. */
  activate: Array<{ id: string; replacedId: string | null }>;
  /** In batch order; blocked with new reasons (or newly blocked). */
  block: Array<{ id: string; conflicts: Conflict[] }>;
  /** Blocked already, for the same reasons: nothing to write. */
  unchanged: Array<{ id: string; conflicts: Conflict[] }>;
}

export const seatConflict = (product: Product): Conflict => ({
  reason: 'seat_unavailable',
  message: `No free ${product.name} seat: buy seats or free one; the assignment activates by itself, oldest first, when one is free`,
});

/**
 * Decides a batch of activations in order, as a one-by-one run would: each candidate runs if the user meets the
 * product's requirements, no other license of an exclusive track is active (except the one it replaces), and
 * a seat is free. The facts are kept current as the batch goes — a seat taken lowers the product's free count,
 * a license activated counts for the next candidate of the same user and takes its track — without changing
 * the facts given. Pure: the caller reads the facts and writes the decision.
 */
export function decideActivations(
  candidates: readonly ActivationCandidate[],
  facts: ActivationFacts,
): ActivationDecision {
  const decision: ActivationDecision = { activate: [], block: [], unchanged: [] };
  const free = new Map(facts.freeSeats);
  const users = new Map<string, UserState>();
  const userOf = (id: string): UserState | undefined => {
    if (!users.has(id)) {
      const state = facts.users.get(id);
      if (state) users.set(id, { ...state, licenses: [...state.licenses] });
    }
    return users.get(id);
  };
  const holders = new Map<string, string[]>();
  for (const h of facts.exclusiveHolders) {
    const key = `${h.userId}:${h.trackKey}`;
    holders.set(key, [...(holders.get(key) ?? []), h.id]);
  }

  for (const row of candidates) {
    if (!isPending(row.state)) continue;
    const product = facts.products.get(row.productId);
    const track = product && facts.tracks.get(product.trackKey);
    if (!product || !track) throw new Error(`activation facts lack product ${row.productId} or its track`);
    const user = userOf(row.userId);
    const conflicts = checkRequirements(product, factsAt(user, row.id, null));
    const key = `${row.userId}:${track.key}`;
    const others = (holders.get(key) ?? []).filter((id) => id !== row.id);
    const replacedId = track.exclusive ? (others.find((id) => id === row.replacesId) ?? null) : null;
    if (track.exclusive && others.some((id) => id !== row.replacesId)) {
      conflicts.push({
        reason: 'track_conflict',
        message: `The user already has another active ${track.name} license`,
      });
    }
    const seats = free.get(row.productId) ?? 0;
    if (seats <= 0) conflicts.push(seatConflict(product));
    if (conflicts.length > 0) {
      const reasons = conflicts.map((c) => c.reason);
      const same = row.state === 'blocked' && JSON.stringify(reasons) === JSON.stringify(row.blockedReasons);
      (same ? decision.unchanged : decision.block).push({ id: row.id, conflicts });
      continue;
    }
    free.set(row.productId, seats - 1);
    decision.activate.push({ id: row.id, replacedId });
    if (track.exclusive) holders.set(key, [...others.filter((id) => id !== replacedId), row.id]);
    if (user) {
      user.licenses = user.licenses.filter((l) => l.id !== replacedId && l.id !== row.id);
      user.licenses.push({
        id: row.id,
        state: 'active',
        effectiveAt: row.effectiveAt,
        removalAt: null,
        trackKey: track.key,
      });
    }
  }
  return decision;
}
