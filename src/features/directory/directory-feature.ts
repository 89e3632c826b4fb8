import type { Knex } from 'knex';
import type { EntraDirectoryClientOptions } from '../../../connectors/entra/entra-directory-client.js';
import { decodeSecretKey, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { ConnectionService } from './connection-service.js';
import { ContactReconciliationService } from './contact-reconciliation-service.js';
import { EntraClientRegistry } from './entra-client-registry.js';
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
  servicesOn: (db: Knex) => SyncServices;
  /** Graph client options (page size, retry policy); tests pass a retry sleep that does not wait. */
  entraClientOptions?: EntraDirectoryClientOptions;
}

export function createDirectoryFeature(deps: DirectoryFeatureDeps): DirectoryFeature {
  const secrets = new SecretBox(deps.config.SECRET_KEY ? decodeSecretKey(deps.config.SECRET_KEY) : null);
  const clients = new EntraClientRegistry({
    ...deps.entraClientOptions,
    logger: deps.entraClientOptions?.logger ?? deps.logger.child({ component: 'entra' }),
  });
  const connections = (db: Knex) => new ConnectionService(db, secrets, clients, deps.servicesOn(db).events);
  return {
    connections,
    sync: new EntraSyncService({
      knex: deps.knex,
      servicesOn: deps.servicesOn,
      connectionsOn: connections,
      clients,
      logger: deps.logger,
    }),
    reconciliation: new ContactReconciliationService({
      knex: deps.knex,
      servicesOn: deps.servicesOn,
      logger: deps.logger,
    }),
  };
}
