import type { Knex } from 'knex';
import { DomainError } from '../../domain-error.js';
import type { AssignmentService } from '../assignments/assignment-service.js';
import { GRANTABLE_STATES } from '../assignments/assignment-states.js';
import type { Product, Track } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Actor } from '../events/event-log.js';
import type { Reactions } from '../reactions.js';
import { loadFacts, loadHeld, loadMatches } from './rule-evaluation-data.js';
import { holdKey, type RuleHolds } from './rule-holds.js';
import {
  addRequirementConflicts,
  planRules,
  usersWithNewLicenses,
  type PlannedGrant,
  type PlannedRevocation,
  type RulePlan,
} from './rule-plan.js';
import type { RuleService } from './rule-service.js';
import type { RuleStore } from './rule-store.js';
import type { HoldStatus, Rule, RuleConflict } from './rule.js';

/**
 * Up to this many users, a change is evaluated in its own transaction (the SCIM request that made it); a
 * larger one (a group replaced wholesale, the first Entra sync of a big group) is queued in that transaction
 * and evaluated by the evaluate-rule-queue job, so a request never carries thousands of license changes.
 */
export const INLINE_EVALUATION_LIMIT = 200;

export interface EvaluationSummary {
  users: number;
  granted: number;
  revoked: number;
  /** Removals written to the pending hold instead of applied. */
  held: number;
  conflicts: number;
  holdId: string | null;
}

export interface ReconcileSummary {
  users: number;
  grants: number;
  revocations: number;
  queued: number;
  held: number;
  holdId: string | null;
}

const ruleActor = (ruleId: string): Actor => ({ type: 'rule_engine', id: ruleId });

/**
 * Turns group membership into license grants (DESIGN.md "Rule"). The decision is the pure planRules(); this
 * class loads its inputs, applies its outcome through AssignmentService, and keeps holds and conflicts.
 *
 * Incremental evaluation runs inside the transaction of the change (a SCIM PATCH adding a member commits
 * with its license, or not at all: there is no window in which the two disagree and no queue to lose), and
 * serialises per user with a transaction-scoped advisory lock, so two concurrent changes to one user's groups
 * are decided one after the other, the second seeing the first's membership. Changes too large for a request
 * are queued durably in the same transaction instead (INLINE_EVALUATION_LIMIT).
 *
 * Each grant and revocation is applied in its own savepoint: one product short of seats, or one user whose
 * numbers cannot be picked, does not stop the others; the failure is kept as a `grant_failed` conflict.
 */
