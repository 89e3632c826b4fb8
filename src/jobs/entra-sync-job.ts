import type { Agenda, Job } from 'agenda';
import type { Container } from '../container.js';
import type { SyncOutcome } from '../features/directory/entra-sync-service.js';
import { connectionJobDataSchema, schedulePerConnection } from './entra-connection-schedules.js';

export const ENTRA_SYNC_JOB = 'entra-sync';
/** Keeps each enabled connection's recurring sync in step with its settings (interval, enabled, deleted). */
export const ENTRA_SCHEDULE_JOB = 'entra-sync-schedules';

/**
 * A run renews its lease with every page; Agenda's lock is renewed by touch() with every page too, and this
 * lifetime only matters if a single page takes longer than it.
 */
const LOCK_LIFETIME_MS = 10 * 60_000;

/** Runs one connection's sync in this process; the connection's lease makes it the only run across workers. */
export async function runEntraSync(
  container: Container,
  data: unknown,
  touch?: () => Promise<void>,
): Promise<SyncOutcome> {
  const { connectionId } = connectionJobDataSchema.parse(data);
  return container.directory.sync.run(connectionId, { trigger: 'schedule', ...(touch ? { touch } : {}) });
}

export function defineEntraSyncJobs(agenda: Agenda, container: Container): void {
  const logger = container.logger.child({ job: ENTRA_SYNC_JOB });
  agenda.define(
    ENTRA_SYNC_JOB,
    async (job: Job<unknown>) => {
      const outcome = await runEntraSync(container, job.attrs.data, async () => {
        await job.touch();
      });
      if (outcome.status === 'busy')
        logger.info({ connectionId: outcome.connectionId }, 'another run holds the connection; skipped');
      // A failed run is recorded with its error and resumes at the next interval; failing the job adds nothing.
    },
    { lockLifetime: LOCK_LIFETIME_MS, concurrency: 2 },
  );
  agenda.define(ENTRA_SCHEDULE_JOB, async () => {
    await scheduleEntraSyncs(agenda, container);
  });
}

/** One recurring sync per enabled connection, at the connection's sync interval. */
export async function scheduleEntraSyncs(agenda: Agenda, container: Container): Promise<void> {
  const connections = (await container.database
    .knex('directory_connections')
    .where({ enabled: true })
    .select('id', 'sync_interval')) as Array<{
    id: string;
    sync_interval: string;
  }>;
  await schedulePerConnection(
    agenda,
    ENTRA_SYNC_JOB,
    new Map(connections.map((c) => [c.id, c.sync_interval])),
  );
}

/** Defined at start: schedules now, then re-checks every few minutes so connection edits take effect. */
export async function startEntraSyncSchedules(agenda: Agenda, container: Container): Promise<void> {
  await scheduleEntraSyncs(agenda, container);
  await agenda.every('5 minutes', ENTRA_SCHEDULE_JOB);
}
