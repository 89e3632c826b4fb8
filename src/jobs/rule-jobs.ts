import type { LicensingJob } from './licensing-job.js';

const actor = (id: string) => ({ type: 'job' as const, id });

/**
 * Users whose rule evaluation is owed (large membership changes, reconciles, approved holds), a batch per
 * transaction, claimed with SKIP LOCKED so workers share the queue without doubling a user.
 */
export const evaluateRuleQueueJob: LicensingJob = {
  name: 'evaluate-rule-queue',
  interval: '30 seconds',
  runBatch: (container, { batchSize }) =>
    container.transaction((s) => s.ruleEngine.drainQueue(batchSize, actor('evaluate-rule-queue'))),
};

/** Tenants whose rules changed: plan the whole tenant (mass-change threshold), then queue who must change. */
export const reconcileRulesJob: LicensingJob = {
  name: 'reconcile-rules',
  interval: '1 minute',
  async runBatch(container, { batchSize }) {
    let handled = 0;
    // One tenant per transaction: a large tenant's plan does not hold the others' requests.
    while (
      handled < batchSize &&
      (await container.transaction((s) => s.ruleEngine.reconcileRequested(actor('reconcile-rules')))) > 0
    )
      handled += 1;
    return handled;
  },
};

/** The drift safety net: every tenant with rules is reconciled once an hour (fixes what changed behind the rules' back). */
export const scheduleRuleReconcileJob: LicensingJob = {
  name: 'schedule-rule-reconcile',
  interval: '1 hour',
  async runBatch(container) {
    await container.database.knex.raw(
      `INSERT INTO rule_reconcile_requests (tenant_id, requested_by)
       SELECT DISTINCT tenant_id, 'job:schedule-rule-reconcile' FROM license_rules WHERE status <> 'draft'
       ON CONFLICT (tenant_id) DO NOTHING`,
    );
    // One statement is the whole job: nothing is left for another batch.
    return 0;
  },
};
