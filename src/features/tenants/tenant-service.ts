import { DomainError } from '../../domain-error.js';
import { isUniqueViolation } from '../../db/database-errors.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { Tenant, TenantStore } from './tenant-store.js';

export type { Tenant } from './tenant-store.js';

export class TenantService {
  constructor(
    private readonly store: TenantStore,
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
      const tenant = await this.store.insert(trimmed);
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
    const tenant = await this.store.find(id);
    if (!tenant) throw new DomainError('not_found', `Tenant ${id} not found`);
    return tenant;
  }

  findByName(name: string): Promise<Tenant | null> {
    return this.store.findByName(name);
  }

  count(): Promise<number> {
    return this.store.count();
  }
}
