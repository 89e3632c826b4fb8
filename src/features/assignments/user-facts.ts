import type { Knex } from 'knex';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { UserProfile } from '../users/user.js';
import { COUNTED_STATES, isRunning, sqlStates, type AssignmentState } from './assignment-states.js';
import type { UserFacts } from './requirement-check.js';

/** A license of the user that counts for requirements: running now, or scheduled to run. */
export interface LicenseFact {
  id: string;
  state: AssignmentState;
  effectiveAt: Date;
  removalAt: Date | null;
  trackKey: string;
}

/** What requirements are checked against, before it is narrowed to one moment (see factsAt). */
export interface UserState {
  active: boolean;
  country: string;
  hasEmergencyAddress: boolean;
  numberKinds: ReadonlySet<NumberKind>;
  /** Mutable: a batch of activations records what it activated, so later rows of the same user see it. */
  licenses: LicenseFact[];
}

interface UserStateRow {
  id: string;
  active: boolean;
  profile: UserProfile;
  deleted_at: Date | null;
  default_country: string | null;
  number_kinds: NumberKind[];
  licenses: Array<{
    id: string;
    state: AssignmentState;
    effectiveAt: string;
    removalAt: string | null;
    trackKey: string;
  }>;
}

/**
 * The state of many users of a tenant in one statement: profile, assigned numbers and the licenses that run
 * or are scheduled, so a batch of activations reads its facts once instead of once per assignment. With
 * `lock`, the user rows are share-locked: a concurrent suspension waits for this transaction or is seen by it.
 */
export async function readUserStates(
  db: Knex,
  tenantId: string,
  userIds: readonly string[],
  options: { lock: boolean },
): Promise<Map<string, UserState>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const result = (await db.raw(
    `SELECT u.id, u.active, u.profile, u.deleted_at, tn.default_country,
            ARRAY(SELECT DISTINCT n.kind FROM phone_numbers n
                  WHERE n.tenant_id = u.tenant_id AND n.user_id = u.id AND n.status = 'assigned') AS number_kinds,
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'state', a.state, 'effectiveAt', a.effective_at,
                                                          'removalAt', a.removal_at, 'trackKey', t.key))
                      FROM license_assignments a
                      JOIN catalog_products p ON p.id = a.product_id
                      JOIN catalog_tracks t ON t.id = p.track_id
                      WHERE a.tenant_id = u.tenant_id AND a.user_id = u.id
                        AND a.state IN (${sqlStates(COUNTED_STATES)})), '[]'::jsonb) AS licenses
     FROM users u JOIN tenants tn ON tn.id = u.tenant_id
     WHERE u.tenant_id = ? AND u.id = ANY(?::uuid[])${options.lock ? ' FOR SHARE OF u' : ''}`,
    [tenantId, ids],
  )) as { rows: UserStateRow[] };
  return new Map(result.rows.map((r) => [r.id, toUserState(r)]));
}

function toUserState(r: UserStateRow): UserState {
  const profile = r.profile ?? {};
  // Only the tenant's pool numbers assigned to the user count: a number typed into the contact details (by an
  // admin, the IdP or the directory) is contact data and satisfies no requirement (DESIGN.md, invariants).
  const numberKinds = new Set<NumberKind>(r.number_kinds);
  const own = profileFacts(profile);
  return {
    active: r.active && !r.deleted_at,
    country: own.country ?? String(r.default_country ?? '').toUpperCase(),
    hasEmergencyAddress: own.hasEmergencyAddress,
    numberKinds,
    licenses: r.licenses.map((l) => ({
      id: l.id,
      state: l.state,
      effectiveAt: new Date(l.effectiveAt),
      removalAt: l.removalAt === null ? null : new Date(l.removalAt),
      trackKey: l.trackKey,
    })),
  };
}

/** What requirements read of a profile itself: its country (null: the tenant's default) and emergency address. */
export function profileFacts(profile: UserProfile): { country: string | null; hasEmergencyAddress: boolean } {
  const addresses = profile.addresses;
  return {
    country: profile.country ? String(profile.country).toUpperCase() : null,
    hasEmergencyAddress:
      Boolean(profile.emergencyAddress) || (Array.isArray(addresses) && addresses.length > 0),
  };
}

/** Whether a license runs at `at` (null: now): active, or removal scheduled after it, or scheduled by then. */
export function runsAt(l: LicenseFact, at: Date | null): boolean {
  if (at === null) return isRunning(l.state);
  return (
    l.state === 'active' ||
    (l.state === 'removal_scheduled' && (l.removalAt === null || l.removalAt > at)) ||
    (l.state === 'scheduled' && l.effectiveAt <= at)
  );
}

/**
 * The facts requirements are checked against: the user's state now (`at` null) or projected to `at`, without
 * the assignment being checked (`excludeId`). A user not found is inactive.
 */
export function factsAt(state: UserState | undefined, excludeId: string | null, at: Date | null): UserFacts {
  if (!state)
    return {
      active: false,
      country: '',
      hasEmergencyAddress: false,
      numberKinds: new Set(),
      activeTracks: new Set(),
    };
  const activeTracks = new Set<string>();
  for (const l of state.licenses) if (l.id !== excludeId && runsAt(l, at)) activeTracks.add(l.trackKey);
  return {
    active: state.active,
    country: state.country,
    hasEmergencyAddress: state.hasEmergencyAddress,
    numberKinds: state.numberKinds,
    activeTracks,
  };
}
