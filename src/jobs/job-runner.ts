import type { Agenda } from 'agenda';
import type { Container } from '../container.js';
import { defineConnectionJob, startConnectionSchedules } from './connection-job.js';
import { connectionJobs } from './connection-jobs.js';
import { agendaHandler, LICENSING_LOCK_LIFETIME_MS } from './licensing-job.js';
import { licensingJobs } from './licensing-jobs.js';
import { startOutboxDelivery } from './outbox-delivery-job.js';

export interface JobRunner {
  agenda: Agenda;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Agenda job runner: the container's job queue (jobs/job-queue.ts), with every job defined on it, processing in
 * this process. On the embedded database it polls; on a real server notifications wake workers at once. Jobs register
 * themselves here as features add them (one thin file each under jobs/).
 */
export async function createJobRunner(container: Container): Promise<JobRunner> {
  const { config, database, logger } = container;
  const { agenda } = container.jobs;
  for (const job of connectionJobs) defineConnectionJob(agenda, container, job);
  // Licensing jobs work on all tenants and claim rows with SKIP LOCKED, so concurrency 1 per worker suffices;
  // their lock is short and renewed while they run (licensing-job.ts), so a killed worker's run moves on soon.
  for (const job of licensingJobs)
    agenda.define(job.name, agendaHandler(job, container), {
      concurrency: 1,
      lockLifetime: LICENSING_LOCK_LIFETIME_MS,
    });
  let stopOutbox: (() => Promise<void>) | null = null;
  return {
    agenda,
    async start() {
      await container.jobs.start();
      for (const job of connectionJobs) await startConnectionSchedules(agenda, container, job);
      // every() keeps one schedule per name, so several workers starting together still schedule each job once.
      for (const job of licensingJobs) await agenda.every(job.interval, job.name);
      stopOutbox = startOutboxDelivery(container);
      logger.info(
        {
          pollSeconds: database.mode === 'embedded' ? 5 : 10,
          database: database.mode,
          maxPool: config.DB_POOL_MAX,
        },
        'job runner started',
      );
    },
    async stop() {
      await stopOutbox?.();
      await container.jobs.close();
    },
  };
}
