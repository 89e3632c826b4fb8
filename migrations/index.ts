import type { Knex } from 'knex';
import * as tenantsAndTokens from './20261122090000_tenants_and_tokens.js';
import * as users from './20261122090100_users.js';
import * as groups from './20261122090200_groups.js';
import * as events from './20261122090300_events.js';
import * as agendaJobs from './20261122090400_agenda_jobs.js';

/**
 * Every migration, in order. A static list (rather than a directory scan) works the same from TypeScript
 * sources and from the compiled build. Migrations are never edited after they land: add a new one.
 */
export const migrations: ReadonlyArray<readonly [string, Knex.Migration]> = [
  ['20261122090000_tenants_and_tokens', tenantsAndTokens],
  ['20261122090100_users', users],
  ['20261122090200_groups', groups],
  ['20261122090300_events', events],
  ['20261122090400_agenda_jobs', agendaJobs],
];
