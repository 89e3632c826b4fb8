import type { Knex } from 'knex';
import type { Assignment, Grant } from '../assignments/assignment.js';
import type { AssignmentService } from '../assignments/assignment-service.js';
import { loadMatches } from './rule-evaluation-data.js';
import type { RuleService } from './rule-service.js';
import type { Rule, RuleConflict } from './rule.js';

export interface GrantExplanation extends Grant {
  rule?: Rule & { group: { id: string; displayName: string; deleted: boolean } | null };
  /** For a rule grant: whether the rule still selects the user (false: the next evaluation revokes it, or a hold keeps it). */
  stillMatches?: boolean;
}

export interface Explanation {
  assignment: Assignment;
  grants: GrantExplanation[];
  /** What the rules could not honour for this user and product at the last evaluation. */
  conflicts: Array<{ kind: string; ruleId: string | null; message: string; detectedAt: Date }>;
}

export interface StoredConflict extends RuleConflict {
  id: string;
  userName: string;
  detectedAt: Date;
}

/** Read models of the rules engine: why a license exists, and what the rules could not honour. */
export class RuleReports {
  constructor(
    private readonly db: Knex,
    private readonly assignments: AssignmentService,
    private readonly rules: RuleService,
  ) {}

  /** A page of the tenant's conflicts, newest evaluation last (keyset on the conflict id). */
  async conflicts(
    tenantId: string,
    options: {
      kind?: RuleConflict['kind'] | undefined;
      userId?: string | undefined;
      ruleId?: string | undefined;
      after?: string | undefined;
      limit: number;
    },
  ): Promise<StoredConflict[]> {
    const q = this.db({ c: 'rule_conflicts' })
      .join({ u: 'users' }, 'u.id', 'c.user_id')
      .where('c.tenant_id', tenantId)
      .orderBy('c.id')
      .limit(options.limit)
      .select('c.*', { user_name: 'u.user_name' });
    if (options.kind) q.where('c.kind', options.kind);
    if (options.userId) q.where('c.user_id', options.userId);
    if (options.ruleId) q.where('c.rule_id', options.ruleId);
    if (options.after) q.where('c.id', '>', options.after);
    const rows: Array<{
      id: string;
      user_id: string;
      user_name: string;
      rule_id: string | null;
      product_id: string | null;
      kind: RuleConflict['kind'];
      message: string;
      details: Record<string, unknown> | null;
      detected_at: Date;
    }> = await q;
    return rows.map((r) => ({
      id: String(r.id),
      userId: r.user_id,
      userName: r.user_name,
      ruleId: r.rule_id,
      productId: r.product_id,
      kind: r.kind,
      message: r.message,
      ...(r.details ? { details: r.details } : {}),
      detectedAt: r.detected_at,
    }));
  }

  /** "Why does this user have this license?": its grants, with the rule and group behind each rule grant. */
  async explain(tenantId: string, assignmentId: string): Promise<Explanation> {
    const { db, rules } = this;
    const assignment = await this.assignments.get(tenantId, assignmentId);
    const grants: GrantExplanation[] = [];
    for (const grant of assignment.grants ?? []) {
      if (grant.kind !== 'rule' || !grant.ruleId) {
        grants.push(grant);
        continue;
      }
      const rule = await rules.get(tenantId, grant.ruleId);
      const group: { id: string; display_name: string; deleted_at: Date | null } | undefined = rule.groupId
        ? await db('groups')
            .where({ tenant_id: tenantId, id: rule.groupId })
            .first('id', 'display_name', 'deleted_at')
        : undefined;
      const matches =
        rule.status === 'active' ? await loadMatches(db, tenantId, [rule], [assignment.userId]) : [];
      grants.push({
        ...grant,
        rule: {
          ...rule,
          group: group
            ? { id: group.id, displayName: group.display_name, deleted: group.deleted_at !== null }
            : null,
        },
        stillMatches: matches.length > 0,
      });
    }
    const conflicts: Array<{ kind: string; rule_id: string | null; message: string; detected_at: Date }> =
      await db('rule_conflicts')
        .where({ tenant_id: tenantId, user_id: assignment.userId, product_id: assignment.productId })
        .orderBy('id');
    return {
      assignment,
      grants,
      conflicts: conflicts.map((c) => ({
        kind: c.kind,
        ruleId: c.rule_id,
        message: c.message,
        detectedAt: c.detected_at,
      })),
    };
  }
}
