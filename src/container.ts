import type { Knex } from 'knex';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { EventLog } from './features/events/event-log.js';
import { GroupService } from './features/groups/group-service.js';
import { GroupStore } from './features/groups/group-store.js';
import { TenantService } from './features/tenants/tenant-service.js';
import { TokenService } from './features/tokens/token-service.js';
import { TokenVerifier } from './features/tokens/token-verifier.js';
import { UserService } from './features/users/user-service.js';
import { UserStore } from './features/users/user-store.js';
import type { Logger } from './logger.js';

export interface Services {
  events: EventLog;
  tenants: TenantService;
  tokens: TokenService;
  users: UserService;
  groups: GroupService;
}

/** Builds every service on one connection or transaction, so a request's writes share its transaction. */
export function servicesFor(db: Knex): Services {
  const events = new EventLog(db);
  const userStore = new UserStore(db);
  return {
    events,
    tenants: new TenantService(db, events),
    tokens: new TokenService(db, events),
    users: new UserService(userStore, events),
    groups: new GroupService(new GroupStore(db), userStore, events),
  };
}

export interface Container {
  config: Config;
  logger: Logger;
  database: Database;
  /** Services on the pool, for reads that need no transaction. */
  services: Services;
  tokenVerifier: TokenVerifier;
  /** Runs `work` in one transaction: everything commits together or nothing does. */
  transaction<T>(work: (services: Services) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The composition root: the only place that creates the database, stores, services and clients. */
export async function createContainer(
  config: Config,
  logger: Logger,
  options: { database?: Database; reuseRunningEmbedded?: boolean } = {},
): Promise<Container> {
  const database =
    options.database ?? (await openDatabase(config, { reuseRunningEmbedded: options.reuseRunningEmbedded ?? false }));
  const services = servicesFor(database.knex);
  return {
    config,
    logger,
    database,
    services,
    tokenVerifier: new TokenVerifier(
      () => services.tokens,
      config.TOKEN_CACHE_SECONDS * 1000,
      (error) => logger.warn({ err: error }, 'could not record token use'),
    ),
    transaction: (work) => database.knex.transaction((trx) => work(servicesFor(trx))),
    close: () => database.close(),
  };
}
