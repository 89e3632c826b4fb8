import type { LicensingJob } from './licensing-job.js';

/** Released numbers whose quarantine is over become available in their tenant's pool again. */
export const numberQuarantineExpiryJob: LicensingJob = {
  name: 'number-quarantine-expiry',
  interval: '1 hour',
  runBatch: (container, { batchSize }) =>
    container.transaction((s) => s.numbers.expireQuarantine({ limit: batchSize })),
};
