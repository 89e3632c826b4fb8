import type { Product, Track } from '../catalog/catalog.js';
import type { GrantKind } from '../assignments/assignment.js';
import {
  PENDING_STATES as PENDING,
  RUNNING_STATES as RUNNING,
  type AssignmentState,
} from '../assignments/assignment-states.js';
import { checkRequirements, type UserFacts } from '../assignments/requirement-check.js';
import { addDays } from '../seats/license-settings.js';
import type { Rule, RuleConflict } from './rule.js';

/** A user a rule's group (and filter) selects, with when they appeared (for `after_days` activation). */
export interface RuleMatch {
  ruleId: string;
  userId: string;
  userCreatedAt: Date;
}

/** A license of the user that has not ended, with every grant it carries. */
export interface HeldLicense {
  assignmentId: string;
  userId: string;
  productId: string;
  state: AssignmentState;
  replacesId: string | null;
  /** Why it waits, when it is blocked (`requirement_unmet:fixed_number`, `seat_unavailable`…). */
  blockedReasons: readonly string[];
  grants: Array<{ kind: GrantKind; ruleId: string | null }>;
}

export interface PlannedGrant {
  userId: string;
  ruleId: string;
  productId: string;
  effectiveAt: Date;
  pickNumbers: boolean;
  /** The license the grant joins, if the user already has one of the product, and its state. */
  assignmentId: string | null;
  assignmentState: AssignmentState | null;
}

export interface PlannedRevocation {
  userId: string;
  ruleId: string;
  productId: string;
  assignmentId: string;
  /** No grant remains once the plan is applied: the license goes to grace (or is cancelled if pending). */
  endsLicense: boolean;
  /** …and it is running now: the user loses service. This is what the mass-change threshold counts. */
  stopsService: boolean;
  graceDays: number | null;
}

export interface RulePlan {
  grants: PlannedGrant[];
  revocations: PlannedRevocation[];
  conflicts: RuleConflict[];
  /** Users the plan looked at (their stored conflicts are replaced by the plan's). */
  userIds: string[];
}

export interface PlanInput {
  rules: readonly Rule[];
  products: ReadonlyMap<string, Product>;
  tracks: ReadonlyMap<string, Track>;
  matches: readonly RuleMatch[];
  held: readonly HeldLicense[];
  now: Date;
}

const key = (userId: string, ruleId: string, productId: string) => `${userId}|${ruleId}|${productId}`;

/**
 * What the rules want for the users they match, against what the users hold: the grants to add, the grants
 * to revoke, and what cannot be honoured. Pure: the same function plans an evaluation, a reconcile and a
 * preview, so a preview shows exactly what applying would do.
 *
 * - A user's desired licenses are the union of the grants of the rules that match them.
 * - In an exclusive track the matching rule with the lowest priority number (then the oldest) decides the
 *   product; rules granting that same product all keep their grant (one license, one seat); the others are
 *   reported as `priority_lost`. A direct or imported license of another product in the track wins over
 *   every rule (`track_held_by_direct`): rules never replace what an admin chose.
 * - A revoked grant ends the license only when no other grant remains. When the rules switch an exclusive
 *   track to another product, the old license is not revoked while its replacement waits: the swap ends it.
 * - A rule-granted license that waits blocked on a requirement stays a `requirement_unmet` conflict. New
 *   licenses are checked against the user's facts by requirementConflicts(), which needs the facts of only
 *   the users who get one.
 */
export function planRules(input: PlanInput): RulePlan {
  const rulesById = new Map(input.rules.map((r) => [r.id, r]));
  const heldByUser = groupBy(input.held, (h) => h.userId);
  const matchesByUser = groupBy(input.matches, (m) => m.userId);
  const userIds = [...new Set([...heldByUser.keys(), ...matchesByUser.keys()])].sort();
  const plan: RulePlan = { grants: [], revocations: [], conflicts: [], userIds };

  for (const userId of userIds) {
    const held = heldByUser.get(userId) ?? [];
    const desired = desiredFor(
      userId,
      matchesByUser.get(userId) ?? [],
      held,
      rulesById,
      input,
      plan.conflicts,
    );
    const current = new Map<string, HeldLicense>();
    for (const license of held) {
      for (const g of license.grants)
        if (g.kind === 'rule' && g.ruleId) current.set(key(userId, g.ruleId, license.productId), license);
    }

    const grants: PlannedGrant[] = [];
    for (const [k, want] of desired) {
      if (current.has(k)) continue;
      const rule = rulesById.get(want.ruleId)!;
      const existing = held.find((h) => h.productId === rule.productId);
      grants.push({
        userId,
        ruleId: rule.id,
        productId: rule.productId,
        effectiveAt: effectiveDate(rule, want.userCreatedAt, input.now),
        pickNumbers: rule.pickNumbers,
        assignmentId: existing?.assignmentId ?? null,
        assignmentState: existing?.state ?? null,
      });
    }

    const revoked = new Map<string, PlannedRevocation[]>();
    for (const [k, license] of current) {
      if (desired.has(k)) continue;
      const ruleId = k.split('|')[1]!;
      const replacement = held.some(
        (h) => h.replacesId === license.assignmentId && PENDING.includes(h.state),
      );
      const swapping = grants.some((g) => sameExclusiveTrack(g.productId, license.productId, input));
      if (replacement || swapping) continue;
      const list = revoked.get(license.assignmentId) ?? [];
      list.push({
        userId,
        ruleId,
        productId: license.productId,
        assignmentId: license.assignmentId,
        endsLicense: false,
        stopsService: false,
        graceDays: rulesById.get(ruleId)?.removalGraceDays ?? null,
      });
      revoked.set(license.assignmentId, list);
    }
    for (const [assignmentId, list] of revoked) {
      const license = held.find((h) => h.assignmentId === assignmentId)!;
      const ends = license.grants.length === list.length;
      for (const r of list) {
        r.endsLicense = ends;
        r.stopsService = ends && RUNNING.includes(license.state);
      }
      plan.revocations.push(...list);
    }

    plan.grants.push(...grants);
    plan.conflicts.push(...waitingConflicts(userId, held, input));
    plan.conflicts.push(...dependentConflicts(userId, held, revoked, grants, input));
  }
  return plan;
}

