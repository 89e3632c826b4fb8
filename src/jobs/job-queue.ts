import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda, InMemoryNotificationChannel } from 'agenda';
import type { Database } from '../db/database.js';
import { knexBackedPool } from '../db/knex-backed-pool.js';
import type { Logger } from '../logger.js';

/**
 * The process's one Agenda, on seatsync's database: the job runner defines and starts it in a worker process, and
 * every process queues jobs through it (`now`), so work asked for over HTTP runs on a worker and outlives the request's
 * process. Built on first use; its table is created by a migration (ensureSchema: false).
 *
 * On the embedded database there is no LISTEN/NOTIFY and one process owns the data: an in-process notification
 * channel wakes this process's job runner for a job queued here. On a real server, notifications wake the workers.
 */
export class JobQueue {
  private instance: { agenda: Agenda; backend: PostgresBackend } | undefined;
  private processing = false;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  get agenda(): Agenda {
    return this.build().agenda;
  }

  /** Queues a job to run at once, on whichever worker takes it first. */
  async now(name: string, data: Record<string, unknown>): Promise<void> {
    const { agenda, backend } = this.build();
    // Agenda publishes a job's notification only on a connected channel, and only start() connects it: a process that
    // runs no worker connects it here, so a worker takes the job at once rather than at its next poll.
    const channel = backend.notificationChannel;
    if (!this.processing && channel && channel.state === 'disconnected') {
      try {
        await channel.connect();
      } catch (error) {
        // The job is still queued; the workers find it at their next poll.
        this.logger.warn({ err: error }, 'could not connect the job notification channel');
      }
    }
    await agenda.now(name, data);
  }

  /** Starts processing the defined jobs in this process (the job runner). */
  async start(): Promise<void> {
    const { agenda, backend } = this.build();
    this.processing = true;
    // start() connects the channel itself (and subscribes the processor to it).
    if (backend.notificationChannel?.state === 'connected') await backend.notificationChannel.disconnect();
    await agenda.start();
  }

  async close(): Promise<void> {
    if (!this.instance) return;
    const { agenda, backend } = this.instance;
    this.instance = undefined;
    if (this.processing) await agenda.stop();
    else {
      await backend.notificationChannel?.disconnect();
      await agenda.ready;
      await backend.disconnect();
    }
    this.processing = false;
  }

  private build(): { agenda: Agenda; backend: PostgresBackend } {
    if (this.instance) return this.instance;
    const { database, logger } = this;
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
      // Also how often an expired lock (a killed worker's job) is noticed: with the licensing jobs' 30 s lock a
      // surviving worker carries on within 40 s. Notifications still wake workers at once for new jobs.
      processEvery: embedded ? '5 seconds' : '10 seconds',
      ...(embedded ? { notificationChannel: new InMemoryNotificationChannel() } : {}),
    });
    agenda.on('error', (error: unknown) => logger.error({ err: error }, 'job runner error'));
    this.instance = { agenda, backend };
    return this.instance;
  }
}
