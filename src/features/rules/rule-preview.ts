import type { Knex } from 'knex';
import { z } from 'zod';
import { DomainError, invalidInput } from '../../domain-error.js';
import type { Product } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { SeatService } from '../seats/seat-service.js';
import { loadFacts, loadPoolCounts, loadUserNames } from './rule-evaluation-data.js';
import type { RuleEngine } from './rule-engine.js';
import type { RulePlan } from './rule-plan.js';
import type { RuleService } from './rule-service.js';
import type { RuleStore } from './rule-store.js';
import { newRuleSchema, ruleChangeSchema, type Rule, type RuleConflict } from './rule.js';

const proposedRuleSchema = newRuleSchema.omit({ status: true }).extend({
  /** The existing rule this entry edits (its grants stay its own); absent: a new rule. */
  id: z.uuid().optional(),
});

export const previewSchema = z
  .object({
    /** The complete proposed set of active rules (rules not listed would be retired). */
    rules: z.array(proposedRuleSchema).max(1000).optional(),
    /** Or one change to today's rules. */
    change: z
      .discriminatedUnion('op', [
        z.object({ op: z.literal('create'), rule: newRuleSchema.omit({ status: true }) }),
        z.object({ op: z.literal('update'), ruleId: z.uuid(), rule: ruleChangeSchema }),
        z.object({ op: z.literal('activate'), ruleId: z.uuid() }),
        z.object({ op: z.literal('retire'), ruleId: z.uuid() }),
      ])
      .optional(),
    /** How many users each list shows (totals are always complete). */
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .refine(
    (p) => (p.rules === undefined) !== (p.change === undefined),
    'give either rules (a whole rule set) or change (one change)',
  );
export type PreviewInput = z.input<typeof previewSchema>;

export interface ProductEffect {
  productId: string;
  productKey: string;
  productName: string;
  /** New licenses (users who do not hold the product yet). */
  add: number;
  /** Grants joining a license the user already has (no new seat). */
  join: number;
  /** Licenses that end (no grant left). */
  remove: number;
  seatsAvailable: number;
  seatShortfall: number;
}

export interface NumberNeed {
  country: string;
  kind: NumberKind;
  needed: number;
  available: number;
  shortfall: number;
}

export interface LostService {
  userId: string;
  userName: string;
  productKey: string;
  /** grant_revoked: the license ends; requirement_lost: it stays but loses a license it needs. */
  reason: 'grant_revoked' | 'requirement_lost';
  ruleId: string | null;
}

/** A user who would get a license they do not hold yet. */
export interface GainedLicense {
  userId: string;
  userName: string;
  productKey: string;
  ruleId: string | null;
}

export interface RulePreview {
  rules: { before: number; after: number };
  products: ProductEffect[];
  gaining: { total: number; items: GainedLicense[] };
  numbers: NumberNeed[];
  losingService: { total: number; items: LostService[] };
  conflicts: {
    total: number;
    byKind: Record<string, number>;
    items: Array<RuleConflict & { userName: string }>;
  };
  massChange: { threshold: number; licensesStopped: number; wouldBeHeld: boolean };
}

/**
 * "What would this rule change do?" — the engine's own plan for the whole tenant under the proposed rules,
 * summarised. It writes nothing: the plan is computed from reads only, so a preview can run on the pool.
 */
export class RulePreviewer {
  constructor(
    private readonly db: Knex,
    private readonly store: RuleStore,
    private readonly rules: RuleService,
    private readonly engine: RuleEngine,
    private readonly catalog: CatalogService,
    private readonly seats: SeatService,
  ) {}

  async preview(tenantId: string, input: PreviewInput): Promise<RulePreview> {
    const parsed = previewSchema.safeParse(input);
    if (!parsed.success) throw invalidInput('rule.invalid', parsed.error.issues);
    const current = await this.rules.active(tenantId);
    const proposed = await this.proposedRules(tenantId, current, parsed.data);
    const plan = await this.engine.plan(tenantId, proposed, null);
    return this.summarise(tenantId, plan, current.length, proposed.length, parsed.data.limit);
  }

  private async proposedRules(
    tenantId: string,
    current: Rule[],
    input: z.output<typeof previewSchema>,
  ): Promise<Rule[]> {
    if (input.rules) {
      const out: Rule[] = [];
      for (const { id, ...rule } of input.rules)
        out.push(
          await this.rules.proposed(tenantId, rule, id ? await this.rules.get(tenantId, id) : undefined),
        );
      return out;
    }
    const change = input.change!;
    switch (change.op) {
      case 'create':
        return [...current, await this.rules.proposed(tenantId, change.rule)];
      case 'update': {
        const base = await this.rules.get(tenantId, change.ruleId);
        const edited = await this.rules.proposed(tenantId, change.rule, base);
        return base.status === 'active' ? current.map((r) => (r.id === base.id ? edited : r)) : current;
      }
      case 'activate': {
        const rule = await this.rules.get(tenantId, change.ruleId);
        if (rule.status === 'retired')
          throw new DomainError('rule.invalid_state', 'A retired rule cannot become active');
        return rule.status === 'active' ? current : [...current, { ...rule, status: 'active' }];
      }
      case 'retire':
        await this.rules.get(tenantId, change.ruleId);
        return current.filter((r) => r.id !== change.ruleId);
    }
  }

  private async summarise(
    tenantId: string,
    plan: RulePlan,
    before: number,
    after: number,
    limit: number,
  ): Promise<RulePreview> {
    const products = new Map((await this.catalog.listProducts(tenantId)).map((p) => [p.id, p]));
    const inventory = new Map(
      (await this.seats.inventory(tenantId)).map((l) => [l.productId, l.availableNow]),
    );
    const effects = new Map<string, ProductEffect>();
    const effect = (productId: string) => {
      let e = effects.get(productId);
      if (!e) {
        const p = products.get(productId)!;
        e = {
          productId,
          productKey: p.key,
          productName: p.name,
          add: 0,
          join: 0,
          remove: 0,
          seatsAvailable: inventory.get(productId) ?? 0,
          seatShortfall: 0,
        };
        effects.set(productId, e);
      }
      return e;
    };
    const fresh = new Set<string>();
    const gained: Array<{ userId: string; productId: string; ruleId: string | null }> = [];
    for (const g of plan.grants) {
      if (g.assignmentId) effect(g.productId).join += 1;
      else if (!fresh.has(`${g.userId}|${g.productId}`)) {
        fresh.add(`${g.userId}|${g.productId}`);
        effect(g.productId).add += 1;
        gained.push({ userId: g.userId, productId: g.productId, ruleId: g.ruleId });
      }
    }
    const ending = new Map<string, (typeof plan.revocations)[number]>();
    for (const r of plan.revocations) if (r.endsLicense) ending.set(r.assignmentId, r);
    for (const r of ending.values()) effect(r.productId).remove += 1;
    for (const e of effects.values()) e.seatShortfall = Math.max(0, e.add - e.seatsAvailable);

    const listedGains = gained.slice(0, limit);
    const userNames = await this.userNames(tenantId, plan, listedGains);
    const lost: LostService[] = [];
    for (const r of ending.values()) {
      if (r.stopsService)
        lost.push({
          userId: r.userId,
          userName: userNames.get(r.userId) ?? '',
          productKey: products.get(r.productId)!.key,
          reason: 'grant_revoked',
          ruleId: r.ruleId,
        });
    }
    for (const c of plan.conflicts) {
      if (c.kind !== 'dependents_lose_requirement') continue;
      lost.push({
        userId: c.userId,
        userName: userNames.get(c.userId) ?? '',
        productKey: products.get(c.productId!)!.key,
        reason: 'requirement_lost',
        ruleId: c.ruleId,
      });
    }
    const byKind: Record<string, number> = {};
    for (const c of plan.conflicts) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    const threshold = await this.store.massChangeThreshold(tenantId);
    const stopped = [...ending.values()].filter((r) => r.stopsService).length;
    return {
      rules: { before, after },
      products: [...effects.values()].sort((a, b) => a.productKey.localeCompare(b.productKey)),
      gaining: {
        total: gained.length,
        items: listedGains.map((g) => ({
          userId: g.userId,
          userName: userNames.get(g.userId) ?? '',
          productKey: products.get(g.productId)!.key,
          ruleId: g.ruleId,
        })),
      },
      numbers: await this.numberNeeds(tenantId, plan, products),
      losingService: { total: lost.length, items: lost.slice(0, limit) },
      conflicts: {
        total: plan.conflicts.length,
        byKind,
        items: plan.conflicts.slice(0, limit).map((c) => ({ ...c, userName: userNames.get(c.userId) ?? '' })),
      },
      massChange: { threshold, licensesStopped: stopped, wouldBeHeld: stopped > threshold },
    };
  }

  /** Numbers the new licenses take from the pool (users lacking the kind their product needs), per country. */
  private async numberNeeds(
    tenantId: string,
    plan: RulePlan,
    products: ReadonlyMap<string, Product>,
  ): Promise<NumberNeed[]> {
    const wanting = plan.grants.filter((g) => g.assignmentId === null && g.pickNumbers);
    const facts = await loadFacts(this.db, tenantId, [...new Set(wanting.map((g) => g.userId))]);
    const needs = new Map<string, Set<string>>();
    for (const g of wanting) {
      const f = facts.get(g.userId);
      if (!f) continue;
      for (const r of products.get(g.productId)?.requirements ?? []) {
        const kind: NumberKind | null =
          r.kind === 'fixed_number' ? 'fixed' : r.kind === 'mobile_number' ? 'mobile' : null;
        if (!kind || f.numberKinds.has(kind)) continue;
        const k = `${f.country}|${kind}`;
        needs.set(k, (needs.get(k) ?? new Set()).add(g.userId));
      }
    }
    if (needs.size === 0) return [];
    const pool = await loadPoolCounts(this.db, tenantId);
    return [...needs]
      .map(([k, users]) => {
        const [country, kind] = k.split('|') as [string, NumberKind];
        const available = pool.find((p) => p.country === country && p.kind === kind)?.available ?? 0;
        return {
          country,
          kind,
          needed: users.size,
          available,
          shortfall: Math.max(0, users.size - available),
        };
      })
      .sort((a, b) => a.country.localeCompare(b.country) || a.kind.localeCompare(b.kind));
  }

  private async userNames(
    tenantId: string,
    plan: RulePlan,
    gains: ReadonlyArray<{ userId: string }>,
  ): Promise<Map<string, string>> {
    const ids = [
      ...new Set([
        ...plan.revocations.map((r) => r.userId),
        ...plan.conflicts.map((c) => c.userId),
        ...gains.map((g) => g.userId),
      ]),
    ];
    return loadUserNames(this.db, tenantId, ids);
  }
}
