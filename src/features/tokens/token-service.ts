import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError, notFound } from '../../domain-error.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { TokenStore } from './token-store.js';

export type TokenKind = 'scim' | 'admin';
/**
 * The roles of admin tokens. `operator` is the provider's, issued only by the operator CLI for one tenant: it
 * edits that tenant's product catalog and nothing else.
 */
export type AdminRole = 'owner' | 'license_admin' | 'read_only' | 'operator';

export interface IssuedToken {
  id: string;
  tenantId: string;
  kind: TokenKind;
  role: AdminRole | null;
  /** The secret itself: shown once, never stored. */
  token: string;
}

/** What the tenant may see of a token: never the secret, nor its hash. */
export interface TokenInfo {
  id: string;
  label: string | null;
  kind: TokenKind;
  role: AdminRole | null;
  /** Owner tokens only: where the tenant's admin alerts reach the person holding it. */
  email: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TokenIdentity {
  tokenId: string;
  tenantId: string;
  kind: TokenKind;
  role: AdminRole | null;
}

// A recognisable prefix lets secret scanners find leaked tokens; the rest is 256 random bits.
const TOKEN_PREFIX = 'sst_';

const isTokenId = (value: string) => /^[0-9a-f-]{36}$/i.test(value);

/** An owner's contact e-mail, checked here whatever the caller (admin API, CLI) validated already. */
export const ContactEmail = z.email().max(254);

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export class TokenService {
  constructor(
    private readonly store: TokenStore,
    private readonly events: EventLog,
  ) {}

  async issue(
    tenantId: string,
    kind: TokenKind,
    role: AdminRole | null,
    actor: Actor,
    name?: string,
    email?: string | null,
  ): Promise<IssuedToken> {
    if ((kind === 'admin') !== (role !== null)) {
      throw new DomainError(
        'invalid_value',
        kind === 'admin' ? 'An admin token needs a role' : 'Only admin tokens have a role',
      );
    }
    if (email != null) {
      if (role !== 'owner')
        throw new DomainError(
          'invalid_value',
          'Only owner tokens have a contact e-mail (alerts go to owners)',
        );
      if (!ContactEmail.safeParse(email).success)
        throw new DomainError('invalid_value', `${email} is not an e-mail address`);
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = await this.store.insert({
      tenantId,
      kind,
      role,
      name: name ?? null,
      email: email ?? null,
      hash: hashToken(token),
    });
    await this.events.append({
      tenantId,
      actor,
      action: 'token.created',
      entityType: 'token',
      entityId: id,
      after: { kind, role, name, email: email ?? null },
    });
    return { id, tenantId, kind, role, token };
  }

  /** A tenant's tokens, oldest first, `limit` after the token `afterId`. */
  list(
    tenantId: string,
    options: { limit: number; afterId?: string | undefined; status?: 'active' | 'revoked' | undefined },
  ): Promise<TokenInfo[]> {
    return this.store.list(tenantId, options);
  }

  async get(tenantId: string, tokenId: string): Promise<TokenInfo> {
    const token = isTokenId(tokenId) ? await this.store.find(tenantId, tokenId) : undefined;
    if (!token) throw notFound('Token', tokenId);
    return token;
  }

  /**
   * Revokes one of a tenant's tokens. The tenant's last active owner token is kept: without it nobody could
   * manage the tenant's tokens again (the operator CLI revokes any token, `revoke`).
   */
  async revokeInTenant(tenantId: string, tokenId: string, actor: Actor): Promise<TokenInfo> {
    const token = await this.get(tenantId, tokenId);
    if (token.revokedAt) {
      throw new DomainError('token.invalid_state', `Token ${token.label ?? tokenId} is already revoked`);
    }
    if (token.role === 'owner' && (await this.store.lockActiveOwners(tenantId)).length <= 1) {
      throw new DomainError(
        'token.last_owner',
        "This is the tenant's last owner token; create another owner token before revoking it",
      );
    }
    await this.revoke(tokenId, actor);
    return this.get(tenantId, tokenId);
  }

  async revoke(tokenId: string, actor: Actor): Promise<void> {
    if (!isTokenId(tokenId)) throw notFound('Token', tokenId);
    const row = await this.store.revoke(tokenId);
    if (!row) throw notFound('Active token', tokenId);
    await this.events.append({
      tenantId: row.tenant_id,
      actor,
      action: 'token.revoked',
      entityType: 'token',
      entityId: tokenId,
      before: { kind: row.kind, role: row.role, name: row.name },
    });
  }

  /** Ids of tokens revoked recently (see TokenStore.revokedSince), for every process's revocation check. */
  revokedSince(since: Date | null): Promise<{ ids: string[]; checkedAt: Date }> {
    return this.store.revokedSince(since);
  }

  /** Looks a presented secret up by its hash. The lookup is by hash, so timing reveals nothing about the secret. */
  async identify(token: string): Promise<TokenIdentity | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const row = await this.store.findActiveByHash(hashToken(token));
    if (!row) return null;
    return { tokenId: row.id, tenantId: row.tenant_id, kind: row.kind, role: row.role };
  }

  /** Records use without a write per request: at most one update per token per minute. */
  touch(tokenId: string): Promise<void> {
    return this.store.touch(tokenId);
  }
}
