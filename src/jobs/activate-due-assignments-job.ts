import type { LicensingJob } from './licensing-job.js';

/** Scheduled assignments whose date has come: activate (or block with reasons), exactly once across workers. */
export const activateDueAssignmentsJob: LicensingJob = {
  name: 'activate-due-assignments',
  interval: '1 minute',
  runBatch: (container, { batchSize }) =>
    container.transaction(
      async (s) => (await s.assignments.sweeps.activateDue({ limit: batchSize })).processed,
    ),
};
