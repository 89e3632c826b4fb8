import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventLog } from '../events/event-log.js';
import { compileRuleFilter } from './rule-filter.js';
import {
  newRuleSchema,
  ruleChangeSchema,
  type NewRule,
  type Rule,
  type RuleChange,
  type RuleStatus,
} from './rule.js';

interface RuleRow {
  id: string;
  tenant_id: string;
  name: string;
  group_id: string | null;
  filter: string | null;
  product_id: string;
  priority: number;
  activation: Rule['activation'];
  removal_grace_days: number | null;
  pick_numbers: boolean;
  status: RuleStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const toRule = (r: RuleRow): Rule => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  groupId: r.group_id,
  filter: r.filter,
  productId: r.product_id,
  priority: r.priority,
  // jsonb returns the date as a string: the policy's date is a Date everywhere else.
  activation:
    r.activation.kind === 'on_date' ? { kind: 'on_date', date: new Date(r.activation.date) } : r.activation,
  removalGraceDays: r.removal_grace_days,
  pickNumbers: r.pick_numbers,
  status: r.status,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

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
  if (!result.success) {
    throw new DomainError(
      'rule.invalid',
      result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

/**
 * The rules admins edit. Every method runs in the caller's transaction and records an event. A change that
 * alters what active rules grant (activating, retiring, editing an active rule) asks for a reconcile of the
 * tenant in the same transaction; the reconcile job plans it and applies it (rule-engine.ts).
 */
export class RuleService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
    private readonly catalog: CatalogService,
  ) {}

  async list(
    tenantId: string,
    options: { status?: RuleStatus; after?: string; limit: number },
  ): Promise<Rule[]> {
    const q = this.db('license_rules').where({ tenant_id: tenantId }).orderBy('id').limit(options.limit);
    if (options.status) q.where('status', options.status);
    if (options.after) q.where('id', '>', options.after);
    return ((await q) as RuleRow[]).map(toRule);
  }

  /** Active rules, in the order the engine applies them (priority, then age). */
  async active(tenantId: string): Promise<Rule[]> {
    const rows: RuleRow[] = await this.db('license_rules')
      .where({ tenant_id: tenantId, status: 'active' })
      .orderBy([{ column: 'priority' }, { column: 'created_at' }, { column: 'id' }]);
    return rows.map(toRule);
  }

  async get(tenantId: string, id: string): Promise<Rule> {
    const row: RuleRow | undefined = isUuid(id)
      ? await this.db('license_rules').where({ tenant_id: tenantId, id }).first()
      : undefined;
    if (!row) throw notFound('Rule', id);
    return toRule(row);
  }

  async create(tenantId: string, input: NewRule, actor: Actor): Promise<Rule> {
    const data = parse(newRuleSchema, input);
    const values = await this.validated(tenantId, data);
    const [row] = (await this.guardName(data.name, () =>
      this.db('license_rules')
        .insert({ tenant_id: tenantId, ...values, status: data.status })
        .returning('*'),
    )) as RuleRow[];
    const rule = toRule(row!);
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
    const [row] = (await this.guardName(merged.name, () =>
      this.db('license_rules')
        .where({ id })
        .update({ ...values, version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
        .returning('*'),
    )) as RuleRow[];
    const rule = toRule(row!);
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
    const [row] = (await this.db('license_rules')
      .where({ id })
      .update({ status, version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
      .returning('*')) as RuleRow[];
    const rule = toRule(row!);
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
    await this.db('license_rules').where({ id }).delete();
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
  async requestReconcile(tenantId: string, actor: Actor): Promise<void> {
    await this.db('rule_reconcile_requests')
      .insert({ tenant_id: tenantId, requested_by: actor.id ? `${actor.type}:${actor.id}` : actor.type })
      .onConflict('tenant_id')
      .merge({ requested_at: this.db.fn.now() });
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
  ) {
    const product = await this.catalog.getProduct(tenantId, data.product).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found')
        throw new DomainError('rule.invalid', `product: no product ${data.product}`);
      throw error;
    });
    if (data.groupId !== null) {
      const group = await this.db('groups')
        .where({ tenant_id: tenantId, id: data.groupId })
        .whereNull('deleted_at')
        .first('id');
      if (!group) throw new DomainError('rule.invalid', `groupId: no group ${data.groupId}`);
    }
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
    const row: RuleRow | undefined = isUuid(id)
      ? await this.db('license_rules').where({ tenant_id: tenantId, id }).forUpdate().first()
      : undefined;
    if (!row) throw notFound('Rule', id);
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new DomainError(
        'precondition_failed',
        `Rule ${id} is at version ${row.version}, not ${expectedVersion}`,
      );
    }
    return toRule(row);
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
