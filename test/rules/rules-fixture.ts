import type { Services } from '../../src/container.js';
import type { Assignment } from '../../src/features/assignments/assignment.js';
import type { NewRule, Rule } from '../../src/features/rules/rule.js';
import { admin, type LicensingFixture } from '../licensing/licensing-fixture.js';

export { admin };

/** Rule-engine helpers over a licensing fixture's tenant. */
export function rulesHelpers(f: LicensingFixture) {
  const s = () => f.app.container.services;
  return {
    group: (name: string, members: string[] = []) =>
      f.tx(
        async (t) =>
          (
            await t.groups.create(
              f.tenantId,
              {
                displayName: `${name}-${Math.random().toString(36).slice(2, 8)}`,
                members: members.map((userId) => ({ userId })),
              },
              'scim',
              admin,
            )
          ).id,
      ),
    addMembers: (groupId: string, userIds: string[]) =>
      f.tx((t) =>
        t.groups.modify(
          f.tenantId,
          groupId,
          [{ kind: 'addMembers', members: userIds.map((userId) => ({ userId })) }],
          admin,
          undefined,
        ),
      ),
    removeMembers: (groupId: string, userIds: string[]) =>
      f.tx((t) =>
        t.groups.modify(f.tenantId, groupId, [{ kind: 'removeMembers', userIds }], admin, undefined),
      ),
    /** Creates an active rule and runs the reconcile it asks for, as the jobs would. */
    rule: async (input: Omit<NewRule, 'status'> & { status?: 'draft' | 'active' }): Promise<Rule> => {
      const rule = await f.tx((t) => t.rules.create(f.tenantId, { status: 'active', ...input }, admin));
      await settle();
      return rule;
    },
    retire: async (ruleId: string) => {
      await f.tx((t) => t.rules.setStatus(f.tenantId, ruleId, 'retired', admin));
      await settle();
    },
    settle,
    licenses: async (userId: string): Promise<Assignment[]> =>
      s().assignments.listForUser(f.tenantId, userId),
    /** product key → state, for the user's licenses that have not ended. */
    live: async (userId: string): Promise<Record<string, string>> =>
      Object.fromEntries(
        (await s().assignments.listForUser(f.tenantId, userId))
          .filter((a) => !['removed', 'cancelled'].includes(a.state))
          .map((a) => [a.productKey, a.state]),
      ),
    conflicts: (userId: string) =>
      f.app.container.database
        .knex('rule_conflicts')
        .where({ tenant_id: f.tenantId, user_id: userId })
        .orderBy('id'),
    setThreshold: (n: number) =>
      f.app.container.database.knex('tenants').where({ id: f.tenantId }).update({ mass_change_threshold: n }),
  };

  /** Runs the reconcile requests and the evaluation queue until both are empty (what the two jobs do). */
  async function settle(): Promise<void> {
    const job = { type: 'job' as const, id: 'test' };
    for (;;) {
      const reconciled = await f.tx((t: Services) => t.ruleEngine.reconcileRequested(job));
      const drained = await f.tx((t: Services) => t.ruleEngine.drainQueue(500, job));
      if (reconciled === 0 && drained === 0) return;
    }
  }
}
