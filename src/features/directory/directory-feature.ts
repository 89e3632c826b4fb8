import type { Knex } from 'knex';
import { decodeSecretKey, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { EventLog } from '../events/event-log.js';
import { ConnectionService } from './connection-service.js';
import { ContactReconciliationService } from './contact-reconciliation-service.js';
import type { DirectorySources } from './directory-source.js';
import { EntraEndpointPolicy } from './entra-endpoint-policy.js';
import { EntraSyncService, type SyncServices } from './entra-sync-service.js';
import { SecretBox } from './secret-box.js';

/** The directory (pull connector) feature as the container exposes it. */
export interface DirectoryFeature {
  /** Connection management on a connection or transaction. */
  connections(db: Knex): ConnectionService;
  /** Runs syncs; opens its own transactions (one per page or batch), so it is built once on the pool. */
  sync: EntraSyncService;
  /** Runs contact reconciliations; like the sync, one transaction per batch, built once on the pool. */
  reconciliation: ContactReconciliationService;
}

export interface DirectoryFeatureDeps {
  knex: Knex;
  config: Config;
  logger: Logger;
  /** The services built on a transaction (the container's servicesFor). */
  servicesOn: (db: Knex) => SyncServices & { events: EventLog };
  /** The directories the connections read (the composition root chooses the connector). */
  sources: DirectorySources;
}

export function createDirectoryFeature(deps: DirectoryFeatureDeps): DirectoryFeature {
  const secrets = new SecretBox(deps.config.SECRET_KEY ? decodeSecretKey(deps.config.SECRET_KEY) : null);
  const endpoints = new EntraEndpointPolicy(deps.config.ENTRA_EXTRA_HOSTS);
  const connections = (db: Knex) =>
    new ConnectionService(db, secrets, deps.sources, deps.servicesOn(db).events, endpoints);
  return {
    connections,
    sync: new EntraSyncService({
      knex: deps.knex,
      servicesOn: deps.servicesOn,
      connectionsOn: connections,
      logger: deps.logger,
    }),
    reconciliation: new ContactReconciliationService({
      knex: deps.knex,
      servicesOn: deps.servicesOn,
      logger: deps.logger,
    }),
  };
}
