import type { ConnectionJob } from './connection-job.js';

/** A connection's directory sync (Entra ID pull); two connections at a time per worker. */
export const entraSyncJob: ConnectionJob = {
  name: 'entra-sync',
  scheduleName: 'entra-sync-schedules',
  interval: (connection) => connection.syncInterval,
  concurrency: 2,
  run: (container, connectionId, runId, touch) =>
    runId
      ? container.directory.sync.runRequested(connectionId, runId, touch)
      : container.directory.sync.run(connectionId, { trigger: 'schedule', ...(touch ? { touch } : {}) }),
};

/** A connection's contact reconciliation; one at a time per worker. */
export const contactReconciliationJob: ConnectionJob = {
  name: 'contact-reconciliation',
  scheduleName: 'contact-reconciliation-schedules',
  interval: (connection) => connection.reconcileInterval,
  concurrency: 1,
  run: (container, connectionId, runId, touch) =>
    runId
      ? container.directory.reconciliation.runRequested(connectionId, runId, touch)
      : container.directory.reconciliation.run(connectionId, {
          trigger: 'schedule',
          ...(touch ? { touch } : {}),
        }),
};

/** Every per-connection job; the job runner defines them and keeps their schedules. */
export const connectionJobs: readonly ConnectionJob[] = [entraSyncJob, contactReconciliationJob];
