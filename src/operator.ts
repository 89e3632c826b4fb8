import type { Container } from './container.js';
import type { Actor } from './features/events/event-log.js';
import type { AdminRole, TokenKind } from './features/tokens/token-service.js';
import { DomainError } from './domain-error.js';
import type { SyncOutcome } from './features/directory/entra-sync-service.js';

/** Operator actions shared by the CLI and the first start: each one transaction. */
const operator: Actor = { type: 'cli' };

export interface NewTenant {
  tenantId: string;
  scimToken: string;
  adminToken: string;
}

/** `ownerEmail`: the initial owner's contact e-mail, where the tenant's admin alerts go. */
export function createTenant(container: Container, name: string, ownerEmail?: string): Promise<NewTenant> {
  return container.transaction(async (s) => {
    const tenant = await s.tenants.create(name, operator);
    await s.catalog.createDefault(tenant.id, operator);
    const scim = await s.tokens.issue(tenant.id, 'scim', null, operator, 'initial SCIM token');
    const admin = await s.tokens.issue(
      tenant.id,
      'admin',
      'owner',
      operator,
      'initial owner token',
      ownerEmail,
    );
    return { tenantId: tenant.id, scimToken: scim.token, adminToken: admin.token };
  });
}

export function createToken(
  container: Container,
  tenantName: string,
  kind: TokenKind,
  role: AdminRole | null,
  email?: string,
) {
  return container.transaction(async (s) => {
    const tenant = await s.tenants.findByName(tenantName);
    if (!tenant) throw new DomainError('not_found', `No tenant named ${tenantName}`);
    return s.tokens.issue(tenant.id, kind, role, operator, undefined, email);
  });
}

export async function revokeToken(container: Container, tokenId: string): Promise<void> {
  await container.transaction((s) => s.tokens.revoke(tokenId, operator));
  container.tokenVerifier.forget(tokenId);
}

/** On the very first start (no tenant at all) create `default`, so a newcomer can connect an IdP at once. */
export async function bootstrapFirstTenant(container: Container): Promise<NewTenant | null> {
  if ((await container.services.tenants.count()) > 0) return null;
  return createTenant(container, 'default');
}

/** Runs every enabled connection of a tenant (or the one named) now, in this process, one after the other. */
export async function syncTenant(
  container: Container,
  tenantName: string,
  connectionId?: string,
): Promise<Array<{ name: string; outcome: SyncOutcome }>> {
  const tenant = await container.services.tenants.findByName(tenantName);
  if (!tenant) throw new DomainError('not_found', `No tenant named ${tenantName}`);
  const all = await container.directory.connections(container.database.knex).list(tenant.id);
  const chosen = connectionId ? all.filter((c) => c.id === connectionId) : all.filter((c) => c.enabled);
  if (chosen.length === 0) {
    throw new DomainError(
      'not_found',
      connectionId
        ? `Tenant ${tenantName} has no connection ${connectionId}`
        : `Tenant ${tenantName} has no enabled directory connection`,
    );
  }
  const results: Array<{ name: string; outcome: SyncOutcome }> = [];
  for (const connection of chosen) {
    results.push({
      name: connection.name,
      outcome: await container.directory.sync.run(connection.id, { trigger: 'cli' }),
    });
  }
  return results;
}
