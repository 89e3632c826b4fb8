import { activateDueAssignmentsJob } from './activate-due-assignments-job.js';
import { applyImportsJob } from './apply-imports-job.js';
import { licenseGraceExpiryJob } from './license-grace-expiry-job.js';
import type { LicensingJob } from './licensing-job.js';
import { numberQuarantineExpiryJob } from './number-quarantine-expiry-job.js';
import { outboxPurgeJob } from './outbox-purge-job.js';
import { portOrderProgressJob } from './port-order-progress-job.js';
import { recheckBlockedAssignmentsJob } from './recheck-blocked-assignments-job.js';
import { evaluateRuleQueueJob, reconcileRulesJob, scheduleRuleReconcileJob } from './rule-jobs.js';

/** Every licensing, rules, import and outbox-purge job; the job runner defines them and schedules each once (global, not per tenant). */
export const licensingJobs: readonly LicensingJob[] = [
  activateDueAssignmentsJob,
  recheckBlockedAssignmentsJob,
  licenseGraceExpiryJob,
  numberQuarantineExpiryJob,
  portOrderProgressJob,
  scheduleRuleReconcileJob,
  reconcileRulesJob,
  evaluateRuleQueueJob,
  applyImportsJob,
  outboxPurgeJob,
];
