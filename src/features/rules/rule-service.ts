import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, invalidInput, notFound } from '../../domain-error.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventLog } from '../events/event-log.js';
import { compileRuleFilter } from './rule-filter.js';
import type { RuleStore, RuleValues } from './rule-store.js';
import {
  newRuleSchema,
  ruleChangeSchema,
  type NewRule,
  type Rule,
  type RuleChange,
  type RuleStatus,
} from './rule.js';

/** Status changes an admin may make; retiring is final (a retired rule's grants are revoked). */
const NEXT_STATUS: Record<RuleStatus, RuleStatus[]> = {
  draft: ['active', 'retired'],
  active: ['retired'],
  retired: [],
};

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput('rule.invalid', result.error.issues);
  return result.data;
}

/**
 * The rules admins edit. Every method runs in the caller's transaction and records an event. A change that
 * alters what active rules grant (activating, retiring, editing an active rule) asks for a reconcile of the
 * tenant in the same transaction; the reconcile job plans it and applies it (rule-engine.ts).
 */
export class RuleService {
  constructor(
    private readonly store: RuleStore,
    private readonly events: EventLog,
    private readonly catalog: CatalogService,
  ) {}

  list(tenantId: string, options: { status?: RuleStatus; after?: string; limit: number }): Promise<Rule[]> {
    return this.store.list(tenantId, options);
  }

  /** Active rules, in the order the engine applies them (priority, then age). */
  active(tenantId: string): Promise<Rule[]> {
    return this.store.active(tenantId);
  }

  async get(tenantId: string, id: string): Promise<Rule> {
    const rule = await this.store.find(tenantId, id);
    if (!rule) throw notFound('Rule', id);
    return rule;
  }

  async create(tenantId: string, input: NewRule, actor: Actor): Promise<Rule> {
    const data = parse(newRuleSchema, input);
    const values = await this.validated(tenantId, data);
    const rule = await this.guardName(data.name, () => this.store.insert(tenantId, values, data.status));
    await this.recordChange(tenantId, actor, 'rule.created', null, rule);
    return rule;
  }

