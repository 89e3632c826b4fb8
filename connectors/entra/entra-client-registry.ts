import type {
  DirectorySource,
  DirectorySources,
  SourceCredentials,
} from '../../src/features/directory/directory-source.js';
import { EntraDirectoryClient } from './entra-directory-client.js';
import type { EntraDirectoryClientOptions } from './entra-directory-client.js';

interface Entry {
  version: number;
  client: EntraDirectoryClient;
}

/**
 * The directory feature's sources for Entra connections: one EntraDirectoryClient (and so one MSAL confidential
 * client with its token cache) per connection, reused across runs. Keyed by connection id; a new connection version
 * (secret or endpoint changed) replaces it. Process-wide, built once by the composition root.
 */
export class EntraClientRegistry implements DirectorySources {
  private readonly clients = new Map<string, Entry>();

  constructor(private readonly options: EntraDirectoryClientOptions = {}) {}

  sourceFor(
    connection: { id: string; version: number },
    credentials: () => SourceCredentials,
  ): DirectorySource {
    const cached = this.clients.get(connection.id);
    if (cached && cached.version === connection.version) return cached.client;
    const client = new EntraDirectoryClient(credentials(), this.options);
    this.clients.set(connection.id, { version: connection.version, client });
    return client;
  }

  forget(connectionId: string): void {
    this.clients.delete(connectionId);
  }
}
