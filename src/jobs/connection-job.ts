import type { Agenda, Job } from 'agenda';
import { z } from 'zod';
import type { Container } from '../container.js';
import type { DirectoryConnection } from '../features/directory/directory-connection.js';

/**
 * A job that runs one directory connection at a time: its sync, or its contact reconciliation. Each enabled
 * connection has a recurring one at its own interval; the admin API queues one at once (with the run it recorded).
 * The connection's lease of the kind, not Agenda, makes a run the only one of its connection across workers.
 */
export interface ConnectionJob {
  name: string;
  /** The job that keeps the per-connection schedules in step with the connections (interval, enabled, deleted). */
  scheduleName: string;
  /** How often a connection runs this job. */
  interval(connection: DirectoryConnection): string;
  /** Runs of different connections at once per worker. */
  concurrency: number;
  /** Runs the connection now: the run `runId` that a request recorded, or a new scheduled one. */
  run(
    container: Container,
    connectionId: string,
    runId: string | undefined,
    touch?: () => Promise<void>,
  ): Promise<{ status: 'busy' | 'done' }>;
}

/** The data of a per-connection job: which connection it runs, and the run a request recorded, if one did. */
export const connectionJobDataSchema = z.object({ connectionId: z.uuid(), runId: z.uuid().optional() });

/**
 * A run renews its lease and touches Agenda's lock with every page or batch; this lifetime only matters if a single
 * page or batch takes longer than it.
 */
const LOCK_LIFETIME_MS = 10 * 60_000;

/** Runs a per-connection job from its Agenda data, in this process. */
export async function runConnectionJob(
  job: ConnectionJob,
  container: Container,
  data: unknown,
  touch?: () => Promise<void>,
): Promise<{ status: 'busy' | 'done' }> {
  const { connectionId, runId } = connectionJobDataSchema.parse(data);
  return job.run(container, connectionId, runId, touch);
}

export function defineConnectionJob(agenda: Agenda, container: Container, job: ConnectionJob): void {
  const logger = container.logger.child({ job: job.name });
  agenda.define(
    job.name,
    async (agendaJob: Job<unknown>) => {
      const started = Date.now();
      logger.info({ data: agendaJob.attrs.data }, 'job started');
      const outcome = await runConnectionJob(job, container, agendaJob.attrs.data, async () => {
        await agendaJob.touch();
      });
      if (outcome.status === 'busy')
        logger.info({ data: agendaJob.attrs.data }, 'another run holds the connection; skipped');
      // The run's counts are in its record (GET …/runs, …/reconciliations); the log says it ended and how long it took.
      else logger.info({ data: agendaJob.attrs.data, ms: Date.now() - started }, 'job finished');
      // A failed run is recorded with its error and runs again at the next interval; failing the job adds nothing.
    },
    // A job queued for one run is done once it ran (the run's record is its history); schedules recur and stay.
    { lockLifetime: LOCK_LIFETIME_MS, concurrency: job.concurrency, removeOnComplete: true },
  );
  agenda.define(job.scheduleName, async () => {
    await scheduleConnectionJob(agenda, container, job);
  });
}

/** Defined at start: schedules now, then re-checks every few minutes so connection edits take effect. */
export async function startConnectionSchedules(
  agenda: Agenda,
  container: Container,
  job: ConnectionJob,
): Promise<void> {
  await scheduleConnectionJob(agenda, container, job);
  await agenda.every('5 minutes', job.scheduleName);
}

/**
 * Keeps one recurring job per enabled connection, made with `create().repeatEvery().unique()`: `every()` would keep a
 * single schedule per job name for all connections. Connections no longer wanted (disabled, deleted) lose theirs; an
 * existing schedule is kept unless its interval changed, since saving it again would push its next run out.
 */
export async function scheduleConnectionJob(
  agenda: Agenda,
  container: Container,
  job: ConnectionJob,
): Promise<void> {
  const connections = await container.directory.connections(container.database.knex).listEnabled();
  const wanted = new Map(connections.map((c) => [c.id, job.interval(c)]));
  const current = new Set<string>();
  for (const scheduled of (await agenda.queryJobs({ name: job.name })).jobs) {
    const parsed = connectionJobDataSchema.safeParse(scheduled.data);
    const interval = parsed.success ? wanted.get(parsed.data.connectionId) : undefined;
    // A job queued for one run (with its runId) is not a schedule: it is left to run.
    if (parsed.success && parsed.data.runId !== undefined) continue;
    if (
      parsed.success &&
      interval !== undefined &&
      String(scheduled.repeatInterval) === interval &&
      !current.has(parsed.data.connectionId)
    ) {
      current.add(parsed.data.connectionId);
    } else {
      await agenda.cancel({ id: String(scheduled._id) });
    }
  }
  for (const [connectionId, interval] of wanted) {
    if (current.has(connectionId)) continue;
    await agenda
      .create(job.name, { connectionId })
      .repeatEvery(interval, { skipImmediate: true })
      .unique({ 'data.connectionId': connectionId }, { insertOnly: true })
      .save();
  }
}
