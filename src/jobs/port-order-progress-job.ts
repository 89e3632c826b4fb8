import type { LicensingJob } from './licensing-job.js';

/** Confirmed port-ins whose port date has come: the order completes and the number is reserved in the pool. */
export const portOrderProgressJob: LicensingJob = {
  name: 'port-order-progress',
  interval: '5 minutes',
  runBatch: (container, { batchSize }) =>
    container.transaction((s) => s.numbers.progressPortOrders({ limit: batchSize })),
};
