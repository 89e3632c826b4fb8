import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { Container } from '../container.js';

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
  const connection = database.knex.client.connectionSettings as { connectionString?: string; host?: string; port?: number };
  const backend = new PostgresBackend({
    ...(connection.connectionString
      ? { connectionString: connection.connectionString }
      : { poolConfig: { host: connection.host, port: connection.port, user: 'postgres', database: 'postgres', max: 2 } }),
    ensureSchema: false,
    disableNotifications: embedded,
  });
  const agenda = new Agenda({ backend, name: `seatsync-${process.pid}`, processEvery: embedded ? '5 seconds' : '30 seconds' });
  agenda.on('error', (error: unknown) => logger.error({ err: error }, 'job runner error'));
  return {
    agenda,
    async start() {
      await agenda.start();
      logger.info({ pollSeconds: embedded ? 5 : 30, database: database.mode, maxPool: config.DB_POOL_MAX }, 'job runner started');
    },
    async stop() {
      await agenda.stop();
    },
  };
}
