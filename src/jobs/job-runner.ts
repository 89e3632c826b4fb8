import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { Container } from '../container.js';
import { knexBackedPool } from '../db/knex-backed-pool.js';
import {
  defineContactReconciliationJobs,
  startContactReconciliationSchedules,
} from './contact-reconciliation-job.js';
import { defineEntraSyncJobs, startEntraSyncSchedules } from './entra-sync-job.js';
import { agendaHandler } from './licensing-job.js';
import { licensingJobs } from './licensing-jobs.js';

export interface JobRunner {
  agenda: Agenda;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Agenda job runner on seatsync's database. Its table is created by a migration (ensureSchema: false).
 * On the embedded database there is no LISTEN/NOTIFY, so it polls; on a real server notifications wake
 * workers at once. Jobs register themselves here as features add them (one thin file each under jobs/).
 */
export async function createJobRunner(container: Container): Promise<JobRunner> {
  const { config, database, logger } = container;
  const embedded = database.mode === 'embedded';
  const { connectionString } = database.knex.client.connectionSettings as { connectionString?: string };
  const backend = new PostgresBackend({
    // Embedded: Agenda shares knex's single connection (db/knex-backed-pool.ts says why).
    ...(embedded ? { pool: knexBackedPool(database.knex) } : { poolConfig: { connectionString, max: 2 } }),
    ensureSchema: false,
    disableNotifications: embedded,
  });
  const agenda = new Agenda({
    backend,
    name: `seatsync-${process.pid}`,
    processEvery: embedded ? '5 seconds' : '30 seconds',
  });
  agenda.on('error', (error: unknown) => logger.error({ err: error }, 'job runner error'));
  defineEntraSyncJobs(agenda, container);
  defineContactReconciliationJobs(agenda, container);
  // Licensing jobs work on all tenants and claim rows with SKIP LOCKED, so concurrency 1 per worker suffices;
  // the lock lifetime outlasts a batch, and runLicensingJob touches the lock between batches.
  for (const job of licensingJobs)
    agenda.define(job.name, agendaHandler(job, container), { concurrency: 1, lockLifetime: 10 * 60_000 });
  return {
    agenda,
    async start() {
      await agenda.start();
      await startEntraSyncSchedules(agenda, container);
      await startContactReconciliationSchedules(agenda, container);
      // every() keeps one schedule per name, so several workers starting together still schedule each job once.
      for (const job of licensingJobs) await agenda.every(job.interval, job.name);
      logger.info(
        { pollSeconds: embedded ? 5 : 30, database: database.mode, maxPool: config.DB_POOL_MAX },
        'job runner started',
      );
    },
    async stop() {
      await agenda.stop();
    },
  };
}
