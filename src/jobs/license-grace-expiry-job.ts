import type { LicensingJob } from './licensing-job.js';

/** Removal dates that came: licenses go to grace; grace periods that ended: licenses removed, seats freed. */
export const licenseGraceExpiryJob: LicensingJob = {
  name: 'license-grace-expiry',
  interval: '5 minutes',
  runBatch: (container, { batchSize }) =>
    container.transaction(async (s) => {
      const { toGrace, removed } = await s.assignments.sweeps.advanceRemovals({ limit: batchSize });
      return Math.max(toGrace, removed);
    }),
};
