import type { Job } from 'agenda';
import { z } from 'zod';
import type { Container } from '../container.js';

/** Batch settings every licensing job accepts as its Agenda data. */
export const batchDataSchema = z
  .object({ batchSize: z.number().int().min(1).max(5000).default(200) })
  .default({ batchSize: 200 });
export type BatchData = z.infer<typeof batchDataSchema>;

/**
 * A periodic, idempotent job: `runBatch` does one transaction's worth of work and returns how many rows it
 * handled; the runner repeats it until a batch comes back empty, touching the Agenda lock in between so a
 * long backlog is not taken over by another worker. Each batch commits on its own, so a worker killed
 * mid-run loses only its open batch, whose rows are still due for the next worker.
 */
export interface LicensingJob {
  name: string;
  interval: string;
  /** `startedAt`: when this run began, so a sweep can skip rows it already visited in this run. */
  runBatch(container: Container, data: BatchData, startedAt: Date): Promise<number>;
}

/** Runs a job to completion: parse its data, then batches until none is left. Returns the rows handled. */
export async function runLicensingJob(
  job: LicensingJob,
  container: Container,
  rawData: unknown,
  touch: () => Promise<void> = async () => {},
): Promise<number> {
  const data = batchDataSchema.parse(rawData ?? undefined);
  const startedAt = new Date();
  let total = 0;
  for (;;) {
    const handled = await job.runBatch(container, data, startedAt);
    total += handled;
    if (handled < data.batchSize) return total;
    await touch();
  }
}

/**
 * How long a licensing job's Agenda lock lasts without renewal. Short, so that a worker killed mid-run (SIGKILL,
 * OOM, a lost machine) leaves its job to another worker within about this long plus one poll; renewed every third
 * of it while the job runs (and between batches), so a run that is alive never loses its lock however long a
 * batch takes on a busy machine.
 */
export const LICENSING_LOCK_LIFETIME_MS = 30_000;

export function agendaHandler(job: LicensingJob, container: Container) {
  const logger = container.logger.child({ job: job.name });
  return async (agendaJob: Job<unknown>) => {
    const started = Date.now();
    const lag = agendaJob.attrs.nextRunAt ? Math.max(0, started - agendaJob.attrs.nextRunAt.getTime()) : 0;
    logger.info({ lagMs: lag }, 'job started');
    const heartbeat = setInterval(() => {
      agendaJob
        .touch()
        .catch((error: unknown) => logger.warn({ err: error }, 'could not renew the job lock'));
    }, LICENSING_LOCK_LIFETIME_MS / 3);
    try {
      const rows = await runLicensingJob(job, container, agendaJob.attrs.data, () => agendaJob.touch());
      logger.info({ rows, ms: Date.now() - started }, 'job finished');
    } catch (error) {
      logger.error({ err: error, ms: Date.now() - started }, 'job failed');
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  };
}
