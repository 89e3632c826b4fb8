import type { Knex } from 'knex';
import type { AdminRole, TokenKind } from './token-service.js';

export interface TokenRow {
  id: string;
  tenant_id: string;
  kind: TokenKind;
  role: AdminRole | null;
}

/** The one writer of `tokens`. Tokens are stored by the SHA-256 hash of their secret, never the secret. */
export class TokenStore {
  constructor(private readonly db: Knex) {}

  async insert(token: {
    tenantId: string;
    kind: TokenKind;
    role: AdminRole | null;
    name: string | null;
    hash: Buffer;
  }): Promise<string> {
    const [row] = await this.db('tokens')
      .insert({
        tenant_id: token.tenantId,
        kind: token.kind,
        role: token.role,
        name: token.name,
        hash: token.hash,
      })
      .returning(['id']);
    return row.id;
  }

  /** Revokes a token that is not revoked yet; undefined when there is none. */
  async revoke(tokenId: string): Promise<TokenRow | undefined> {
    const [row] = await this.db('tokens')
      .where({ id: tokenId })
      .whereNull('revoked_at')
      .update({ revoked_at: this.db.fn.now() })
      .returning(['id', 'tenant_id', 'kind', 'role']);
    return row;
  }

  async findActiveByHash(hash: Buffer): Promise<TokenRow | undefined> {
    return this.db('tokens').where({ hash }).whereNull('revoked_at').first('id', 'tenant_id', 'kind', 'role');
  }

  /** Records use without a write per request: at most one update per token per minute. */
  async touch(tokenId: string): Promise<void> {
    await this.db('tokens')
      .where({ id: tokenId })
      .where((q) => q.whereNull('last_used_at').orWhereRaw("last_used_at < now() - interval '1 minute'"))
      .update({ last_used_at: this.db.fn.now() });
  }
}
