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

export function agendaHandler(job: LicensingJob, container: Container) {
  return async (agendaJob: Job<unknown>) => {
    await runLicensingJob(job, container, agendaJob.attrs.data, () => agendaJob.touch());
  };
}
