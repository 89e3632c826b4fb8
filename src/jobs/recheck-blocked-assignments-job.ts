import type { LicensingJob } from './licensing-job.js';

/**
 * Blocked assignments retry on their own when a known cause changes (seats bought, a number assigned); this
 * sweep catches the rest (a subscription that started later, a catalog edit) and fails those past the cutoff.
 * Rows checked since the run began are skipped, so a run ends even when rows stay blocked.
 */
export const recheckBlockedAssignmentsJob: LicensingJob = {
  name: 'recheck-blocked-assignments',
  interval: '5 minutes',
  runBatch: (container, { batchSize }, startedAt) =>
    container.transaction(
      async (s) =>
        (await s.assignments.sweeps.recheckBlocked({ limit: batchSize, checkedBefore: startedAt })).processed,
    ),
};
