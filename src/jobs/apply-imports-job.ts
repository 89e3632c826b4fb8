import type { LicensingJob } from './licensing-job.js';

/**
 * Applies the pending rows of imports an admin asked to apply: a batch of rows (one import's, in file order) per
 * transaction, claimed with SKIP LOCKED. A worker that dies mid-batch rolls back; its rows stay pending for the next.
 */
export const applyImportsJob: LicensingJob = {
  name: 'apply-imports',
  interval: '10 seconds',
  runBatch: (container, { batchSize }) => container.transaction((s) => s.imports.applyBatch(batchSize)),
};
