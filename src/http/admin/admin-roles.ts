import { DomainError } from '../../domain-error.js';
import type { AdminRole } from '../../features/tokens/token-service.js';

/** Who may call a route. Reads are open to every role; read_only may only read. */
export const ANY_ROLE: readonly AdminRole[] = ['owner', 'license_admin', 'read_only'];
/** Every role there is, the provider's operator included. */
export const ALL_ROLES: readonly AdminRole[] = ['owner', 'license_admin', 'read_only', 'operator'];
/** Creating and editing users. */
export const USER_WRITERS: readonly AdminRole[] = ['owner', 'license_admin'];
/** Licenses, seats, numbers and assignments. */
export const LICENSE_WRITERS: readonly AdminRole[] = ['owner', 'license_admin'];
/** Tenant-wide settings, tokens and directory connections. */
export const OWNER_ONLY: readonly AdminRole[] = ['owner'];
/** The catalog belongs to the provider: every tenant role reads it, and so does the operator who edits it. */
export const CATALOG_READERS: readonly AdminRole[] = ['owner', 'license_admin', 'read_only', 'operator'];
/** Editing the catalog is an operator action (an operator token, issued by the CLI), never a tenant role's. */
export const CATALOG_EDITORS: readonly AdminRole[] = ['operator'];

/** Refuses a role the route does not allow, naming the roles that would be (the admin can ask for one). */
export function assertRole(allowed: readonly AdminRole[], role: AdminRole | null): void {
  if (role && allowed.includes(role)) return;
  const needed =
    allowed.length === 1
      ? `the ${allowed[0]} role`
      : `the ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]} role`;
  throw new DomainError('permission_denied', `This needs ${needed}; your token has ${role ?? 'no role'}`);
}
