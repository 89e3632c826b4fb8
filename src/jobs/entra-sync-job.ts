import type { Agenda, Job } from 'agenda';
import { z } from 'zod';
import type { Container } from '../container.js';
import type { SyncOutcome } from '../features/directory/entra-sync-service.js';

export const ENTRA_SYNC_JOB = 'entra-sync';
/** Keeps each enabled connection's recurring sync in step with its settings (interval, enabled, deleted). */
export const ENTRA_SCHEDULE_JOB = 'entra-sync-schedules';

const syncDataSchema = z.object({ connectionId: z.uuid() });

/**
 * A run renews its lease with every page; Agenda's lock is renewed by touch() with every page too, and this
 * lifetime only matters if a single page takes longer than it.
 */
const LOCK_LIFETIME_MS = 10 * 60_000;

/** Runs one connection's sync in this process; the connection's lease makes it the only run across workers. */
export async function runEntraSync(container: Container, data: unknown, touch?: () => Promise<void>): Promise<SyncOutcome> {
  const { connectionId } = syncDataSchema.parse(data);
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
      if (outcome.status === 'busy') logger.info({ connectionId: outcome.connectionId }, 'another run holds the connection; skipped');
      // A failed run is recorded with its error and resumes at the next interval; failing the job adds nothing.
    },
    { lockLifetime: LOCK_LIFETIME_MS, concurrency: 2 },
  );
  agenda.define(ENTRA_SCHEDULE_JOB, async () => {
    await scheduleEntraSyncs(agenda, container);
  });
}

/**
 * One recurring job per enabled connection, `create().repeatEvery().unique()`: `every()` would keep a single
 * schedule per job name for all connections. Disabled and deleted connections lose theirs.
 */
export async function scheduleEntraSyncs(agenda: Agenda, container: Container): Promise<void> {
  const connections = (await container.database.knex('directory_connections').select('id', 'enabled', 'sync_interval')) as Array<{
    id: string;
    enabled: boolean;
    sync_interval: string;
  }>;
  const wanted = new Map(connections.filter((c) => c.enabled).map((c) => [c.id, c.sync_interval]));
  const current = new Map<string, string>();
  for (const job of (await agenda.queryJobs({ name: ENTRA_SYNC_JOB })).jobs) {
    const parsed = syncDataSchema.safeParse(job.data);
    const interval = parsed.success ? wanted.get(parsed.data.connectionId) : undefined;
    // Re-saving an existing schedule would push its next run out again: keep it unless its interval changed.
    if (parsed.success && interval !== undefined && String(job.repeatInterval) === interval && !current.has(parsed.data.connectionId)) {
      current.set(parsed.data.connectionId, interval);
    } else {
      await agenda.cancel({ id: String(job._id) });
    }
  }
  for (const [connectionId, interval] of wanted) {
    if (current.has(connectionId)) continue;
    await agenda
      .create(ENTRA_SYNC_JOB, { connectionId })
      .repeatEvery(interval, { skipImmediate: true })
      .unique({ 'data.connectionId': connectionId }, { insertOnly: true })
      .save();
  }
}

/** Defined at start: schedules now, then re-checks every few minutes so connection edits take effect. */
export async function startEntraSyncSchedules(agenda: Agenda, container: Container): Promise<void> {
  await scheduleEntraSyncs(agenda, container);
  await agenda.every('5 minutes', ENTRA_SCHEDULE_JOB);
}
