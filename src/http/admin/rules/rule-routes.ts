import { z } from 'zod';
import type { Services } from '../../../container.js';
import type { Rule, RuleHold } from '../../../features/rules/rule.js';
import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, LICENSE_WRITERS } from '../admin-roles.js';
import { IdParams, IfMatchHeaders, etagOf } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { pageOfList } from '../pagination.js';
import {
  ConflictPageSchema,
  ExplanationSchema,
  HoldDetailSchema,
  HoldItemsQuery,
  HoldPageSchema,
  HoldSchema,
  ListConflictsQuery,
  ListHoldsQuery,
  ListRulesQuery,
  PreviewRequest,
  PreviewSchema,
  ReconcileSchema,
  RuleChangeRequest,
  RulePageSchema,
  RuleRequest,
  RuleSchema,
} from './rule-schemas.js';

const TAGS = ['Rules'];
const ruleErrors = resourceErrors('rule');
const holdErrors = resourceErrors('rule_hold');
const RULE_PROBLEMS = ['rule.invalid', 'rule.invalid_state'];

async function productKeys(services: Services, tenantId: string): Promise<Map<string, string>> {
  return new Map((await services.catalog.listProducts(tenantId)).map((p) => [p.id, p.key]));
}

const toAdminRule = (
  rule: Rule,
  keys: ReadonlyMap<string, string>,
  groupNames: ReadonlyMap<string, string>,
) => ({
  id: rule.id,
  name: rule.name,
  groupId: rule.groupId,
  groupName: (rule.groupId && groupNames.get(rule.groupId)) ?? null,
  filter: rule.filter,
  productId: rule.productId,
  product: keys.get(rule.productId) ?? '',
  priority: rule.priority,
  activation:
    rule.activation.kind === 'on_date'
      ? { kind: 'on_date' as const, date: rule.activation.date.toISOString() }
      : rule.activation,
  removalGraceDays: rule.removalGraceDays,
  pickNumbers: rule.pickNumbers,
  status: rule.status,
  version: rule.version,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});

/** The name map of the one group an explanation already carries (none once it was deleted). */
const groupNamesOf = (group: { id: string; displayName: string; deleted: boolean } | null) =>
  new Map(group && !group.deleted ? [[group.id, group.displayName]] : []);

const toAdminHold = (hold: RuleHold) => ({
  id: hold.id,
  status: hold.status,
  cause: hold.cause,
  threshold: hold.threshold,
  removals: hold.removals,
  createdAt: hold.createdAt.toISOString(),
  decidedAt: hold.decidedAt?.toISOString() ?? null,
  decidedBy: hold.decidedBy,
});

/** Replies with the rule and its ETag (its version), as the users routes do. */
async function ruleReply(
  services: Services,
  tenantId: string,
  rule: Rule,
  setHeader: (name: string, value: string) => void,
) {
  setHeader('ETag', etagOf(rule.version));
  return toAdminRule(
    rule,
    await productKeys(services, tenantId),
    await services.groups.namesOf(tenantId, rule.groupId ? [rule.groupId] : []),
  );
}

const versionOf = (headers: { 'if-match'?: number | undefined }) => headers['if-match'];

