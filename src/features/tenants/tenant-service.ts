import type { Knex } from 'knex';
import { DomainError } from '../../domain-error.js';
import { isUniqueViolation } from '../../db/database-errors.js';
import type { Actor, EventLog } from '../events/event-log.js';

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

export class TenantService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
  ) {}

  async create(name: string, actor: Actor): Promise<Tenant> {
    const trimmed = name.trim();
    if (!/^[\w.-]{1,64}$/.test(trimmed)) {
      throw new DomainError(
        'invalid_value',
        'A tenant name is 1-64 letters, digits, dots, dashes or underscores',
      );
    }
    try {
      const [row] = await this.db('tenants').insert({ name: trimmed }).returning('*');
      const tenant = toTenant(row);
      await this.events.append({
        tenantId: tenant.id,
        actor,
        action: 'tenant.created',
        entityType: 'tenant',
        entityId: tenant.id,
        after: tenant,
      });
      return tenant;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('uniqueness', `A tenant named ${trimmed} already exists`);
      throw error;
    }
  }

  async get(id: string): Promise<Tenant> {
    const row = await this.db('tenants').where({ id }).first();
    if (!row) throw new DomainError('not_found', `Tenant ${id} not found`);
    return toTenant(row);
  }

  async findByName(name: string): Promise<Tenant | null> {
    const row = await this.db('tenants').whereRaw('lower(name) = lower(?)', [name]).first();
    return row ? toTenant(row) : null;
  }

  async count(): Promise<number> {
    const [row] = await this.db('tenants').count<{ count: string }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }
}