export class RuleEngine {
  constructor(
    private readonly db: Knex,
    private readonly store: RuleStore,
    private readonly rules: RuleService,
    private readonly holds: RuleHolds,
    private readonly catalog: CatalogService,
    /**
     * AssignmentService on a savepoint, whose user changes are announced to `userChanged` (the engine's own
     * recorder) instead of to the rules engine: see evaluateUsers.
     */
    private readonly assignmentsOn: (db: Knex, userChanged: Reactions['userChanged']) => AssignmentService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // ---------------------------------------------------------------- triggers (in the change's transaction)

  /** Members were added to or removed from a group: only rules sourced from that group can change anything. */
  async membershipChanged(
    tenantId: string,
    groupId: string,
    userIds: readonly string[],
    actor: Actor,
  ): Promise<void> {
    if (userIds.length === 0) return;
    if (await this.store.hasActiveRuleForGroup(tenantId, groupId))
      await this.evaluateOrQueue(tenantId, userIds, actor);
  }

  /** A user's attributes changed or they were reactivated: rules of their groups may now (not) select them. */
  async userChanged(tenantId: string, userId: string, actor: Actor): Promise<void> {
    if (await this.store.hasActiveRuleForUser(tenantId, userId))
      await this.evaluateOrQueue(tenantId, [userId], actor);
  }

  private async evaluateOrQueue(tenantId: string, userIds: readonly string[], actor: Actor): Promise<void> {
    if (userIds.length > INLINE_EVALUATION_LIMIT) await this.enqueue(tenantId, userIds);
    else await this.evaluateUsers(tenantId, userIds, actor);
  }

  /** Queues users for the evaluate-rule-queue job (durably, in the caller's transaction). */
  enqueue(tenantId: string, userIds: readonly string[]): Promise<void> {
    return this.store.enqueue(tenantId, userIds);
  }

  // ---------------------------------------------------------------- evaluation

  /** Decides and applies the rules for these users, in the caller's transaction. */
  async evaluateUsers(
    tenantId: string,
    userIds: readonly string[],
    actor: Actor,
  ): Promise<EvaluationSummary> {
    const ids = [...new Set(userIds)].sort();
    await this.store.lockUsers(ids);
    const rules = await this.rules.active(tenantId);
    const changed = new Set<string>();
    const summary = await this.apply(tenantId, await this.plan(tenantId, rules, ids), ids, actor, changed);
    // Applying grants can change the users themselves (numbers picked for a `pickNumbers` grant, or released
    // with a license): their rules decide once more now, after the first decision is applied, rather than
    // in a second evaluation started inside the first. Whatever this round changes is not chased further.
    const again = [...changed].sort();
    if (again.length > 0)
      await this.apply(tenantId, await this.plan(tenantId, rules, again), again, actor, new Set());
    return summary;
  }

  /**
   * What the rules want against what users hold (read-only). `userIds` null: the whole tenant. Requirement
   * facts are read only for users who get a new license, so a reconcile with nothing to do reads no profile.
   */
  async plan(tenantId: string, rules: readonly Rule[], userIds: readonly string[] | null): Promise<RulePlan> {
    const { products, tracks } = await this.catalogOf(tenantId);
    const matches = await loadMatches(this.db, tenantId, rules, userIds);
    const held = await loadHeld(this.db, tenantId, userIds);
    const now = this.clock();
    const input = { rules, products, tracks, matches, held, now };
    const plan = planRules(input);
    const needFacts = usersWithNewLicenses(plan, products);
    if (needFacts.length === 0) return plan;
    const facts = await loadFacts(this.db, tenantId, needFacts);
    addRequirementConflicts(plan, input, (userId) => facts.get(userId));
    return plan;
  }

  /** Applies a plan for `userIds`: grants, allowed revocations (the rest held), and the users' conflicts. */
  private async apply(
    tenantId: string,
    plan: RulePlan,
    userIds: readonly string[],
    actor: Actor,
    changedUsers: Set<string>,
  ): Promise<EvaluationSummary> {
    const assignmentsOn = (db: Knex) =>
      this.assignmentsOn(db, async (_tenantId, userId) => {
        changedUsers.add(userId);
      });
    const decisions = await this.holds.decisionsFor(tenantId, userIds);
    const split = await this.splitRevocations(tenantId, plan, decisions);
    const conflicts = [...plan.conflicts];
    const summary: EvaluationSummary = {
      users: userIds.length,
      granted: 0,
      revoked: 0,
      held: split.toHold.length,
      conflicts: 0,
      holdId: null,
    };

    if (split.toHold.length > 0) {
      summary.holdId = await this.holds.hold(
        tenantId,
        split.toHold,
        split.threshold,
        `rule evaluation (${describe(actor)})`,
        actor,
      );
    }
    // Grants first: a grant that supersedes a pending license of the same exclusive track takes its place.
    for (const grant of plan.grants) {
      const failure = await savepoint(this.db, (db) => this.applyGrant(db, assignmentsOn, tenantId, grant));
      if (failure) conflicts.push(grantFailed(grant.userId, grant.ruleId, grant.productId, failure));
      else summary.granted += 1;
    }
    for (const revocation of split.toApply) {
      const failure = await savepoint(this.db, (db) =>
        assignmentsOn(db).revokeGrant(
          tenantId,
          revocation.assignmentId,
          { kind: 'rule', ruleId: revocation.ruleId },
          { graceDays: revocation.graceDays },
          ruleActor(revocation.ruleId),
        ),
      );
      if (failure)
        conflicts.push(grantFailed(revocation.userId, revocation.ruleId, revocation.productId, failure));
      else summary.revoked += 1;
    }
    // Decisions are kept only while the grant they are about is still unwanted.
    const unwanted = new Set(plan.revocations.map((r) => holdKey(r.userId, r.ruleId)));
    const settled = [...decisions.keys()].filter((k) => !unwanted.has(k) || split.approvedApplied.has(k));
    await this.holds.forget(tenantId, settled.map(splitKey), ['approved', 'rejected']);
    summary.conflicts = conflicts.length;
    await this.store.replaceConflicts(tenantId, userIds, conflicts);
    return summary;
  }

  /**
   * Which revocations apply now: those an admin approved, and the rest unless the licenses they would stop
   * exceed the tenant's mass-change threshold (then those wait in the pending hold). Revocations already
   * pending or rejected are left alone.
   */
  private async splitRevocations(
    tenantId: string,
    plan: RulePlan,
    decisions: ReadonlyMap<string, HoldStatus>,
  ) {
    const threshold = await this.store.massChangeThreshold(tenantId);
    const approvedApplied = new Set<string>();
    const fresh: PlannedRevocation[] = [];
    const toApply: PlannedRevocation[] = [];
    for (const r of plan.revocations) {
      const decision = decisions.get(holdKey(r.userId, r.ruleId));
      if (decision === 'pending' || decision === 'rejected') continue;
      if (decision === 'approved') {
        approvedApplied.add(holdKey(r.userId, r.ruleId));
        toApply.push(r);
      } else fresh.push(r);
    }
    const stopping = new Set(fresh.filter((r) => r.stopsService).map((r) => r.assignmentId));
    if (stopping.size <= threshold)
      return {
        toApply: [...toApply, ...fresh],
        toHold: [] as PlannedRevocation[],
        approvedApplied,
        threshold,
      };
    return {
      toApply: [...toApply, ...fresh.filter((r) => !stopping.has(r.assignmentId))],
      toHold: fresh.filter((r) => stopping.has(r.assignmentId)),
      approvedApplied,
      threshold,
    };
  }

  private async applyGrant(
    db: Knex,
    assignmentsOn: (db: Knex) => AssignmentService,
    tenantId: string,
    grant: PlannedGrant,
  ): Promise<void> {
    const assignments = assignmentsOn(db);
    const ruleGrant = { kind: 'rule' as const, ruleId: grant.ruleId };
    const actor = ruleActor(grant.ruleId);
    if (grant.assignmentId && grant.assignmentState && GRANTABLE_STATES.includes(grant.assignmentState)) {
      await assignments.attachGrant(tenantId, grant.assignmentId, ruleGrant, actor);
      return;
    }
    const immediate = grant.effectiveAt <= this.clock();
    const request = {
      userIds: [grant.userId],
      product: grant.productId,
      effectiveAt: grant.effectiveAt,
      grant: ruleGrant,
    };
    if (!(grant.pickNumbers && immediate)) {
      await assignments.assign(tenantId, request, actor);
      return;
    }
    // Numbers from the pool; when the pool has none for the user's country the license still waits, blocked
    // on the missing number, and activates by itself once one is assigned.
    const picked = await savepoint(db, (sp) =>
      assignmentsOn(sp).assign(tenantId, { ...request, numbers: { pickFromPool: true } }, actor),
    );
    if (picked) await assignments.assign(tenantId, request, actor);
  }

  // ---------------------------------------------------------------- reconcile and queue (jobs)

  /**
   * Recomputes the whole tenant. The plan is made for everyone first, so the mass-change threshold judges the
   * whole change (a retired rule revoking 10k licenses is held as one decision, not applied in small batches
   * that each pass the threshold); then users with something to change are queued for the evaluate job.
   */
  async reconcileTenant(tenantId: string, actor: Actor): Promise<ReconcileSummary> {
    const rules = await this.rules.active(tenantId);
    const plan = await this.plan(tenantId, rules, null);
    const decisions = await this.holds.decisionsFor(tenantId, null);
    const split = await this.splitRevocations(tenantId, plan, decisions);
    let holdId: string | null = null;
    if (split.toHold.length > 0)
      holdId = await this.holds.hold(
        tenantId,
        split.toHold,
        split.threshold,
        `rule reconcile (${describe(actor)})`,
        actor,
      );
    const stored = await this.storedConflictKeys(tenantId);
    const planned = new Map<string, Set<string>>();
    for (const c of plan.conflicts)
      planned.set(c.userId, (planned.get(c.userId) ?? new Set()).add(conflictKey(c)));
    const owed = new Set<string>([
      ...plan.grants.map((g) => g.userId),
      ...split.toApply.map((r) => r.userId),
    ]);
    for (const userId of new Set([...stored.keys(), ...planned.keys()])) {
      if (!sameSet(stored.get(userId), planned.get(userId))) owed.add(userId);
    }
    await this.enqueue(tenantId, [...owed]);
    return {
      users: plan.userIds.length,
      grants: plan.grants.length,
      revocations: plan.revocations.length,
      queued: owed.size,
      held: split.toHold.length,
      holdId,
    };
  }

  /** Evaluates up to `limit` queued users (claimed with SKIP LOCKED: workers never share a row). */
  async drainQueue(limit: number, actor: Actor): Promise<number> {
    const rows = await this.store.claimQueued(limit);
    for (const tenantId of [...new Set(rows.map((r) => r.tenantId))].sort()) {
      await this.evaluateUsers(
        tenantId,
        rows.filter((r) => r.tenantId === tenantId).map((r) => r.userId),
        actor,
      );
    }
    return rows.length;
  }

  /** Claims one tenant's reconcile request and runs it; returns how many requests it handled (0 or 1). */
  async reconcileRequested(actor: Actor): Promise<number> {
    const tenantId = await this.store.claimReconcileRequest();
    if (tenantId === null) return 0;
    await this.reconcileTenant(tenantId, actor);
    return 1;
  }

  // ---------------------------------------------------------------- holds

  async decideHold(tenantId: string, holdId: string, decision: 'approved' | 'rejected', actor: Actor) {
    const { hold, userIds } = await this.holds.decide(tenantId, holdId, decision, actor);
    // Approved removals are applied by the evaluate job (a hold can be large); rejected ones need nothing.
    if (decision === 'approved') await this.enqueue(tenantId, userIds);
    return hold;
  }

  // ---------------------------------------------------------------- internals

  private async catalogOf(
    tenantId: string,
  ): Promise<{ products: Map<string, Product>; tracks: Map<string, Track> }> {
    const [products, tracks] = [
      await this.catalog.listProducts(tenantId),
      await this.catalog.listTracks(tenantId),
    ];
    return {
      products: new Map(products.map((p) => [p.id, p])),
      tracks: new Map(tracks.map((t) => [t.key, t])),
    };
  }

  private async storedConflictKeys(tenantId: string): Promise<Map<string, Set<string>>> {
    const byUser = new Map<string, Set<string>>();
    for (const c of await this.store.allConflicts(tenantId))
      byUser.set(c.userId, (byUser.get(c.userId) ?? new Set()).add(conflictKey(c)));
    return byUser;
  }
}

/**
 * Runs `work` in a savepoint; returns a domain failure's message (the savepoint rolled back), or null when it
 * committed. Anything else is a bug or an outage and fails the whole evaluation.
 */
async function savepoint(db: Knex, work: (db: Knex) => Promise<unknown>): Promise<string | null> {
  try {
    await db.transaction((sp) => work(sp));
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

function grantFailed(userId: string, ruleId: string, productId: string, message: string): RuleConflict {
  return { userId, ruleId, productId, kind: 'grant_failed', message };
}

const conflictKey = (c: Pick<RuleConflict, 'kind' | 'ruleId' | 'productId'>) =>
  `${c.kind}|${c.ruleId ?? ''}|${c.productId ?? ''}`;

const splitKey = (k: string) => {
  const [userId, ruleId] = k.split('|') as [string, string];
  return { userId, ruleId };
};

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  const x = a ?? new Set<string>();
  const y = b ?? new Set<string>();
  return x.size === y.size && [...x].every((k) => y.has(k));
}

function describe(actor: Actor): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}
