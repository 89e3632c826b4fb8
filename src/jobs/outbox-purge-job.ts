import type { LicensingJob } from './licensing-job.js';

/** Delivered and failed outbox messages older than OUTBOX_RETENTION_DAYS go, with their attempt log, a batch at a time. */
export const outboxPurgeJob: LicensingJob = {
  name: 'outbox-purge',
  interval: '1 hour',
  runBatch: (container, { batchSize }) =>
    container.transaction((s) =>
      s.outbox.purgeSettled({ retentionDays: container.config.OUTBOX_RETENTION_DAYS, limit: batchSize }),
    ),
};