export const ruleRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/rules',
    operationId: 'listRules',
    sort: 'by id: a stable order that does not change between pages (not creation order)',
    summary: 'List group-to-license rules',
    description: 'Optionally in one status; oldest first.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListRulesQuery,
    response: { status: 200, description: 'A page of rules', schema: RulePageSchema },
    async handler({ query, tenantId, services }) {
      const keys = await productKeys(services, tenantId);
      const rules = await services.rules.list(tenantId, {
        ...(query.status ? { status: query.status } : {}),
        limit: 100_000,
      });
      const groupNames = await services.groups.namesOf(
        tenantId,
        rules.flatMap((r) => (r.groupId ? [r.groupId] : [])),
      );
      return pageOfList(
        rules,
        query,
        (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }),
        (r) => toAdminRule(r, keys, groupNames),
      );
    },
  }),

  defineRoute({
    method: 'post',
    path: '/rules',
    operationId: 'createRule',
    summary: 'Create a rule',
    description:
      'A draft is only evaluated by previews. An active rule is applied by the reconcile job within a minute: its ' +
      'grants are added, and removals above the mass-change threshold are held for approval.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: ruleErrors,
    problems: RULE_PROBLEMS,
    body: RuleRequest,
    response: { status: 201, headers: ['ETag', 'Location'], description: 'The rule', schema: RuleSchema },
    async handler({ body, tenantId, actor, services, setHeader }) {
      const rule = await services.rules.create(tenantId, body, actor);
      setHeader('Location', `/api/v1/rules/${rule.id}`);
      return ruleReply(services, tenantId, rule, setHeader);
    },
  }),

  defineRoute({
    method: 'post',
    path: '/rules/preview',
    operationId: 'previewRules',
    summary: 'Preview a rule set or one rule change',
    description:
      'Without writing anything: the licenses that would be added and removed per product, the seat shortfall ' +
      'against inventory, numbers needed against the pool per country, users who would lose service, the ' +
      'conflicts, and whether the removals would be held by the mass-change threshold.',
    tags: TAGS,
    roles: ANY_ROLE,
    errors: ruleErrors,
    problems: RULE_PROBLEMS,
    body: PreviewRequest,
    transactional: false,
    response: { status: 200, description: 'What would change', schema: PreviewSchema },
    async handler({ body, tenantId, services }) {
      return services.rulePreview.preview(tenantId, body);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/rules/conflicts',
    operationId: 'listRuleConflicts',
    sort: 'oldest first (in the order they were detected)',
    summary: 'List what the rules could not honour',
    description:
      'Kept per user from their last evaluation: a rule that lost an exclusive track on priority or to a direct ' +
      'license, an unmet requirement, a removal that leaves a dependent license without its requirement, a grant ' +
      'that failed. Licenses waiting for a seat are listed by GET /assignments?state=blocked.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListConflictsQuery,
    response: { status: 200, description: 'A page of conflicts', schema: ConflictPageSchema },
    async handler({ query, tenantId, services }) {
      const rows = await services.ruleReports.conflicts(tenantId, {
        kind: query.kind,
        userId: query.userId,
        ruleId: query.ruleId,
        after: query.cursor,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(({ id: _id, detectedAt, ...c }) => ({ ...c, detectedAt: detectedAt.toISOString() })),
        nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/rules/reconcile',
    operationId: 'reconcileRules',
    summary: 'Recompute every rule for the tenant now',
    description:
      'Asks the reconcile job to run for this tenant (it also runs every hour); drift is fixed, large removals held.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    response: { status: 202, description: 'Requested', schema: ReconcileSchema },
    async handler({ tenantId, actor, services }) {
      await services.rules.requestReconcile(tenantId, actor);
      return {
        requested: true as const,
        message: 'The reconcile job recomputes the rules of this tenant within a minute',
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/rule-holds',
    operationId: 'listRuleHolds',
    sort: 'by id: a stable order that does not change between pages (not creation order)',
    summary: 'List held mass changes',
    description:
      'License removals the rules wanted that exceeded the mass-change threshold, and their decisions.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListHoldsQuery,
    response: { status: 200, description: 'A page of holds', schema: HoldPageSchema },
    async handler({ query, tenantId, services }) {
      const holds = await services.ruleHolds.list(tenantId, {
        ...(query.status ? { status: query.status } : {}),
        limit: 100_000,
      });
      return pageOfList(
        holds,
        query,
        (h) => ({ createdAt: h.createdAt.toISOString(), id: h.id }),
        toAdminHold,
      );
    },
  }),

  defineRoute({
    method: 'get',
    path: '/rule-holds/:id',
    operationId: 'getRuleHold',
    sort: 'its items by user id, then rule id',
    summary: 'A held mass change with the removals it holds',
    tags: TAGS,
    roles: ANY_ROLE,
    errors: holdErrors,
    params: IdParams,
    query: HoldItemsQuery,
    response: {
      status: 200,
      description: 'The hold and up to `limit` of its removals',
      schema: HoldDetailSchema,
    },
    async handler({ params, query, tenantId, services }) {
      const hold = await services.ruleHolds.get(tenantId, params.id);
      return {
        ...toAdminHold(hold),
        items: await services.ruleHolds.items(tenantId, hold.id, { limit: query.limit }),
      };
    },
  }),

  ...(['approve', 'reject'] as const).map((verb) =>
    defineRoute({
      method: 'post',
      path: `/rule-holds/:id/${verb}`,
      operationId: `${verb}RuleHold`,
      summary: verb === 'approve' ? 'Approve a held mass change' : 'Reject a held mass change',
      description:
        verb === 'approve'
          ? 'The held removals are applied by the evaluation job within a minute (those the rules no longer want).'
          : 'The licenses stay; the same removals are not proposed again until the rules want those grants again.',
      tags: TAGS,
      roles: LICENSE_WRITERS,
      errors: holdErrors,
      problems: ['rule_hold.invalid_state'],
      params: IdParams,
      response: { status: 200, description: 'The decided hold', schema: HoldSchema },
      async handler({ params, tenantId, actor, services }) {
        return toAdminHold(
          await services.ruleEngine.decideHold(
            tenantId,
            params.id,
            verb === 'approve' ? 'approved' : 'rejected',
            actor,
          ),
        );
      },
    }),
  ),

  defineRoute({
    method: 'get',
    path: '/rules/:id',
    operationId: 'getRule',
    summary: 'A rule',
    tags: TAGS,
    roles: ANY_ROLE,
    errors: ruleErrors,
    params: IdParams,
    response: { status: 200, headers: ['ETag'], description: 'The rule', schema: RuleSchema },
    async handler({ params, tenantId, services, setHeader }) {
      return ruleReply(services, tenantId, await services.rules.get(tenantId, params.id), setHeader);
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/rules/:id',
    operationId: 'updateRule',
    summary: 'Edit a rule',
    description:
      'Only the fields named change. Editing an active rule is applied by the reconcile job; preview it first.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: ruleErrors,
    problems: RULE_PROBLEMS,
    params: IdParams,
    headers: IfMatchHeaders,
    body: RuleChangeRequest,
    response: { status: 200, headers: ['ETag'], description: 'The rule', schema: RuleSchema },
    async handler({ params, headers, body, tenantId, actor, services, setHeader }) {
      const rule = await services.rules.update(tenantId, params.id, body, actor, versionOf(headers));
      return ruleReply(services, tenantId, rule, setHeader);
    },
  }),

  ...(['activate', 'retire'] as const).map((verb) =>
    defineRoute({
      method: 'post',
      path: `/rules/:id/${verb}`,
      operationId: `${verb}Rule`,
      summary: verb === 'activate' ? 'Activate a draft rule' : 'Retire a rule',
      description:
        verb === 'activate'
          ? 'The reconcile job applies it within a minute.'
          : "Its grants are revoked by the reconcile job: each license ends when no other grant remains, through the rule's grace days; removals above the mass-change threshold are held.",
      tags: TAGS,
      roles: LICENSE_WRITERS,
      errors: ruleErrors,
      problems: RULE_PROBLEMS,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { status: 200, headers: ['ETag'], description: 'The rule', schema: RuleSchema },
      async handler({ params, headers, tenantId, actor, services, setHeader }) {
        const rule = await services.rules.setStatus(
          tenantId,
          params.id,
          verb === 'activate' ? 'active' : 'retired',
          actor,
          versionOf(headers),
        );
        return ruleReply(services, tenantId, rule, setHeader);
      },
    }),
  ),

  defineRoute({
    method: 'delete',
    path: '/rules/:id',
    operationId: 'deleteRule',
    summary: 'Delete a draft rule',
    description:
      'Active and retired rules stay, as the history of the licenses they granted: retire instead.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: ruleErrors,
    problems: RULE_PROBLEMS,
    params: IdParams,
    response: {
      status: 200,
      description: 'Deleted',
      schema: z.object({ id: z.string(), deleted: z.literal(true) }),
    },
    async handler({ params, tenantId, actor, services }) {
      await services.rules.delete(tenantId, params.id, actor);
      return { id: params.id, deleted: true as const };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/assignments/:id/explanation',
    operationId: 'explainAssignment',
    summary: 'Why does this user have this license?',
    description:
      'The grants behind the license: who granted it directly, and for rule grants the rule, its group and whether it still selects the user.',
    tags: TAGS,
    roles: ANY_ROLE,
    errors: resourceErrors('assignment'),
    params: IdParams,
    response: { status: 200, description: 'The explanation', schema: ExplanationSchema },
    async handler({ params, tenantId, services }) {
      const e = await services.ruleReports.explain(tenantId, params.id);
      const keys = await productKeys(services, tenantId);
      return {
        assignmentId: e.assignment.id,
        userId: e.assignment.userId,
        product: e.assignment.productKey,
        state: e.assignment.state,
        grants: e.grants.map((g) => ({
          kind: g.kind,
          grantedBy: g.grantedBy,
          grantedAt: g.grantedAt.toISOString(),
          ...(g.rule
            ? { rule: { ...toAdminRule(g.rule, keys, groupNamesOf(g.rule.group)), group: g.rule.group } }
            : {}),
          ...(g.stillMatches !== undefined ? { stillMatches: g.stillMatches } : {}),
        })),
        conflicts: e.conflicts.map((c) => ({ ...c, detectedAt: c.detectedAt.toISOString() })),
      };
    },
  }),
];
