import type { Knex } from 'knex';

export interface Tenant {
  id: string;
  name: string;
  defaultCountry: string;
  defaultLanguage: string;
  graceDays: number;
  massChangeThreshold: number;
  createdAt: Date;
}

interface TenantRow {
  id: string;
  name: string;
  default_country: string;
  default_language: string;
  grace_days: number;
  mass_change_threshold: number;
  created_at: Date;
}

const toTenant = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  defaultCountry: r.default_country,
  defaultLanguage: r.default_language,
  graceDays: r.grace_days,
  massChangeThreshold: r.mass_change_threshold,
  createdAt: r.created_at,
});

/** The one writer of `tenants`. A duplicate name is the database's unique violation, mapped by the service. */
export class TenantStore {
  constructor(private readonly db: Knex) {}

  async insert(name: string): Promise<Tenant> {
    const [row] = await this.db('tenants').insert({ name }).returning('*');
    return toTenant(row);
  }

  async find(id: string): Promise<Tenant | null> {
    const row: TenantRow | undefined = await this.db('tenants').where({ id }).first();
    return row ? toTenant(row) : null;
  }

  async findByName(name: string): Promise<Tenant | null> {
    const row: TenantRow | undefined = await this.db('tenants')
      .whereRaw('lower(name) = lower(?)', [name])
      .first();
    return row ? toTenant(row) : null;
  }

  /** The columns of the tenant's settings (tenant-settings.ts names them), locked when the caller will change them. */
  async settingsRow(
    id: string,
    columns: readonly string[],
    options: { forUpdate?: boolean } = {},
  ): Promise<Record<string, string | number> | null> {
    const q = this.db('tenants').where({ id });
    if (options.forUpdate) q.forUpdate();
    const row: Record<string, string | number> | undefined = await q.first(columns);
    return row ?? null;
  }

  async updateSettings(id: string, changes: Record<string, string | number>): Promise<void> {
    await this.db('tenants').where({ id }).update(changes);
  }

  async count(): Promise<number> {
    const [row] = await this.db('tenants').count<{ count: string }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }
}
