import type { Knex } from 'knex';
import type { Assignment, Grant } from '../assignments/assignment.js';
import type { AssignmentService } from '../assignments/assignment-service.js';
import { loadMatches } from './rule-evaluation-data.js';
import type { RuleService } from './rule-service.js';
import type { RuleStore, StoredConflict } from './rule-store.js';
import type { Rule } from './rule.js';

export type { StoredConflict } from './rule-store.js';

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

/** Read models of the rules engine: why a license exists, and what the rules could not honour. */
export class RuleReports {
  constructor(
    private readonly db: Knex,
    private readonly store: RuleStore,
    private readonly assignments: AssignmentService,
    private readonly rules: RuleService,
  ) {}

  /** A page of the tenant's conflicts, newest evaluation last (keyset on the conflict id). */
  conflicts(tenantId: string, options: Parameters<RuleStore['conflicts']>[1]): Promise<StoredConflict[]> {
    return this.store.conflicts(tenantId, options);
  }

  /** "Why does this user have this license?": its grants, with the rule and group behind each rule grant. */
  async explain(tenantId: string, assignmentId: string): Promise<Explanation> {
    const { db, rules, store } = this;
    const assignment = await this.assignments.get(tenantId, assignmentId);
    const grants: GrantExplanation[] = [];
    for (const grant of assignment.grants ?? []) {
      if (grant.kind !== 'rule' || !grant.ruleId) {
        grants.push(grant);
        continue;
      }
      const rule = await rules.get(tenantId, grant.ruleId);
      const group = rule.groupId ? await store.groupOf(tenantId, rule.groupId) : null;
      const matches =
        rule.status === 'active' ? await loadMatches(db, tenantId, [rule], [assignment.userId]) : [];
      grants.push({
        ...grant,
        rule: { ...rule, group },
        stillMatches: matches.length > 0,
      });
    }
    const conflicts = await store.conflictsOf(tenantId, assignment.userId, assignment.productId);
    return { assignment, grants, conflicts };
  }
}