/** The grants the rules want for one user (key → the match), reporting the rules that lose in a track. */
function desiredFor(
  userId: string,
  matches: readonly RuleMatch[],
  held: readonly HeldLicense[],
  rulesById: ReadonlyMap<string, Rule>,
  input: PlanInput,
  conflicts: RuleConflict[],
): Map<string, RuleMatch> {
  const desired = new Map<string, RuleMatch>();
  const byTrack = new Map<string, RuleMatch[]>();
  for (const m of matches) {
    const rule = rulesById.get(m.ruleId);
    const product = rule && input.products.get(rule.productId);
    if (!rule || !product) continue;
    const list = byTrack.get(product.trackKey) ?? [];
    list.push(m);
    byTrack.set(product.trackKey, list);
  }
  for (const [trackKey, list] of byTrack) {
    const ordered = list
      .map((m) => ({ m, rule: rulesById.get(m.ruleId)! }))
      .sort((a, b) => compareRules(a.rule, b.rule));
    if (!input.tracks.get(trackKey)?.exclusive) {
      for (const { m, rule } of ordered) desired.set(key(userId, rule.id, rule.productId), m);
      continue;
    }
    const direct = held.find(
      (h) =>
        input.products.get(h.productId)?.trackKey === trackKey &&
        (RUNNING.includes(h.state) || PENDING.includes(h.state)) &&
        h.grants.some((g) => g.kind !== 'rule'),
    );
    const winnerProduct = direct?.productId ?? ordered[0]!.rule.productId;
    for (const { m, rule } of ordered) {
      if (rule.productId === winnerProduct) {
        desired.set(key(userId, rule.id, rule.productId), m);
        continue;
      }
      const product = input.products.get(rule.productId)!;
      const winner = direct ? undefined : ordered[0]!.rule;
      conflicts.push({
        userId,
        ruleId: rule.id,
        productId: rule.productId,
        kind: direct ? 'track_held_by_direct' : 'priority_lost',
        message: direct
          ? `${rule.name} grants ${product.name}, but the user holds ${input.products.get(direct.productId)?.name ?? 'another product'} of the same exclusive track by a ${direct.grants.find((g) => g.kind !== 'rule')?.kind} grant`
          : `${rule.name} grants ${product.name}, but ${winner!.name} (priority ${winner!.priority}) grants ${input.products.get(winner!.productId)?.name} in the same exclusive track and wins`,
        details: direct ? { heldAssignmentId: direct.assignmentId } : { winningRuleId: winner!.id },
      });
    }
  }
  return desired;
}

/** Users the plan gives a license they do not hold yet: requirementConflicts() needs their facts. */
export function usersWithNewLicenses(plan: RulePlan, products: ReadonlyMap<string, Product>): string[] {
  const ids = new Set<string>();
  for (const g of plan.grants)
    if (g.assignmentId === null && products.get(g.productId)?.requirements.length) ids.add(g.userId);
  return [...ids];
}

/**
 * The requirements of newly granted products, against each user's state once the plan is applied (their
 * licenses after the plan's grants and revocations, their numbers and country). Appended to the plan.
 */
