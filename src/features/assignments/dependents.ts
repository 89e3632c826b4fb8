import type { Requirement } from '../catalog/catalog.js';
import type { AssignmentState } from './assignment-states.js';

/** One of a user's licenses, as far as other licenses' requirements are concerned. */
export interface UserLicense {
  id: string;
  productKey: string;
  trackKey: string;
  state: AssignmentState;
  /** When a `removal_scheduled` license stops running; null otherwise. */
  removalAt: Date | null;
  /** The product's requirements: its `active_license_in_track` ones are what makes it depend on another license. */
  requirements: readonly Requirement[];
}

/** A running license that would lose a requirement: no license of `track` would run any more. */
export interface Dependent {
  license: UserLicense;
  track: string;
  /** The license whose end empties `track`: the one removed, or (further down a chain) a dependent of it. */
  dependsOn: string;
}

/** Runs at `at` (a license ending at `at` does not): active, or removal scheduled for after `at`. */
function runsAt(l: UserLicense, at: Date | null): boolean {
  return (
    l.state === 'active' ||
    (l.state === 'removal_scheduled' && (at === null || l.removalAt === null || l.removalAt > at))
  );
}

/**
 * The licenses that would lose a requirement if `removedId` stopped running at `at` (null: now): running licenses
 * that need an active license in a track where the removed one is the last running license — and, since those
 * stop too, the licenses that need theirs, in the order they fall. A requirement that was unmet before the removal
 * is not the removal's doing and is not reported. Pure: the caller reads the licenses (e.g. listForUser plus the
 * products' requirements) and decides what to do with the answer.
 */
export function dependentsOf(
  licenses: readonly UserLicense[],
  removedId: string,
  at: Date | null = null,
): Dependent[] {
  const running = licenses.filter((l) => runsAt(l, at));
  const tracksBefore = new Set(running.map((l) => l.trackKey));
  const gone = new Map<string, string>(); // track → the license whose end emptied it
  const stopped = new Set([removedId]);
  const dependents: Dependent[] = [];
  for (let changed = true; changed;) {
    changed = false;
    const tracksNow = new Set(running.filter((l) => !stopped.has(l.id)).map((l) => l.trackKey));
    for (const l of running)
      if (
        stopped.has(l.id) &&
        tracksBefore.has(l.trackKey) &&
        !tracksNow.has(l.trackKey) &&
        !gone.has(l.trackKey)
      )
        gone.set(l.trackKey, l.id);
    for (const l of running) {
      if (stopped.has(l.id)) continue;
      const lost = l.requirements.find((r) => r.kind === 'active_license_in_track' && gone.has(r.track));
      if (lost?.kind !== 'active_license_in_track') continue;
      dependents.push({ license: l, track: lost.track, dependsOn: gone.get(lost.track) as string });
      stopped.add(l.id);
      changed = true;
    }
  }
  return dependents;
}
