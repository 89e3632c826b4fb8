import type { Knex } from 'knex';
import type { AdminRole } from '../tokens/token-service.js';

export type SessionEndReason = 'signed_out' | 'idle' | 'expired' | 'revoked';

/** A session as the auth check needs it, with what its principal may do now (the token's current role). */
export interface SessionRow {
  id: string;
  tenantId: string;
  tokenId: string;
  role: AdminRole | null;
  tokenLabel: string | null;
  tokenRevoked: boolean;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  endedAt: Date | null;
}

/** The one writer of `admin_sessions`. Sessions are found by the SHA-256 hash of their secret. */
export class SessionStore {
  constructor(private readonly db: Knex) {}

  async insert(session: {
    tenantId: string;
    tokenId: string;
    secretHash: Buffer;
    csrfToken: string;
    idleExpiresAt: Date;
    absoluteExpiresAt: Date;
  }): Promise<string> {
    const [row] = await this.db('admin_sessions')
      .insert({
        tenant_id: session.tenantId,
        method: 'admin_token',
        token_id: session.tokenId,
        secret_hash: session.secretHash,
        csrf_token: session.csrfToken,
        idle_expires_at: session.idleExpiresAt,
        absolute_expires_at: session.absoluteExpiresAt,
      })
      .returning(['id']);
    return row.id as string;
  }

  async findBySecretHash(secretHash: Buffer): Promise<SessionRow | undefined> {
    const row = await this.db('admin_sessions as s')
      .join('tokens as t', 't.id', 's.token_id')
      .where('s.secret_hash', secretHash)
      .first(
        's.id',
        's.tenant_id',
        's.token_id',
        's.csrf_token',
        's.created_at',
        's.last_seen_at',
        's.idle_expires_at',
        's.absolute_expires_at',
        's.ended_at',
        't.role',
        't.name as token_label',
        't.revoked_at',
      );
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      tokenId: row.token_id,
      role: row.role,
      tokenLabel: row.token_label,
      tokenRevoked: row.revoked_at !== null,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      idleExpiresAt: row.idle_expires_at,
      absoluteExpiresAt: row.absolute_expires_at,
      endedAt: row.ended_at,
    };
  }

  /** Moves the idle expiry on (never past the absolute one); false when the session has ended meanwhile. */
  async touch(id: string, idleExpiresAt: Date): Promise<boolean> {
    const updated = await this.db('admin_sessions')
      .where({ id })
      .whereNull('ended_at')
      .update({
        last_seen_at: this.db.fn.now(),
        idle_expires_at: this.db.raw('LEAST(?::timestamptz, absolute_expires_at)', [idleExpiresAt]),
      });
    return updated > 0;
  }

  /** Ends a session that has not ended yet; undefined when it already had. */
  async end(
    id: string,
    reason: SessionEndReason,
  ): Promise<{ tenantId: string; tokenId: string } | undefined> {
    const [row] = await this.db('admin_sessions')
      .where({ id })
      .whereNull('ended_at')
      .update({ ended_at: this.db.fn.now(), end_reason: reason })
      .returning(['tenant_id', 'token_id']);
    return row ? { tenantId: row.tenant_id, tokenId: row.token_id } : undefined;
  }

  /** Deletes sessions that ended or expired before `before`, at most `limit` at a time; how many went. */
  async purge(before: Date, limit: number): Promise<number> {
    return this.db('admin_sessions')
      .whereIn(
        'id',
        this.db('admin_sessions')
          .where((q) => q.where('ended_at', '<', before).orWhere('absolute_expires_at', '<', before))
          .select('id')
          .limit(limit),
      )
      .delete();
  }
}