export function addRequirementConflicts(
  plan: RulePlan,
  input: PlanInput,
  facts: (userId: string) => UserFacts | undefined,
): void {
  const grantsByUser = groupBy(
    plan.grants.filter((g) => g.assignmentId === null),
    (g) => g.userId,
  );
  if (grantsByUser.size === 0) return;
  const heldByUser = groupBy(input.held, (h) => h.userId);
  const revokedByUser = groupBy(plan.revocations, (r) => r.userId);
  const allGrantsByUser = groupBy(plan.grants, (g) => g.userId);
  for (const [userId, fresh] of grantsByUser) {
    const userFacts = facts(userId);
    if (!userFacts) continue;
    const revoked = groupBy(revokedByUser.get(userId) ?? [], (r) => r.assignmentId);
    const projected: UserFacts = {
      ...userFacts,
      activeTracks: tracksAfter(
        heldByUser.get(userId) ?? [],
        revoked,
        allGrantsByUser.get(userId) ?? [],
        input,
      ),
    };
    for (const g of fresh) {
      const product = input.products.get(g.productId)!;
      for (const c of checkRequirements(product, projected)) {
        if (c.reason === 'user_inactive') continue;
        const numberKind = c.requirement?.kind === 'fixed_number' || c.requirement?.kind === 'mobile_number';
        if (numberKind && g.pickNumbers) continue;
        plan.conflicts.push({
          userId,
          ruleId: g.ruleId,
          productId: g.productId,
          kind: 'requirement_unmet',
          message: c.message,
          details: { reason: c.reason },
        });
      }
    }
  }
}

/** Rule-granted licenses that wait, blocked on a requirement: still conflicts until the requirement is met. */
function waitingConflicts(userId: string, held: readonly HeldLicense[], input: PlanInput): RuleConflict[] {
  const out: RuleConflict[] = [];
  for (const license of held) {
    if (license.state !== 'blocked') continue;
    const ruleId = license.grants.find((g) => g.kind === 'rule')?.ruleId;
    const unmet = license.blockedReasons.filter((r) => r.startsWith('requirement_unmet:'));
    if (!ruleId || unmet.length === 0) continue;
    out.push({
      userId,
      ruleId,
      productId: license.productId,
      kind: 'requirement_unmet',
      message: `${input.products.get(license.productId)?.name ?? 'The license'} waits blocked: ${unmet.map((r) => r.slice('requirement_unmet:'.length)).join(', ')} not met`,
      details: { reason: unmet[0] },
    });
  }
  return out;
}

/** Licenses the user keeps that need a track the plan takes away (Unlimited 5G when Voice ends). */
function dependentConflicts(
  userId: string,
  held: readonly HeldLicense[],
  revoked: ReadonlyMap<string, PlannedRevocation[]>,
  grants: readonly PlannedGrant[],
  input: PlanInput,
): RuleConflict[] {
  const ending = [...revoked.values()].flat().filter((r) => r.stopsService);
  if (ending.length === 0) return [];
  const after = tracksAfter(held, revoked, grants, input);
  const out: RuleConflict[] = [];
  for (const license of held) {
    if (!RUNNING.includes(license.state) || revoked.get(license.assignmentId)?.some((r) => r.endsLicense))
      continue;
    const product = input.products.get(license.productId);
    for (const requirement of product?.requirements ?? []) {
      if (requirement.kind !== 'active_license_in_track' || after.has(requirement.track)) continue;
      const cause = ending.find((r) => input.products.get(r.productId)?.trackKey === requirement.track);
      if (!cause) continue;
      out.push({
        userId,
        ruleId: cause.ruleId,
        productId: license.productId,
        kind: 'dependents_lose_requirement',
        message: `${input.products.get(cause.productId)?.name} is being removed, but the user keeps ${product!.name}, which needs an active license in the ${product!.trackNames[requirement.track] ?? requirement.track} track`,
        details: { dependentAssignmentId: license.assignmentId, removedAssignmentId: cause.assignmentId },
      });
    }
  }
  return out;
}

/** Tracks in which the user has a running license once the plan is applied (grants counted as running). */
function tracksAfter(
  held: readonly HeldLicense[],
  revoked: ReadonlyMap<string, PlannedRevocation[]>,
  grants: readonly PlannedGrant[],
  input: PlanInput,
): Set<string> {
  const tracks = new Set<string>();
  for (const h of held) {
    if (!RUNNING.includes(h.state) && !PENDING.includes(h.state)) continue;
    if (revoked.get(h.assignmentId)?.some((r) => r.endsLicense)) continue;
    const track = input.products.get(h.productId)?.trackKey;
    if (track) tracks.add(track);
  }
  for (const g of grants) {
    const track = input.products.get(g.productId)?.trackKey;
    if (track) tracks.add(track);
  }
  return tracks;
}

function sameExclusiveTrack(productA: string, productB: string, input: PlanInput): boolean {
  const a = input.products.get(productA);
  const b = input.products.get(productB);
  return Boolean(
    a && b && productA !== productB && a.trackKey === b.trackKey && input.tracks.get(a.trackKey)?.exclusive,
  );
}

export function compareRules(a: Rule, b: Rule): number {
  return a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

/** When a grant of the rule starts for a user: never in the past. */
export function effectiveDate(rule: Rule, userCreatedAt: Date, now: Date): Date {
  const policy = rule.activation;
  const at =
    policy.kind === 'on_date'
      ? policy.date
      : policy.kind === 'after_days'
        ? addDays(userCreatedAt, policy.days)
        : now;
  return at > now ? at : now;
}

function groupBy<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
