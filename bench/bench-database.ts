import knexFactory, { type Knex } from 'knex';
import { databaseUrl } from './bench-config.js';

/**
 * The benchmark's own database on the given server: dropped and created fresh at the start, dropped at the end,
 * so a run never measures (or damages) anything else on the server.
 */
export class BenchDatabase {
  readonly url: string;

  constructor(
    private readonly serverUrl: string,
    readonly name: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
    this.url = databaseUrl(serverUrl, name);
  }

  async recreate(): Promise<void> {
    await this.withAdmin(async (admin) => {
      // WITH (FORCE) ends sessions a crashed earlier run may have left behind.
      await admin.raw(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
      await admin.raw(`CREATE DATABASE ${this.name}`);
    });
  }

  async drop(): Promise<void> {
    await this.withAdmin((admin) => admin.raw(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }

  async serverVersion(): Promise<string> {
    return this.withAdmin(async (admin) => {
      const result = await admin.raw<{ rows: Array<{ server_version: string }> }>('SHOW server_version');
      return result.rows[0]?.server_version ?? 'unknown';
    });
  }

  private async withAdmin<T>(work: (admin: Knex) => Promise<T>): Promise<T> {
    const admin = knexFactory({ client: 'pg', connection: this.serverUrl, pool: { min: 0, max: 1 } });
    try {
      return await work(admin);
    } finally {
      await admin.destroy();
    }
  }
}
