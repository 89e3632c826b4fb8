import type { Knex } from 'knex';
import type { AdminRole, TokenInfo, TokenKind } from './token-service.js';

export interface TokenRow {
  id: string;
  tenant_id: string;
  kind: TokenKind;
  role: AdminRole | null;
}

interface TokenInfoRow {
  id: string;
  name: string | null;
  kind: TokenKind;
  role: AdminRole | null;
  email: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const INFO_COLUMNS = ['id', 'name', 'kind', 'role', 'email', 'created_at', 'last_used_at', 'revoked_at'];

const toTokenInfo = (r: TokenInfoRow): TokenInfo => ({
  id: r.id,
  label: r.name,
  kind: r.kind,
  role: r.role,
  email: r.email,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

// A revocation is stamped with its transaction's start time but seen only once it commits: a check that asks for
// revocations since its previous run looks this far back, so one committed late is not missed.
const REVOCATION_LOOKBACK_SECONDS = 60;

/** The one writer of `tokens`. Tokens are stored by the SHA-256 hash of their secret, never the secret. */
export class TokenStore {
  constructor(private readonly db: Knex) {}

  async insert(token: {
    tenantId: string;
    kind: TokenKind;
    role: AdminRole | null;
    name: string | null;
    email: string | null;
    hash: Buffer;
  }): Promise<string> {
    const [row] = await this.db('tokens')
      .insert({
        tenant_id: token.tenantId,
        kind: token.kind,
        role: token.role,
        name: token.name,
        email: token.email,
        hash: token.hash,
      })
      .returning(['id']);
    return row.id;
  }

  /** Revokes a token that is not revoked yet; undefined when there is none. */
  async revoke(tokenId: string): Promise<(TokenRow & { name: string | null }) | undefined> {
    const [row] = await this.db('tokens')
      .where({ id: tokenId })
      .whereNull('revoked_at')
      .update({ revoked_at: this.db.fn.now() })
      .returning(['id', 'tenant_id', 'kind', 'role', 'name']);
    return row;
  }

  /** A tenant's tokens, oldest first, `limit` after the token `afterId` (keyset on created_at, id). */
  async list(
    tenantId: string,
    options: { limit: number; afterId?: string | undefined; status?: 'active' | 'revoked' | undefined },
  ): Promise<TokenInfo[]> {
    const q = this.db('tokens')
      .where({ tenant_id: tenantId })
      .select(INFO_COLUMNS)
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .limit(options.limit);
    if (options.status === 'active') q.whereNull('revoked_at');
    if (options.status === 'revoked') q.whereNotNull('revoked_at');
    // The cursor's own row gives created_at at full (microsecond) precision, which a JavaScript Date cannot carry.
    if (options.afterId) {
      q.whereRaw('(created_at, id) > ((SELECT c.created_at FROM tokens c WHERE c.id = ?), ?::uuid)', [
        options.afterId,
        options.afterId,
      ]);
    }
    return ((await q) as TokenInfoRow[]).map(toTokenInfo);
  }

  async find(tenantId: string, tokenId: string): Promise<TokenInfo | undefined> {
    const row = await this.db('tokens').where({ tenant_id: tenantId, id: tokenId }).first(INFO_COLUMNS);
    return row ? toTokenInfo(row as TokenInfoRow) : undefined;
  }

  /** The tenant's active owner tokens, locked, so two revocations cannot each leave the other as the last. */
  async lockActiveOwners(tenantId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db('tokens')
      .where({ tenant_id: tenantId, role: 'owner' })
      .whereNull('revoked_at')
      .forUpdate()
      .select('id');
    return rows.map((r) => r.id);
  }

  /**
   * Ids of tokens revoked since `since` (the database time of the previous check; null on the first), and the
   * database time of this check. Cheap: an index range over the few recent revocations.
   */
  async revokedSince(since: Date | null): Promise<{ ids: string[]; checkedAt: Date }> {
    const { rows } = (await this.db.raw(
      `SELECT now() AS checked_at,
              coalesce(array_agg(id::text) FILTER (WHERE id IS NOT NULL), '{}') AS ids
         FROM (SELECT id FROM tokens
                WHERE revoked_at IS NOT NULL
                  AND revoked_at >= coalesce(?::timestamptz, now()) - make_interval(secs => ?)) recent
         RIGHT JOIN (SELECT 1) one ON true`,
      [since, REVOCATION_LOOKBACK_SECONDS],
    )) as { rows: Array<{ checked_at: Date; ids: string[] }> };
    const row = rows[0];
    return { ids: row?.ids ?? [], checkedAt: row?.checked_at ?? new Date() };
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
