import type { Agenda, Job } from 'agenda';
import type { Container } from '../container.js';
import type { ReconciliationOutcome } from '../features/directory/contact-reconciliation-service.js';
import { connectionJobDataSchema, schedulePerConnection } from './entra-connection-schedules.js';

export const CONTACT_RECONCILIATION_JOB = 'contact-reconciliation';
/** Keeps each enabled connection's recurring reconciliation in step with its settings. */
export const CONTACT_RECONCILIATION_SCHEDULE_JOB = 'contact-reconciliation-schedules';

/**
 * A run renews its lease and touches Agenda's lock with every batch; this lifetime only matters if a single batch
 * takes longer than it.
 */
const LOCK_LIFETIME_MS = 10 * 60_000;

/** Runs one connection's reconciliation in this process; the connection's reconciliation lease makes it the only one across workers. */
export async function runContactReconciliation(
  container: Container,
  data: unknown,
  touch?: () => Promise<void>,
): Promise<ReconciliationOutcome> {
  const { connectionId } = connectionJobDataSchema.parse(data);
  return container.directory.reconciliation.run(connectionId, {
    trigger: 'schedule',
    ...(touch ? { touch } : {}),
  });
}

export function defineContactReconciliationJobs(agenda: Agenda, container: Container): void {
  const logger = container.logger.child({ job: CONTACT_RECONCILIATION_JOB });
  agenda.define(
    CONTACT_RECONCILIATION_JOB,
    async (job: Job<unknown>) => {
      const outcome = await runContactReconciliation(container, job.attrs.data, async () => {
        await job.touch();
      });
      if (outcome.status === 'busy')
        logger.info(
          { connectionId: outcome.connectionId },
          'another reconciliation holds the connection; skipped',
        );
      // A failed run is recorded with its error; the next interval runs it again from the start.
    },
    { lockLifetime: LOCK_LIFETIME_MS, concurrency: 1 },
  );
  agenda.define(CONTACT_RECONCILIATION_SCHEDULE_JOB, async () => {
    await scheduleContactReconciliations(agenda, container);
  });
}

/** One recurring reconciliation per enabled connection, at the connection's reconciliation interval. */
export async function scheduleContactReconciliations(agenda: Agenda, container: Container): Promise<void> {
  const connections = (await container.database
    .knex('directory_connections')
    .where({ enabled: true })
    .select('id', 'reconcile_interval')) as Array<{
    id: string;
    reconcile_interval: string;
  }>;
  await schedulePerConnection(
    agenda,
    CONTACT_RECONCILIATION_JOB,
    new Map(connections.map((c) => [c.id, c.reconcile_interval])),
  );
}

/** Defined at start: schedules now, then re-checks every few minutes so connection edits take effect. */
export async function startContactReconciliationSchedules(
  agenda: Agenda,
  container: Container,
): Promise<void> {
  await scheduleContactReconciliations(agenda, container);
  await agenda.every('5 minutes', CONTACT_RECONCILIATION_SCHEDULE_JOB);
}