  async update(
    tenantId: string,
    id: string,
    input: RuleChange,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<Rule> {
    const data = parse(ruleChangeSchema, input);
    const current = await this.lock(tenantId, id, expectedVersion);
    if (current.status === 'retired')
      throw new DomainError('rule.invalid_state', 'A retired rule cannot be edited; create a new one');
    const merged = mergeRule(data, current);
    const values = await this.validated(tenantId, merged);
    const rule = await this.guardName(merged.name, () => this.store.update(current.id, values));
    await this.recordChange(tenantId, actor, 'rule.updated', current, rule);
    return rule;
  }

  async setStatus(
    tenantId: string,
    id: string,
    status: RuleStatus,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<Rule> {
    const current = await this.lock(tenantId, id, expectedVersion);
    if (current.status === status) return current;
    if (!NEXT_STATUS[current.status].includes(status)) {
      throw new DomainError('rule.invalid_state', `A ${current.status} rule cannot become ${status}`);
    }
    if (status === 'active' && current.groupId === null) {
      throw new DomainError(
        'rule.invalid_state',
        'The rule has no source group (it was deleted); set groupId first',
      );
    }
    const rule = await this.store.update(current.id, { status });
    await this.recordChange(
      tenantId,
      actor,
      status === 'active' ? 'rule.activated' : 'rule.retired',
      current,
      rule,
    );
    return rule;
  }

  /** Only a draft can be deleted: an active or retired rule is part of the history of the licenses it granted. */
  async delete(tenantId: string, id: string, actor: Actor): Promise<void> {
    const current = await this.lock(tenantId, id, undefined);
    if (current.status !== 'draft')
      throw new DomainError(
        'rule.invalid_state',
        `A ${current.status} rule cannot be deleted; retire it instead`,
      );
    await this.store.delete(current.id);
    await this.events.append({
      tenantId,
      actor,
      action: 'rule.deleted',
      entityType: 'rule',
      entityId: id,
      before: snapshot(current),
    });
  }

  /**
   * A rule as it would be with `input` (a new rule, or `base` edited), validated like a write but not written:
   * what a preview evaluates. New rules get a fresh id, so none of today's grants is theirs.
   */
  async proposed(tenantId: string, input: NewRule | RuleChange, base?: Rule): Promise<Rule> {
    const data = base ? parse(ruleChangeSchema, input) : parse(newRuleSchema, input);
    const merged = mergeRule(data, base);
    const values = await this.validated(tenantId, merged);
    const now = new Date();
    return {
      id: base?.id ?? randomUUID(),
      tenantId,
      name: merged.name,
      groupId: merged.groupId,
      filter: values.filter,
      productId: values.product_id,
      priority: merged.priority,
      activation: merged.activation,
      removalGraceDays: merged.removalGraceDays,
      pickNumbers: merged.pickNumbers,
      status: 'active',
      version: base?.version ?? 1,
      createdAt: base?.createdAt ?? now,
      updatedAt: now,
    };
  }

  /**
   * Records a rule change (its event) and, when an active rule is involved before or after it, asks for the
   * reconcile that applies it: what active rules grant changed. Drafts change nothing until activated.
   */
  private async recordChange(
    tenantId: string,
    actor: Actor,
    action: EventActionOf<'rule'>,
    before: Rule | null,
    after: Rule,
  ): Promise<void> {
    await this.events.append({
      tenantId,
      actor,
      action,
      entityType: 'rule',
      entityId: after.id,
      ...(before ? { before: snapshot(before) } : {}),
      after: snapshot(after),
    });
    if (before?.status === 'active' || after.status === 'active')
      await this.requestReconcile(tenantId, actor);
  }

  /** Asks the reconcile job to recompute the tenant; several requests before it runs make one reconcile. */
  requestReconcile(tenantId: string, actor: Actor): Promise<void> {
    return this.store.requestReconcile(tenantId, actor.id ? `${actor.type}:${actor.id}` : actor.type);
  }

  /** Resolves the product, checks the group and the filter; returns the row's columns. */
  private async validated(
    tenantId: string,
    data: {
      name: string;
      groupId: string | null;
      filter?: string | null | undefined;
      product: string;
      priority: number;
      activation: Rule['activation'];
      removalGraceDays?: number | null | undefined;
      pickNumbers: boolean;
    },
  ): Promise<RuleValues> {
    const product = await this.catalog.getProduct(tenantId, data.product).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found')
        throw new DomainError('rule.invalid', `product: no product ${data.product}`, undefined, [
          { path: ['product'], message: `no product ${data.product}` },
        ]);
      throw error;
    });
    if (data.groupId !== null && !(await this.store.groupExists(tenantId, data.groupId)))
      throw new DomainError('rule.invalid', `groupId: no group ${data.groupId}`, undefined, [
        { path: ['groupId'], message: `no group ${data.groupId}` },
      ]);
    const filter = data.filter ?? null;
    if (filter !== null) compileRuleFilter(filter);
    return {
      name: data.name,
      group_id: data.groupId,
      filter,
      product_id: product.id,
      priority: data.priority,
      activation: JSON.stringify(data.activation),
      removal_grace_days: data.removalGraceDays ?? null,
      pick_numbers: data.pickNumbers,
    };
  }

  private async lock(tenantId: string, id: string, expectedVersion: number | undefined): Promise<Rule> {
    const rule = await this.store.find(tenantId, id, { forUpdate: true });
    if (!rule) throw notFound('Rule', id);
    if (expectedVersion !== undefined && expectedVersion !== rule.version) {
      throw new DomainError(
        'precondition_failed',
        `Rule ${id} is at version ${rule.version}, not ${expectedVersion}`,
      );
    }
    return rule;
  }

  private async guardName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('uniqueness', `A rule named ${name} already exists`);
      throw error;
    }
  }
}

/** A rule's fields after a change: what the change names, else the base rule's (or the defaults of a new rule). */
function mergeRule(data: z.output<typeof ruleChangeSchema>, base?: Rule) {
  return {
    name: data.name ?? base?.name ?? '',
    groupId: data.groupId ?? base?.groupId ?? null,
    filter: data.filter !== undefined ? data.filter : (base?.filter ?? null),
    product: data.product ?? base?.productId ?? '',
    priority: data.priority ?? base?.priority ?? 100,
    activation: data.activation ?? base?.activation ?? { kind: 'now' as const },
    removalGraceDays:
      data.removalGraceDays !== undefined ? data.removalGraceDays : (base?.removalGraceDays ?? null),
    pickNumbers: data.pickNumbers ?? base?.pickNumbers ?? false,
  };
}

function snapshot(rule: Rule) {
  const {
    name,
    groupId,
    filter,
    productId,
    priority,
    activation,
    removalGraceDays,
    pickNumbers,
    status,
    version,
  } = rule;
  return {
    name,
    groupId,
    filter,
    productId,
    priority,
    activation,
    removalGraceDays,
    pickNumbers,
    status,
    version,
  };
}
