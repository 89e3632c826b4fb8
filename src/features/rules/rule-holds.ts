import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { HoldKey, RuleHoldStore } from './rule-hold-store.js';
import type { PlannedRevocation } from './rule-plan.js';
import type { HoldItem, HoldStatus, RuleHold } from './rule.js';

export const holdKey = (userId: string, ruleId: string) => `${userId}|${ruleId}`;

/**
 * Mass-change protection for rule-driven removals (DESIGN.md "Deprovisioning and safety"). Removals that
 * would stop more licenses than the tenant's threshold are written here instead of applied; one pending hold
 * per tenant collects them. Approving lets the next evaluation apply them; rejecting keeps the licenses, and
 * the rejected removals are not proposed again while the grant stays unwanted (when a rule wants the grant
 * again, the item is dropped, so a later removal is judged afresh).
 */
export class RuleHolds {
  constructor(
    private readonly store: RuleHoldStore,
    private readonly events: EventLog,
  ) {}

  /** Hold decisions that apply to these users' rule grants, by user|rule. */
  async decisionsFor(tenantId: string, userIds: readonly string[] | null): Promise<Map<string, HoldStatus>> {
    const decisions = new Map<string, HoldStatus>();
    // A pending decision outranks an older approval or rejection of the same grant.
    for (const r of await this.store.itemStatuses(tenantId, userIds))
      if (decisions.get(holdKey(r.userId, r.ruleId)) !== 'pending')
        decisions.set(holdKey(r.userId, r.ruleId), r.status);
    return decisions;
  }

  /** Adds removals to the tenant's pending hold (creating it); returns its id. */
  async hold(
    tenantId: string,
    removals: readonly PlannedRevocation[],
    threshold: number,
    cause: string,
    actor: Actor,
  ): Promise<string> {
    let holdId = await this.store.lockPending(tenantId);
    if (!holdId) {
      holdId = await this.store.insert(tenantId, cause, threshold);
      await this.events.append({
        tenantId,
        actor,
        action: 'rule_hold.created',
        entityType: 'rule_hold',
        entityId: holdId,
        after: { cause, threshold },
      });
    }
    await this.store.addItems(tenantId, holdId, removals);
    await this.events.append({
      tenantId,
      actor,
      action: 'rule_hold.removals_added',
      entityType: 'rule_hold',
      entityId: holdId,
      after: { removals: removals.length },
    });
    return holdId;
  }

  /** Forgets decisions about grants the rules want again, or that are gone. */
  forget(tenantId: string, keys: readonly HoldKey[], statuses: HoldStatus[]): Promise<void> {
    return this.store.deleteItems(tenantId, keys, statuses);
  }

  list(
    tenantId: string,
    options: { status?: HoldStatus; limit: number; after?: string },
  ): Promise<RuleHold[]> {
    return this.store.list(tenantId, options);
  }

  async get(tenantId: string, id: string): Promise<RuleHold> {
    const hold = isUuid(id) ? await this.store.find(tenantId, id) : undefined;
    if (!hold) throw notFound('Hold', id);
    return hold;
  }

  items(tenantId: string, holdId: string, options: { limit: number; after?: string }): Promise<HoldItem[]> {
    return this.store.items(tenantId, holdId, options);
  }

  /** Approves or rejects a pending hold; returns the users whose evaluation is now owed. */
  async decide(
    tenantId: string,
    id: string,
    decision: 'approved' | 'rejected',
    actor: Actor,
  ): Promise<{ hold: RuleHold; userIds: string[] }> {
    const status = isUuid(id) ? await this.store.lockStatus(tenantId, id) : undefined;
    if (!status) throw notFound('Hold', id);
    if (status !== 'pending')
      throw new DomainError('rule_hold.invalid_state', `The hold is already ${status}`);
    await this.store.setDecision(id, decision, actor.id ? `${actor.type}:${actor.id}` : actor.type);
    await this.events.append({
      tenantId,
      actor,
      action: `rule_hold.${decision}`,
      entityType: 'rule_hold',
      entityId: id,
      after: { status: decision },
    });
    return { hold: await this.get(tenantId, id), userIds: await this.store.userIds(id) };
  }
}
