import { EntraDirectoryClient } from '../../../connectors/entra/entra-directory-client.js';
import type {
  EntraConnectionConfig,
  EntraDirectoryClientOptions,
} from '../../../connectors/entra/entra-directory-client.js';

interface Entry {
  version: number;
  client: EntraDirectoryClient;
}

/**
 * One EntraDirectoryClient (and so one MSAL confidential client with its token cache) per connection, reused
 * across runs. Keyed by connection id; a new connection version (secret or endpoint changed) replaces it.
 * Process-wide, built once by the container.
 */
export class EntraClientRegistry {
  private readonly clients = new Map<string, Entry>();

  constructor(private readonly options: EntraDirectoryClientOptions = {}) {}

  clientFor(
    connection: { id: string; version: number },
    config: () => EntraConnectionConfig,
  ): EntraDirectoryClient {
    const cached = this.clients.get(connection.id);
    if (cached && cached.version === connection.version) return cached.client;
    const client = new EntraDirectoryClient(config(), this.options);
    this.clients.set(connection.id, { version: connection.version, client });
    return client;
  }

  /** A throw-away client for testing credentials before they are saved. */
  transientClient(config: EntraConnectionConfig): EntraDirectoryClient {
    return new EntraDirectoryClient(config, this.options);
  }

  forget(connectionId: string): void {
    this.clients.delete(connectionId);
  }
}
